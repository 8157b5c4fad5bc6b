import * as path from 'node:path';
import { readTemplate, resolveStack, type ResolveStackContext } from '../../../../src/local/template';
import type { LocalStack } from '../../../../src/local/stackModel';

const FIXTURES = path.join(__dirname, '../../../fixtures/templates');
const fixture = (...parts: string[]): string => path.join(FIXTURES, ...parts);
const CONTEXT: ResolveStackContext = { stackName: 'orders-test', region: 'eu-west-1', accountId: '123456789012' };
const ARN = 'arn:aws:lambda:eu-west-1:123456789012:function';

async function stackOf(file: string, parameters: Record<string, string> = {}, context: ResolveStackContext = CONTEXT): Promise<LocalStack> {
  return resolveStack(await readTemplate(file, { parameters }), context);
}

describe('resolveStack: a CloudFormation JSON template', () => {
  const file = fixture('cloudformation', 'orders.template.json');
  const queueName = 'orders-test-ShipmentQueue-BT44SFEI9MOS';

  it('resolves its function, rules and bus, leaving out the resource whose condition is false', async () => {
    expect(await stackOf(file)).toStrictEqual({
      templateFile: file,
      stackName: 'orders-test',
      region: 'eu-west-1',
      accountId: '123456789012',
      partition: 'aws',
      functions: [
        {
          logicalId: 'ConfirmOrder',
          functionName: 'orders-test-confirm-order',
          functionArn: `${ARN}:orders-test-confirm-order`,
          runtime: 'nodejs20.x',
          codeDirectory: fixture('cloudformation', 'src'),
          handler: 'confirm.handler',
          timeoutSeconds: 10,
          memorySizeMb: 256,
          environment: {
            TABLE: 'orders-test',
            TABLE_ARN: 'arn:aws:dynamodb:eu-west-1:123456789012:table/orders-test',
            QUEUE_URL: `https://sqs.eu-west-1.amazonaws.com/123456789012/${queueName}`,
            BUS: 'orders-test',
            BUS_ARN: 'arn:aws:events:eu-west-1:123456789012:event-bus/orders-test',
            GREETING: 'hello from eu-west-1 in aws, ${Literal}',
            LOG_LEVEL: 'debug',
            ZONE: 'b',
            FIRST_PART: 'left',
            SECRET: 'czNjcmV0',
            IS_TEST: 'true',
            URL_SUFFIX: 'amazonaws.com',
          },
          maximumRetryAttempts: 0,
          maximumEventAgeSeconds: 120,
          templatePath: 'Resources.ConfirmOrder',
        },
      ],
      rules: [
        {
          logicalId: 'OrderPlacedRule',
          name: 'orders-test-OrderPlacedRule-4203KKKFRESF',
          arn: 'arn:aws:events:eu-west-1:123456789012:rule/orders-test/orders-test-OrderPlacedRule-4203KKKFRESF',
          eventBusName: 'orders-test',
          eventPattern:
            '{"source":["shop.orders"],"detail-type":["OrderPlaced"],"detail":{"customerId":[12345678901234567890],"total":[{"numeric":[">",0.5]}]}}',
          state: 'ENABLED',
          targets: [
            {
              id: 'Confirm',
              arn: `${ARN}:orders-test-confirm-order`,
              kind: 'lambda',
              functionLogicalId: 'ConfirmOrder',
              inputTransformer: {
                inputPathsMap: { id: '$.detail.orderId', customer: '$.detail.customerId' },
                inputTemplate: '{"orderId": <id>, "customer": <customer>}',
              },
              templatePath: 'Resources.OrderPlacedRule.Properties.Targets[0]',
            },
            {
              id: 'Ship',
              arn: `arn:aws:sqs:eu-west-1:123456789012:${queueName}`,
              kind: 'sqs',
              inputPath: '$.detail',
              templatePath: 'Resources.OrderPlacedRule.Properties.Targets[1]',
            },
            {
              id: 'Audit',
              arn: `${ARN}:audit`,
              kind: undefined,
              unsupportedReason: "the function audit is not in the template: local mode invokes the template's own functions",
              templatePath: 'Resources.OrderPlacedRule.Properties.Targets[2]',
            },
          ],
          templatePath: 'Resources.OrderPlacedRule',
        },
        {
          logicalId: 'NightlyRule',
          name: 'nightly-report',
          arn: 'arn:aws:events:eu-west-1:123456789012:rule/nightly-report',
          eventBusName: 'default',
          state: 'DISABLED',
          targets: [
            {
              id: 'Report',
              arn: 'arn:aws:sns:eu-west-1:123456789012:reports',
              kind: 'sns',
              input: '{"report": "nightly"}',
              templatePath: 'Resources.NightlyRule.Properties.Targets[0]',
            },
          ],
          templatePath: 'Resources.NightlyRule',
        },
      ],
      buses: [{ logicalId: 'OrdersBus', name: 'orders-test', arn: 'arn:aws:events:eu-west-1:123456789012:event-bus/orders-test' }],
      skipped: [],
    });
  });

  it('keeps an integer beyond 2^53 in a pattern exact in its JSON text', async () => {
    const [rule] = (await stackOf(file)).rules;
    expect(rule?.eventPattern).toContain('"customerId":[12345678901234567890]');
  });

  it('takes the provisioned resources’ Ref and attributes from `physical`, and parameters from the caller', async () => {
    const stack = await stackOf(
      file,
      { Stage: 'prod' },
      {
        ...CONTEXT,
        partition: 'aws',
        physical: {
          ShipmentQueue: {
            type: 'AWS::SQS::Queue',
            ref: 'http://127.0.0.1:5000/123456789012/shipments',
            attributes: { Arn: 'arn:aws:sqs:eu-west-1:123456789012:shipments', QueueName: 'shipments' },
          },
          OrdersTable: {
            type: 'AWS::DynamoDB::Table',
            ref: 'orders-prod',
            attributes: { Arn: 'arn:aws:dynamodb:eu-west-1:123456789012:table/orders-prod' },
          },
        },
      },
    );
    expect(stack.functions[0]?.environment).toStrictEqual({
      TABLE: 'orders-prod',
      TABLE_ARN: 'arn:aws:dynamodb:eu-west-1:123456789012:table/orders-prod',
      QUEUE_URL: 'http://127.0.0.1:5000/123456789012/shipments',
      BUS: 'orders-prod',
      BUS_ARN: 'arn:aws:events:eu-west-1:123456789012:event-bus/orders-prod',
      GREETING: 'hello from eu-west-1 in aws, ${Literal}',
      LOG_LEVEL: 'warn',
      ZONE: 'b',
      FIRST_PART: 'left',
      SECRET: 'czNjcmV0',
      PROD_ONLY: 'yes',
      IS_TEST: 'false',
      URL_SUFFIX: 'amazonaws.com',
    });
    // The prod-only rule is in the stack now, with its pattern given as JSON text.
    expect(stack.rules.map((rule) => [rule.logicalId, rule.eventPattern, rule.targets[0]?.arn])).toStrictEqual([
      ['OrderPlacedRule', expect.any(String), `${ARN}:orders-test-confirm-order`],
      ['ProdAlarmRule', '{"source":["shop.alarms"]}', 'arn:aws:sqs:eu-west-1:123456789012:shipments'],
      ['NightlyRule', undefined, 'arn:aws:sns:eu-west-1:123456789012:reports'],
    ]);
  });

  it("builds ARNs in the region's partition", async () => {
    const stack = await stackOf(file, {}, { stackName: 'orders-test', region: 'cn-north-1', accountId: '123456789012' });
    expect([stack.partition, stack.functions[0]?.functionArn, stack.functions[0]?.environment.URL_SUFFIX]).toStrictEqual([
      'aws-cn',
      'arn:aws-cn:lambda:cn-north-1:123456789012:function:orders-test-confirm-order',
      'amazonaws.com.cn',
    ]);
  });
});

describe('resolveStack: a SAM YAML template with short-form tags and Globals', () => {
  const file = fixture('sam', 'template.yaml');
  const events = 'Resources.ConfirmOrder.Properties.Events';

  it('makes the functions, rules and invoke config SAM makes, Globals merged', async () => {
    expect(await stackOf(file, { Stage: 'test' })).toStrictEqual({
      templateFile: file,
      stackName: 'orders-test',
      region: 'eu-west-1',
      accountId: '123456789012',
      partition: 'aws',
      functions: [
        {
          logicalId: 'ConfirmOrder',
          functionName: 'confirm-order-test',
          functionArn: `${ARN}:confirm-order-test`,
          runtime: 'nodejs20.x',
          codeDirectory: fixture('sam', 'src'),
          handler: 'confirm.handler',
          entryPoint: 'confirm.ts',
          timeoutSeconds: 15,
          memorySizeMb: 256,
          environment: {
            STAGE: 'test',
            LOG_LEVEL: 'debug',
            TABLE: 'orders-test-OrdersTable-9D0Z9KY4LGZV',
            BUS_ARN: 'arn:aws:events:eu-west-1:123456789012:event-bus/orders-test',
            OWNER: 'team-orders',
            FIRST_ZONE: 'eu-west-1a',
            REGION_PART: 'west',
          },
          maximumRetryAttempts: 1,
          maximumEventAgeSeconds: 21600,
          templatePath: 'Resources.ConfirmOrder',
        },
        {
          logicalId: 'ArchiveOrder',
          functionName: 'orders-test-ArchiveOrder-GLPZT3MYEIJM',
          functionArn: `${ARN}:orders-test-ArchiveOrder-GLPZT3MYEIJM`,
          runtime: 'nodejs20.x',
          codeDirectory: fixture('sam', 'archive'),
          handler: 'archive.handler',
          timeoutSeconds: 5,
          memorySizeMb: 256,
          environment: { STAGE: 'test', LOG_LEVEL: 'info' },
          maximumRetryAttempts: 2,
          maximumEventAgeSeconds: 21600,
          templatePath: 'Resources.ArchiveOrder',
        },
        {
          // Not Node.js: kept as written, for the runtime to refuse with its own message.
          logicalId: 'ReportOrders',
          functionName: 'orders-test-ReportOrders-U7OC6B7SASWQ',
          functionArn: `${ARN}:orders-test-ReportOrders-U7OC6B7SASWQ`,
          runtime: 'python3.12',
          codeDirectory: fixture('sam', 'src'),
          handler: 'report.handler',
          timeoutSeconds: 5,
          memorySizeMb: 256,
          environment: { STAGE: 'test', LOG_LEVEL: 'info' },
          maximumRetryAttempts: 2,
          maximumEventAgeSeconds: 21600,
          templatePath: 'Resources.ReportOrders',
        },
      ],
      rules: [
        {
          logicalId: 'ConfirmOrderOrderPlaced',
          name: 'orders-test-ConfirmOrderOrderPlaced-3ZL9II32ZGAY',
          arn: 'arn:aws:events:eu-west-1:123456789012:rule/orders-test/orders-test-ConfirmOrderOrderPlaced-3ZL9II32ZGAY',
          eventBusName: 'orders-test',
          eventPattern: '{"source":["shop.orders"],"detail-type":["OrderPlaced"],"detail":{"orderNumber":[9007199254740993]}}',
          state: 'ENABLED',
          targets: [
            {
              id: 'ConfirmOrderOrderPlacedLambdaTarget',
              arn: `${ARN}:confirm-order-test`,
              kind: 'lambda',
              functionLogicalId: 'ConfirmOrder',
              inputTransformer: { inputPathsMap: { id: '$.detail.orderId' }, inputTemplate: '{"orderId": <id>}' },
              templatePath: `${events}.OrderPlaced`,
            },
          ],
          templatePath: `${events}.OrderPlaced`,
        },
        {
          logicalId: 'ConfirmOrderLegacyOrder',
          name: 'orders-test-ConfirmOrderLegacyOrder-YPKMAMRTJNFQ',
          arn: 'arn:aws:events:eu-west-1:123456789012:rule/orders-test-ConfirmOrderLegacyOrder-YPKMAMRTJNFQ',
          eventBusName: 'default',
          eventPattern: '{"source":["shop.legacy"]}',
          state: 'ENABLED',
          targets: [
            {
              id: 'ConfirmOrderLegacyOrderLambdaTarget',
              arn: `${ARN}:confirm-order-test`,
              kind: 'lambda',
              functionLogicalId: 'ConfirmOrder',
              inputPath: '$.detail',
              templatePath: `${events}.LegacyOrder`,
            },
          ],
          templatePath: `${events}.LegacyOrder`,
        },
        {
          logicalId: 'ArchiveOrderShipped',
          name: 'archive-shipped',
          arn: 'arn:aws:events:eu-west-1:123456789012:rule/orders-test/archive-shipped',
          eventBusName: 'orders-test',
          eventPattern: '{"detail-type":["OrderShipped"]}',
          state: 'DISABLED',
          targets: [
            {
              id: 'archive-target',
              arn: `${ARN}:orders-test-ArchiveOrder-GLPZT3MYEIJM`,
              kind: 'lambda',
              functionLogicalId: 'ArchiveOrder',
              input: '{"archive": true}',
              templatePath: 'Resources.ArchiveOrder.Properties.Events.Shipped',
            },
          ],
          templatePath: 'Resources.ArchiveOrder.Properties.Events.Shipped',
        },
      ],
      buses: [{ logicalId: 'OrdersBus', name: 'orders-test', arn: 'arn:aws:events:eu-west-1:123456789012:event-bus/orders-test' }],
      skipped: [
        {
          logicalId: 'ConfirmOrderApi',
          type: 'AWS::Serverless::Function event Api',
          reason: `${events}.Api: local mode routes EventBridge events only (EventBridgeRule and CloudWatchEvent events); this event source is not run`,
        },
      ],
    });
  });

  it('evaluates Conditions with the given parameters (OWNER is left out when Stage is not test)', async () => {
    const stack = await stackOf(file, { Stage: 'prod' });
    expect(stack.functions[0]?.environment).toStrictEqual({
      STAGE: 'prod',
      LOG_LEVEL: 'debug',
      TABLE: 'orders-test-OrdersTable-9D0Z9KY4LGZV',
      BUS_ARN: 'arn:aws:events:eu-west-1:123456789012:event-bus/orders-prod',
      FIRST_ZONE: 'eu-west-1a',
      REGION_PART: 'west',
    });
  });
});

describe('resolveStack: a CDK-synthesized template', () => {
  it('runs the function from its asset folder, with generated names', async () => {
    const file = fixture('cdk', 'cdk.out', 'OrdersStack.template.json');
    const functionName = 'orders-test-ConfirmOrder5C6D7E8F-3P2CZTQ3AC2Q';
    expect(await stackOf(file)).toStrictEqual({
      templateFile: file,
      stackName: 'orders-test',
      region: 'eu-west-1',
      accountId: '123456789012',
      partition: 'aws',
      functions: [
        {
          logicalId: 'ConfirmOrder5C6D7E8F',
          functionName,
          functionArn: `${ARN}:${functionName}`,
          runtime: 'nodejs22.x',
          codeDirectory: fixture('cdk', 'cdk.out', 'asset.4f2e9c1a'),
          handler: 'index.handler',
          timeoutSeconds: 3,
          memorySizeMb: 128,
          environment: { BUS_NAME: 'orders' },
          maximumRetryAttempts: 2,
          maximumEventAgeSeconds: 21600,
          templatePath: 'Resources.ConfirmOrder5C6D7E8F',
        },
      ],
      rules: [
        {
          logicalId: 'OrderPlacedRule9A8B7C6D',
          name: 'orders-test-OrderPlacedRule9A8B7C6D-ODDYIV467LCT',
          arn: 'arn:aws:events:eu-west-1:123456789012:rule/orders/orders-test-OrderPlacedRule9A8B7C6D-ODDYIV467LCT',
          eventBusName: 'orders',
          eventPattern: '{"source":["shop.orders"],"detail-type":["OrderPlaced"]}',
          state: 'ENABLED',
          targets: [
            {
              id: 'Target0',
              arn: `${ARN}:${functionName}`,
              kind: 'lambda',
              functionLogicalId: 'ConfirmOrder5C6D7E8F',
              templatePath: 'Resources.OrderPlacedRule9A8B7C6D.Properties.Targets[0]',
            },
          ],
          templatePath: 'Resources.OrderPlacedRule9A8B7C6D',
        },
      ],
      buses: [{ logicalId: 'OrdersBusA1B2C3D4', name: 'orders', arn: 'arn:aws:events:eu-west-1:123456789012:event-bus/orders' }],
      skipped: [],
    });
  });
});

describe('resolveStack: a Serverless Framework template', () => {
  it('runs the function from the service folder, the parent of .serverless', async () => {
    const file = fixture('serverless', '.serverless', 'cloudformation-template-update-stack.json');
    expect(await stackOf(file)).toStrictEqual({
      templateFile: file,
      stackName: 'orders-test',
      region: 'eu-west-1',
      accountId: '123456789012',
      partition: 'aws',
      functions: [
        {
          logicalId: 'HelloLambdaFunction',
          functionName: 'orders-dev-hello',
          functionArn: `${ARN}:orders-dev-hello`,
          runtime: 'nodejs20.x',
          codeDirectory: fixture('serverless'),
          handler: 'src/handler.hello',
          timeoutSeconds: 6,
          memorySizeMb: 1024,
          // A bucket's generated name is lower-case, as S3 requires.
          environment: { DEPLOYMENT_BUCKET: 'orders-test-serverlessdeploymentbucket-b1l2dni908xq' },
          maximumRetryAttempts: 2,
          maximumEventAgeSeconds: 21600,
          templatePath: 'Resources.HelloLambdaFunction',
        },
      ],
      rules: [
        {
          logicalId: 'HelloEventBridgeRule1',
          name: 'orders-dev-hello-rule-1',
          arn: 'arn:aws:events:eu-west-1:123456789012:rule/orders/orders-dev-hello-rule-1',
          eventBusName: 'orders',
          eventPattern: '{"source":["shop.orders"]}',
          state: 'ENABLED',
          targets: [
            {
              id: 'orders-dev-hello-rule-1-target',
              arn: `${ARN}:orders-dev-hello`,
              kind: 'lambda',
              functionLogicalId: 'HelloLambdaFunction',
              templatePath: 'Resources.HelloEventBridgeRule1.Properties.Targets[0]',
            },
          ],
          templatePath: 'Resources.HelloEventBridgeRule1',
        },
      ],
      buses: [],
      skipped: [],
    });
  });
});

describe('resolveStack: target input settings, checked as PutTargets checks them', () => {
  const { mkdtempSync, writeFileSync, rmSync } = jest.requireActual<typeof import('node:fs')>('node:fs');
  const { tmpdir } = jest.requireActual<typeof import('node:os')>('node:os');

  async function resolveTargets(targets: string): Promise<string> {
    const folder = mkdtempSync(path.join(tmpdir(), 'jeb-targets-'));
    try {
      const file = path.join(folder, 'template.yaml');
      writeFileSync(
        file,
        [
          'Resources:',
          '  Queue:',
          '    Type: AWS::SQS::Queue',
          '  Placed:',
          '    Type: AWS::Events::Rule',
          '    Properties:',
          '      EventPattern: { source: [shop] }',
          '      Targets:',
          targets,
        ].join('\n'),
      );
      const parsed = await readTemplate(file);
      try {
        resolveStack(parsed, { stackName: 'shop', region: 'us-east-1', accountId: '123456789012' });
        return 'resolved';
      } catch (error) {
        return (error as Error).message.replace(/^jest-eventbridge: template [^:]+: /, '');
      }
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  }

  it('refuses two input settings on one target, as AWS does', async () => {
    expect(await resolveTargets('        - { Id: audit, Arn: !GetAtt Queue.Arn, Input: \'{"a":1}\', InputPath: $.detail }')).toBe(
      'Resources.Placed.Properties.Targets[0]: target "audit" of rule Placed: Input and InputPath are both set; EventBridge takes at most one of Input, InputPath and InputTransformer: keep the one the target needs.',
    );
  });

  it('accepts one', async () => {
    expect(await resolveTargets('        - { Id: audit, Arn: !GetAtt Queue.Arn, InputPath: $.detail }')).toBe('resolved');
  });
});
