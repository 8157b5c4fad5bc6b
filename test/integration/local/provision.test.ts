/**
 * Provisioning against the emulator: the template's tables, queues, topics and buckets made by
 * the emulator's own CloudFormation, their physical ids usable by the SDK, the skipped list, and
 * nothing left behind after deletion or after a failed creation.
 */
import { randomUUID } from 'node:crypto';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { DynamoDBClient, GetItemCommand, ListTablesCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { ListQueuesCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { provisionResources, ProvisionError, type ProvisionTemplate } from '../../../src/local/provision';
import { ConfigurationError } from '../../../src/foundation/errors';
import { awsTestClientConfig, TEST_REGION } from '../../../tools/emulator';

const endpoint = process.env.JEST_EVENTBRIDGE_TEST_ENDPOINT_RESOLVED as string;
const config = awsTestClientConfig(endpoint);
const dynamodb = new DynamoDBClient(config);
const sqs = new SQSClient(config);
const cloudFormation = new CloudFormationClient(config);

afterAll(() => {
  dynamodb.destroy();
  sqs.destroy();
  cloudFormation.destroy();
});

const uniqueStackName = (label: string): string => `local-${label}-${randomUUID().slice(0, 8)}`;

async function stackStatus(stackId: string): Promise<string | undefined> {
  const { Stacks } = await cloudFormation.send(new DescribeStacksCommand({ StackName: stackId }));
  return Stacks?.[0]?.StackStatus;
}

async function allQueueUrls(): Promise<string[]> {
  return (await sqs.send(new ListQueuesCommand({}))).QueueUrls ?? [];
}

function serviceTemplate(suffix: string): ProvisionTemplate {
  return {
    parameters: { Stage: { Type: 'String' }, Unused: { Type: 'String' }, Retention: { Type: 'Number', Default: '345600' } },
    mappings: { Sizes: { test: { Receives: '3' } } },
    conditions: { IsTest: { 'Fn::Equals': [{ Ref: 'Stage' }, 'test'] }, IsProd: { 'Fn::Not': [{ Condition: 'IsTest' }] } },
    resources: {
      OrdersTable: {
        Type: 'AWS::DynamoDB::Table',
        Properties: {
          TableName: { 'Fn::Sub': `orders-\${Stage}-${suffix}` },
          AttributeDefinitions: [{ AttributeName: 'orderId', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'orderId', KeyType: 'HASH' }],
          BillingMode: 'PAY_PER_REQUEST',
          StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
        },
      },
      DeadLetters: { Type: 'AWS::SQS::Queue', Properties: { MessageRetentionPeriod: { Ref: 'Retention' } } },
      WorkQueue: {
        Type: 'AWS::SQS::Queue',
        DependsOn: ['DeadLetters', 'ConfirmOrder'],
        Properties: {
          RedrivePolicy: {
            deadLetterTargetArn: { 'Fn::GetAtt': ['DeadLetters', 'Arn'] },
            maxReceiveCount: { 'Fn::FindInMap': ['Sizes', { Ref: 'Stage' }, 'Receives'] },
          },
        },
      },
      Jobs: { Type: 'AWS::SQS::Queue', Properties: { FifoQueue: true } },
      Notifications: { Type: 'AWS::SNS::Topic', Condition: 'IsTest' },
      ProdOnly: { Type: 'AWS::SNS::Topic', Condition: 'IsProd' },
      Uploads: { Type: 'AWS::S3::Bucket' },
      Sessions: { Type: 'AWS::Serverless::SimpleTable', Properties: { PrimaryKey: { Name: 'sessionId', Type: 'String' } } },
      ConfirmOrder: { Type: 'AWS::Lambda::Function', Properties: { Handler: 'index.handler', Runtime: 'nodejs20.x' } },
      ConfirmOrderRole: { Type: 'AWS::IAM::Role', Properties: {} },
      WorkQueuePolicy: { Type: 'AWS::SQS::QueuePolicy', Properties: { Queues: [{ Ref: 'WorkQueue' }], PolicyDocument: {} } },
      NotifiedBucket: {
        Type: 'AWS::S3::Bucket',
        Properties: {
          NotificationConfiguration: {
            LambdaConfigurations: [{ Event: 's3:ObjectCreated:*', Function: { 'Fn::GetAtt': ['ConfirmOrder', 'Arn'] } }],
          },
        },
      },
      FollowerQueue: { Type: 'AWS::SQS::Queue', Properties: { Tags: [{ Key: 'bucket', Value: { Ref: 'NotifiedBucket' } }] } },
      EmailSubscription: {
        Type: 'AWS::SNS::Subscription',
        Properties: { TopicArn: { Ref: 'Notifications' }, Protocol: 'email', Endpoint: 'a@example.com' },
      },
      Api: { Type: 'AWS::ApiGateway::RestApi', Properties: { Name: 'api' } },
    },
  };
}

describe('provisionResources', () => {
  it('creates tables, queues, topics and buckets whose physical ids work, and lists what it does not create', async () => {
    const suffix = randomUUID().slice(0, 8);
    const stackName = uniqueStackName('service');
    const provisioned = await provisionResources({
      endpoint,
      region: TEST_REGION,
      stackName,
      template: serviceTemplate(suffix),
      parameters: { Stage: 'test' },
    });
    try {
      const { physical } = provisioned;
      expect(Object.keys(physical).sort()).toEqual([
        'DeadLetters',
        'Jobs',
        'Notifications',
        'OrdersTable',
        'Sessions',
        'Uploads',
        'WorkQueue',
      ]);

      const table = physical.OrdersTable;
      expect(table?.type).toBe('AWS::DynamoDB::Table');
      expect(table?.ref).toBe(`orders-test-${suffix}`);
      expect(table?.attributes.Arn).toBe(`arn:aws:dynamodb:us-east-1:123456789012:table/orders-test-${suffix}`);
      expect(table?.attributes.StreamArn).toMatch(
        new RegExp(`^arn:aws:dynamodb:us-east-1:123456789012:table/orders-test-${suffix}/stream/`),
      );
      await dynamodb.send(new PutItemCommand({ TableName: table?.ref, Item: { orderId: { S: 'o-1' }, total: { N: '42' } } }));
      const item = await dynamodb.send(new GetItemCommand({ TableName: table?.ref, Key: { orderId: { S: 'o-1' } } }));
      expect(item.Item).toEqual({ orderId: { S: 'o-1' }, total: { N: '42' } });

      const sessions = physical.Sessions;
      expect(sessions?.type).toBe('AWS::Serverless::SimpleTable');
      await dynamodb.send(new PutItemCommand({ TableName: sessions?.ref, Item: { sessionId: { S: 's-1' } } }));

      const queue = physical.WorkQueue;
      const queueName = queue?.attributes.QueueName ?? '';
      expect(queueName).toMatch(new RegExp(`^${stackName}-WorkQueue-`));
      expect(queue?.ref).toBe(`https://sqs.us-east-1.amazonaws.com/123456789012/${queueName}`);
      expect(queue?.attributes).toEqual({
        QueueUrl: queue?.ref,
        Arn: `arn:aws:sqs:us-east-1:123456789012:${queueName}`,
        QueueName: queueName,
      });
      await sqs.send(new SendMessageCommand({ QueueUrl: queue?.ref, MessageBody: 'hello' }));
      const received = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queue?.ref, WaitTimeSeconds: 1 }));
      expect(received.Messages?.map((message) => message.Body)).toEqual(['hello']);

      // A FIFO queue without a QueueName gets CloudFormation's kind of name, which moto would not make.
      expect(physical.Jobs?.attributes.QueueName).toBe(`${stackName}-Jobs.fifo`);
      await sqs.send(
        new SendMessageCommand({ QueueUrl: physical.Jobs?.ref, MessageBody: 'job', MessageGroupId: 'g', MessageDeduplicationId: 'd' }),
      );

      const topic = physical.Notifications;
      const topicName = topic?.attributes.TopicName ?? '';
      expect(topic?.ref).toBe(`arn:aws:sns:us-east-1:123456789012:${topicName}`);
      expect(topic?.attributes.TopicArn).toBe(topic?.ref);

      const bucket = physical.Uploads;
      expect(bucket?.ref).toMatch(new RegExp(`^${stackName}-uploads-[a-z0-9]+$`));
      expect(bucket?.attributes.Arn).toBe(`arn:aws:s3:::${bucket?.ref ?? ''}`);
      expect(bucket?.attributes.RegionalDomainName).toBe(`${bucket?.ref ?? ''}.s3.us-east-1.amazonaws.com`);

      expect(provisioned.skipped).toEqual([
        {
          logicalId: 'EmailSubscription',
          type: 'AWS::SNS::Subscription',
          reason: expect.stringMatching(/^the emulator's CloudFormation does not create SNS subscriptions/),
        },
        {
          logicalId: 'Api',
          type: 'AWS::ApiGateway::RestApi',
          reason: expect.stringMatching(/^local mode does not create AWS::ApiGateway::RestApi: /),
        },
        {
          logicalId: 'NotifiedBucket',
          type: 'AWS::S3::Bucket',
          reason: 'its properties refer to ConfirmOrder (AWS::Lambda::Function), which local mode does not create on the emulator',
        },
        {
          logicalId: 'FollowerQueue',
          type: 'AWS::SQS::Queue',
          reason: 'its properties refer to NotifiedBucket (AWS::S3::Bucket), which local mode does not create on the emulator',
        },
      ]);
      expect(provisioned.notNeeded.map(({ logicalId, type }) => `${logicalId} ${type}`)).toEqual([
        'ConfirmOrderRole AWS::IAM::Role',
        'WorkQueuePolicy AWS::SQS::QueuePolicy',
      ]);
    } finally {
      await provisioned.deleteStack();
    }

    // Deletion leaves nothing: the stack is DELETE_COMPLETE and its table and queues are gone.
    expect(await stackStatus(provisioned.stackId ?? '')).toBe('DELETE_COMPLETE');
    const tables = (await dynamodb.send(new ListTablesCommand({}))).TableNames ?? [];
    expect(tables.filter((name) => name.includes(suffix) || name.startsWith(stackName))).toEqual([]);
    expect((await allQueueUrls()).filter((url) => url.includes(stackName))).toEqual([]);
    // deleteStack is idempotent.
    await expect(provisioned.deleteStack()).resolves.toBeUndefined();
  });

  it('deletes what a failed creation made before throwing ProvisionError', async () => {
    const stackName = uniqueStackName('broken');
    const template: ProvisionTemplate = {
      resources: {
        Fine: { Type: 'AWS::SQS::Queue' },
        // No KeySchema: the emulator's CloudFormation fails half-way, after creating the queue.
        Broken: { Type: 'AWS::DynamoDB::Table', DependsOn: 'Fine', Properties: { TableName: `broken-${stackName}` } },
      },
    };
    const error: unknown = await provisionResources({ endpoint, region: TEST_REGION, stackName, template }).catch(
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(ProvisionError);
    expect((error as Error).message).toBe(
      `Could not create the template's resources on the emulator (stack "${stackName}": Fine (AWS::SQS::Queue), Broken (AWS::DynamoDB::Table)): the emulator's CloudFormation failed with an internal error (HTTP 500) while creating them: the properties of one of them lack something the emulator needs (a table's KeySchema, say); the emulator's log names it. If the emulator's CloudFormation cannot create one of these resources from its properties, run that part against AWS.`,
    );
    expect((await allQueueUrls()).filter((url) => url.includes(stackName))).toEqual([]);
  });

  it('refuses a parameter the created resources use that has no value and no Default, before any call', async () => {
    const template = serviceTemplate('x');
    await expect(provisionResources({ endpoint, region: TEST_REGION, stackName: uniqueStackName('params'), template })).rejects.toThrow(
      new ConfigurationError(
        `Template parameter "Stage" has no value and no Default: pass it in the local "parameters" option, e.g. parameters: { Stage: '...' }.`,
      ),
    );
  });

  it('makes no stack when nothing is to be created', async () => {
    const provisioned = await provisionResources({
      endpoint,
      region: TEST_REGION,
      stackName: uniqueStackName('empty'),
      template: { resources: { Fn: { Type: 'AWS::Serverless::Function' }, Role: { Type: 'AWS::IAM::Role' } } },
    });
    expect(provisioned.stackId).toBeUndefined();
    expect(provisioned.physical).toEqual({});
    expect(provisioned.skipped).toEqual([]);
    await provisioned.deleteStack();
  });
});
