import * as path from 'node:path';
import { cloudFormationBody, readTemplate, type TemplateResource } from '../../../../src/local/template';

const FIXTURES = path.join(__dirname, '../../../fixtures/templates');
/** What the provisioning gives the emulator's CloudFormation: everything but what local mode runs itself. */
const notRunLocally = (resource: TemplateResource): boolean => !/^AWS::(Lambda|Events)::/.test(resource.type);

describe('cloudFormationBody', () => {
  it("writes SAM's resources as CloudFormation, the parameters' values as Defaults", async () => {
    const parsed = await readTemplate(path.join(FIXTURES, 'sam', 'template.yaml'), { parameters: { Stage: 'test' } });
    expect(JSON.parse(cloudFormationBody(parsed, notRunLocally))).toStrictEqual({
      AWSTemplateFormatVersion: '2010-09-09',
      Parameters: { Stage: { Type: 'String', Default: 'test' }, Owner: { Type: 'String', Default: 'team-orders' } },
      Conditions: {
        IsTest: { 'Fn::Equals': [{ Ref: 'Stage' }, 'test'] },
        NotifyOwner: { 'Fn::And': [{ Condition: 'IsTest' }, { 'Fn::Not': [{ 'Fn::Equals': [{ Ref: 'Owner' }, ''] }] }] },
      },
      Resources: {
        OrdersTable: {
          Type: 'AWS::DynamoDB::Table',
          Properties: {
            AttributeDefinitions: [{ AttributeName: 'orderId', AttributeType: 'S' }],
            KeySchema: [{ AttributeName: 'orderId', KeyType: 'HASH' }],
            BillingMode: 'PAY_PER_REQUEST',
          },
        },
      },
    });
  });

  it('gives an SSM parameter its value as a plain String, keeps Metadata, and drops a DependsOn on a resource left out', async () => {
    const parsed = await readTemplate(path.join(FIXTURES, 'serverless', '.serverless', 'cloudformation-template-update-stack.json'));
    const body = JSON.parse(
      cloudFormationBody(parsed, (resource) => resource.type === 'AWS::Lambda::Function' || resource.type === 'AWS::S3::Bucket'),
    ) as {
      Resources: Record<string, { DependsOn?: string[] }>;
    };
    expect(Object.keys(body.Resources)).toStrictEqual(['ServerlessDeploymentBucket', 'HelloLambdaFunction']);
    expect(body.Resources.HelloLambdaFunction?.DependsOn).toBeUndefined();

    const cdk = await readTemplate(path.join(FIXTURES, 'cdk', 'cdk.out', 'OrdersStack.template.json'));
    const cdkBody = JSON.parse(cloudFormationBody(cdk, (resource) => resource.type === 'AWS::CDK::Metadata')) as Record<string, unknown>;
    expect(cdkBody.Parameters).toStrictEqual({
      BootstrapVersion: {
        Type: 'String',
        Default: '/cdk-bootstrap/hnb659fds/version',
        Description:
          'Version of the CDK Bootstrap resources in this environment, automatically retrieved from SSM Parameter Store. [cdk:skip]',
      },
    });
    expect(cdkBody.Resources).toStrictEqual({
      CDKMetadata: {
        Type: 'AWS::CDK::Metadata',
        Properties: { Analytics: 'v2:deflate64:H4sIAAAAAAAA' },
        Condition: 'CDKMetadataAvailable',
        Metadata: { 'aws:cdk:path': 'OrdersStack/CDKMetadata/Default' },
      },
    });
  });

  it('keeps a number a double cannot hold as written', async () => {
    const parsed = await readTemplate(path.join(FIXTURES, 'cloudformation', 'orders.template.json'));
    expect(cloudFormationBody(parsed, (resource) => resource.logicalId === 'OrderPlacedRule')).toContain(
      '"customerId":[12345678901234567890]',
    );
  });
});
