import { planSubTemplate, referencesOf, type ProvisionTemplate } from '../../../../src/local/provision';
import { ConfigurationError } from '../../../../src/foundation/errors';

describe('referencesOf', () => {
  it('reads Ref, both Fn::GetAtt forms, Fn::Sub variables (not ${!Literal}, not its own variables), Fn::FindInMap and Fn::If', () => {
    const references = referencesOf({
      a: { Ref: 'Table' },
      b: { 'Fn::GetAtt': ['Queue', 'Arn'] },
      c: { 'Fn::GetAtt': 'Topic.TopicName' },
      d: { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::${Bucket}/${!Literal}/${Stage}-${Queue.QueueName}' },
      e: { 'Fn::Sub': ['${Own}-${Other}', { Own: { Ref: 'Param' } }] },
      f: { 'Fn::FindInMap': ['Sizes', { Ref: 'Stage' }, 'Small'] },
      g: { 'Fn::If': ['IsTest', { Ref: 'A' }, { Ref: 'AWS::NoValue' }] },
    });
    expect([...references.names].sort()).toEqual(['A', 'Bucket', 'Other', 'Param', 'Queue', 'Stage', 'Table', 'Topic']);
    expect([...references.mappings]).toEqual(['Sizes']);
    expect([...references.conditions]).toEqual(['IsTest']);
    expect([...referencesOf({ 'Fn::ImportValue': { 'Fn::Sub': '${Stage}-key' } }).imports]).toEqual(['{"Fn::Sub":"${Stage}-key"}']);
  });
});

describe('planSubTemplate', () => {
  const template: ProvisionTemplate = {
    parameters: { Stage: { Type: 'String' }, Size: { Type: 'String', Default: 'small' }, Unused: { Type: 'String' } },
    mappings: { Sizes: { small: { Receives: '3' } }, Unrelated: {} },
    conditions: {
      IsTest: { 'Fn::Equals': [{ Ref: 'Stage' }, 'test'] },
      NotTest: { 'Fn::Not': [{ Condition: 'IsTest' }] },
      Other: { 'Fn::Equals': ['a', 'b'] },
    },
    resources: {
      Queue: {
        Type: 'AWS::SQS::Queue',
        Condition: 'NotTest',
        DependsOn: ['Fn', 'Dlq'],
        Properties: {
          RedrivePolicy: {
            deadLetterTargetArn: { 'Fn::GetAtt': ['Dlq', 'Arn'] },
            maxReceiveCount: { 'Fn::FindInMap': ['Sizes', { Ref: 'Size' }, 'Receives'] },
          },
        },
      },
      Dlq: { Type: 'AWS::SQS::Queue' },
      Sessions: {
        Type: 'AWS::Serverless::SimpleTable',
        Properties: { TableName: 'sessions', PrimaryKey: { Name: 'n', Type: 'Number' }, Tags: { team: 'x' } },
      },
      Fn: { Type: 'AWS::Serverless::Function' },
      Rule: { Type: 'AWS::Events::Rule' },
      Policy: { Type: 'AWS::IAM::Policy' },
      Dangling: { Type: 'AWS::SNS::Topic', Properties: { DisplayName: { Ref: 'Nowhere' } } },
      Imported: { Type: 'AWS::SNS::Topic', Properties: { KmsMasterKeyId: { 'Fn::ImportValue': 'shared-key' } } },
    },
  };

  it('keeps the created resources with only the parameters, mappings and conditions they use, and an output per attribute', () => {
    const plan = planSubTemplate(template, { parameterValues: { Stage: 'dev', Unused: 'x' } });
    expect(plan.template).toEqual({
      AWSTemplateFormatVersion: '2010-09-09',
      Description: 'The resources local mode of jest-eventbridge creates on the emulator.',
      Parameters: { Stage: { Type: 'String' }, Size: { Type: 'String', Default: 'small' } },
      Mappings: { Sizes: { small: { Receives: '3' } } },
      Conditions: { NotTest: { 'Fn::Not': [{ Condition: 'IsTest' }] }, IsTest: { 'Fn::Equals': [{ Ref: 'Stage' }, 'test'] } },
      Resources: {
        Queue: { ...template.resources.Queue, DependsOn: ['Dlq'] },
        Dlq: { Type: 'AWS::SQS::Queue' },
        Sessions: {
          Type: 'AWS::DynamoDB::Table',
          Properties: {
            TableName: 'sessions',
            AttributeDefinitions: [{ AttributeName: 'n', AttributeType: 'N' }],
            KeySchema: [{ AttributeName: 'n', KeyType: 'HASH' }],
            BillingMode: 'PAY_PER_REQUEST',
            Tags: [{ Key: 'team', Value: 'x' }],
          },
        },
      },
      Outputs: {
        JestEventBridgeAttr0: { Value: { 'Fn::GetAtt': ['Queue', 'Arn'] }, Condition: 'NotTest' },
        JestEventBridgeAttr1: { Value: { 'Fn::GetAtt': ['Queue', 'QueueName'] }, Condition: 'NotTest' },
        JestEventBridgeAttr2: { Value: { 'Fn::GetAtt': ['Dlq', 'Arn'] } },
        JestEventBridgeAttr3: { Value: { 'Fn::GetAtt': ['Dlq', 'QueueName'] } },
        JestEventBridgeAttr4: { Value: { 'Fn::GetAtt': ['Sessions', 'Arn'] } },
      },
    });
    expect(plan.parameterValues).toEqual({ Stage: 'dev' });
    expect(plan.included).toEqual({ Queue: 'AWS::SQS::Queue', Dlq: 'AWS::SQS::Queue', Sessions: 'AWS::Serverless::SimpleTable' });
    expect(plan.skipped).toEqual([
      {
        logicalId: 'Dangling',
        type: 'AWS::SNS::Topic',
        reason: 'its properties refer to "Nowhere" (not declared in the template), which local mode does not create on the emulator',
      },
      {
        logicalId: 'Imported',
        type: 'AWS::SNS::Topic',
        reason:
          'its properties refer to the export shared-key of another stack (Fn::ImportValue), which local mode does not create on the emulator',
      },
    ]);
    expect(plan.notNeeded).toEqual([
      { logicalId: 'Policy', type: 'AWS::IAM::Policy', reason: 'not needed locally: the emulator does not enforce IAM permissions' },
    ]);
  });

  it('refuses a used parameter with no value and no Default, naming each', () => {
    expect(() => planSubTemplate(template)).toThrow(
      new ConfigurationError(
        `Template parameter "Stage" has no value and no Default: pass it in the local "parameters" option, e.g. parameters: { Stage: '...' }.`,
      ),
    );
  });

  it('names a FIFO queue without a QueueName as CloudFormation does (<stack>-<logicalId>.fifo, at most 80 characters)', () => {
    const fifo: ProvisionTemplate = {
      resources: {
        Jobs: { Type: 'AWS::SQS::Queue', Properties: { FifoQueue: true } },
        Long: { Type: 'AWS::SQS::Queue', Properties: { FifoQueue: 'true' } },
        Named: { Type: 'AWS::SQS::Queue', Properties: { FifoQueue: true, QueueName: 'mine.fifo' } },
      },
    };
    const resources = planSubTemplate(fifo, { stackName: 'run-1' }).template?.Resources as Record<
      string,
      { Properties: { QueueName: string } }
    >;
    expect(resources.Jobs?.Properties.QueueName).toBe('run-1-Jobs.fifo');
    expect(resources.Named?.Properties.QueueName).toBe('mine.fifo');
    const long = planSubTemplate(fifo, { stackName: 's'.repeat(100) }).template?.Resources as Record<
      string,
      { Properties: { QueueName: string } }
    >;
    expect(long.Long?.Properties.QueueName).toBe(`${'s'.repeat(75)}.fifo`);
  });

  it('gives no template when nothing is to be created', () => {
    const plan = planSubTemplate({ resources: { Fn: { Type: 'AWS::Lambda::Function' } } });
    expect(plan.template).toBeUndefined();
    expect(plan.skipped).toEqual([]);
  });
});
