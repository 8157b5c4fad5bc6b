import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { readTemplate, resolveStack, TemplateError } from '../../../../src/local/template';
import type { LocalStack } from '../../../../src/local/stackModel';

const CONTEXT = { stackName: 'orders-test', region: 'eu-west-1', accountId: '123456789012' };
let folder = '';
let count = 0;

beforeAll(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'template-intrinsics-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

/** A SAM-less CloudFormation YAML template: a bus, a queue, a role, a function with `variables`, and `extra` resources. */
function template(options: { variables?: string; function?: string; extra?: string; head?: string } = {}): string {
  return [
    options.head ?? '',
    'Resources:',
    '  Bus:',
    '    Type: AWS::Events::EventBus',
    '    Properties: { Name: orders }',
    '  Queue:',
    '    Type: AWS::SQS::Queue',
    '  Role:',
    '    Type: AWS::IAM::Role',
    '  ConfirmOrder:',
    '    Type: AWS::Lambda::Function',
    '    Properties:',
    options.function ?? '      Handler: index.handler\n      Runtime: nodejs20.x\n      Code: src',
    '      Environment:',
    '        Variables:',
    options.variables ?? '          PLAIN: value',
    options.extra ?? '',
  ].join('\n');
}

async function resolve(text: string, parameters: Record<string, string> = {}): Promise<{ file: string; stack: LocalStack }> {
  count += 1;
  const file = path.join(folder, `template-${count}.yaml`);
  await writeFile(file, text);
  return { file, stack: resolveStack(await readTemplate(file, { parameters }), CONTEXT) };
}

/** The message resolving `text` fails with, its file name replaced by FILE. */
async function failure(text: string, parameters: Record<string, string> = {}): Promise<string> {
  count += 1;
  const file = path.join(folder, `template-${count}.yaml`);
  await writeFile(file, text);
  try {
    resolveStack(await readTemplate(file, { parameters }), CONTEXT);
  } catch (error) {
    expect(error).toBeInstanceOf(TemplateError);
    return (error as Error).message.replace(file, 'FILE');
  }
  throw new Error('resolved without an error');
}

const rule = (properties: string): string => `  Rule:\n    Type: AWS::Events::Rule\n    Properties:\n${properties}`;
const VARIABLE = 'Resources.ConfirmOrder.Properties.Environment.Variables.TABLE';
const UNKNOWN_ATTRIBUTE =
  'it knows Arn of functions, rules and buses, the attributes of what it made on the emulator, and the Arn of queues, topics, tables and buckets.';

describe('what local mode needs and cannot resolve is an error naming its place in the template', () => {
  it.each([
    [
      'Fn::ImportValue',
      { variables: '          TABLE: !ImportValue shared-table' },
      `${VARIABLE}: Fn::ImportValue reads another stack's export, which local mode cannot: pass the value as a template parameter (local.parameters) instead.`,
    ],
    [
      'a Ref to an unknown logical id, with a suggestion',
      { variables: '          TABLE: !Ref Queu' },
      `${VARIABLE}: Ref names "Queu", which is not a parameter, a pseudo parameter or a resource of the template: did you mean "Queue"?`,
    ],
    [
      'a GetAtt of an unknown logical id',
      { variables: '          TABLE: !GetAtt Nothing.Arn' },
      `${VARIABLE}: Fn::GetAtt names "Nothing", which is not a resource of the template: declare it, or correct the name.`,
    ],
    [
      'an unknown name in Fn::Sub',
      { variables: "          TABLE: !Sub '${Stage}-orders'" },
      `${VARIABLE}.Fn::Sub: \${Stage} names "Stage", which is not a parameter, a pseudo parameter or a resource of the template: declare it, or correct the name.`,
    ],
    [
      'an attribute it does not know',
      { variables: '          TABLE: !GetAtt Role.RoleId' },
      `${VARIABLE}: local mode does not know the attribute RoleId of Role (AWS::IAM::Role): ${UNKNOWN_ATTRIBUTE}`,
    ],
    [
      'an attribute of a queue it does not know',
      { variables: '          TABLE: !GetAtt Queue.Nope' },
      `${VARIABLE}: local mode does not know the attribute Nope of Queue (AWS::SQS::Queue): ${UNKNOWN_ATTRIBUTE}`,
    ],
    [
      'an attribute in Fn::Sub it does not know',
      { variables: "          TABLE: !Sub '${Role.RoleId}'" },
      `${VARIABLE}.Fn::Sub: local mode does not know the attribute RoleId of Role (AWS::IAM::Role): ${UNKNOWN_ATTRIBUTE}`,
    ],
    [
      'Fn::GetAtt without an attribute',
      { variables: '          TABLE: !GetAtt Queue' },
      `${VARIABLE}: Fn::GetAtt takes [LogicalId, Attribute] (or LogicalId.Attribute in the short form).`,
    ],
    [
      'Fn::Cidr',
      { variables: '          TABLE: !Select [0, !Cidr [10.0.0.0/16, 2, 8]]' },
      `${VARIABLE}.Fn::Select[1]: Fn::Cidr is not supported by local mode, which resolves Ref, Fn::GetAtt, Fn::Sub, Fn::Join, Fn::Select, Fn::Split, Fn::If, Fn::FindInMap, Fn::Base64 and Fn::GetAZs.`,
    ],
    [
      'a list where a string goes',
      { variables: '          TABLE: !Split [",", "a,b"]' },
      `${VARIABLE}: an environment variable must be a string, but it resolves to a list.`,
    ],
    [
      'an index out of Fn::Select',
      { variables: '          TABLE: !Select [3, [a, b]]' },
      `${VARIABLE}.Fn::Select[0]: the index 3 of Fn::Select is not in the list of 2.`,
    ],
    [
      'a mapping that does not exist',
      { variables: '          TABLE: !FindInMap [Missing, a, b]' },
      `${VARIABLE}.Fn::FindInMap: Fn::FindInMap names the mapping "Missing", which is not in Mappings.`,
    ],
    [
      'a condition that does not exist',
      { variables: '          TABLE: !If [IsProd, a, b]' },
      `${VARIABLE}.Fn::If[0]: the condition "IsProd" is not in Conditions.`,
    ],
    [
      'a condition that depends on itself',
      { head: 'Conditions:\n  A: !Condition B\n  B: !Condition A', variables: '          TABLE: !If [A, x, y]' },
      'Conditions.A: the condition A depends on itself.',
    ],
    [
      'a Ref to a resource whose condition is false',
      {
        head: 'Conditions:\n  Never: !Equals [a, b]',
        variables: '          TABLE: !Ref Other',
        extra: '  Other:\n    Type: AWS::SQS::Queue\n    Condition: Never',
      },
      `${VARIABLE}: Ref names Other, which is not created: its Condition Never is false. Give local.parameters the values that make it true, or refer to Other only where it exists (Fn::If on the same condition).`,
    ],
    [
      'a parameter whose value AWS reads from SSM',
      {
        head: 'Parameters:\n  Name:\n    Type: AWS::SSM::Parameter::Value<String>\n    Default: /orders/name',
        variables: '          TABLE: !Ref Name',
      },
      `${VARIABLE}: parameter "Name" is of type AWS::SSM::Parameter::Value<String>: AWS reads its value from SSM Parameter Store, which local mode does not. Declare it as String and give its value in local.parameters.`,
    ],
    [
      'a function without a Handler',
      { function: '      Runtime: nodejs20.x\n      Code: src' },
      'Resources.ConfirmOrder.Properties.Handler: the function has no Handler: set it to <file>.<export>, e.g. index.handler.',
    ],
    [
      'a function without a Runtime',
      { function: '      Handler: index.handler\n      Code: src' },
      'Resources.ConfirmOrder.Properties.Runtime: the function has no Runtime: set it, e.g. nodejs20.x (local mode runs Node.js handlers).',
    ],
    [
      'a Timeout Lambda refuses',
      { function: '      Handler: index.handler\n      Runtime: nodejs20.x\n      Code: src\n      Timeout: 1000' },
      'Resources.ConfirmOrder.Properties.Timeout: Timeout must be a whole number of seconds from 1 to 900, got "1000".',
    ],
    [
      'an event bus without a Name',
      { extra: '  Bus2:\n    Type: AWS::Events::EventBus' },
      'Resources.Bus2.Properties.Name: an event bus needs a Name (CloudFormation requires it): add Name to its Properties.',
    ],
    [
      'a pattern EventBridge refuses',
      { extra: rule('      EventPattern: { source: shop }\n      Targets: []') },
      'Resources.Rule.Properties.EventPattern: Event pattern is not valid. Reason: "source" must be an object or an array (at source). Fix the rule\'s EventPattern: local mode checks it as EventBridge\'s PutRule does (and as the eventPattern option is checked).',
    ],
    [
      'a pattern string that is not JSON',
      { extra: rule('      EventPattern: \'{"source": \'\n      Targets: []') },
      'Resources.Rule.Properties.EventPattern: EventPattern is a string but not valid JSON: value expected at line 1, column 12. Write the pattern as an object, or as JSON text.',
    ],
    [
      'a target without an Id',
      { extra: rule('      EventPattern: { source: [shop] }\n      Targets:\n        - Arn: !GetAtt Queue.Arn') },
      'Resources.Rule.Properties.Targets[0].Id: the target has no Id: give it one, unique within the rule.',
    ],
    [
      'a target without an Arn',
      { extra: rule('      EventPattern: { source: [shop] }\n      Targets:\n        - Id: a') },
      'Resources.Rule.Properties.Targets[0].Arn: the target has no Arn.',
    ],
    [
      'an InputPathsMap that is not JSONPaths',
      {
        extra: rule(
          '      EventPattern: { source: [shop] }\n      Targets:\n        - Id: a\n          Arn: !GetAtt Queue.Arn\n          InputTransformer: { InputPathsMap: { a: 1 }, InputTemplate: x }',
        ),
      },
      'Resources.Rule.Properties.Targets[0].InputTransformer.InputPathsMap: InputPathsMap must map names to JSONPath strings such as "$.detail.orderId".',
    ],
    [
      'an invoke config Lambda refuses',
      {
        extra:
          '  Config:\n    Type: AWS::Lambda::EventInvokeConfig\n    Properties:\n      FunctionName: !Ref ConfirmOrder\n      Qualifier: $LATEST\n      MaximumRetryAttempts: 5',
      },
      'Resources.Config.Properties.MaximumRetryAttempts: MaximumRetryAttempts must be a whole number of retries from 0 to 2, got "5".',
    ],
  ])('%s', async (_name, options, expected) => {
    expect(await failure(template(options))).toBe(`jest-eventbridge: template FILE: ${expected}`);
  });

  it('gives the TemplateError the place in the template', async () => {
    const { file } = await resolve(template());
    const parsed = await readTemplate(file);
    const broken = {
      ...parsed,
      resources: parsed.resources.map((resource) => ({ ...resource, properties: { ...resource.properties, Handler: { Ref: 'Nope' } } })),
    };
    expect(() => resolveStack(broken, CONTEXT)).toThrow(
      expect.objectContaining({ name: 'TemplateError', file, templatePath: 'Resources.ConfirmOrder.Properties.Handler' }) as Error,
    );
  });
});

describe('values local mode does not need are left alone', () => {
  it('does not resolve the properties it does not read (a Role from another stack)', async () => {
    const { stack } = await resolve(
      template({
        function: '      Handler: index.handler\n      Runtime: nodejs20.x\n      Code: src\n      Role: !ImportValue shared-role',
      }),
    );
    expect(stack.functions.map((fn) => fn.logicalId)).toStrictEqual(['ConfirmOrder']);
  });

  it('does not evaluate the condition of a resource it does not read', async () => {
    const { stack } = await resolve(
      template({
        head: 'Conditions:\n  Broken: !Equals [!Ref Missing, x]',
        extra: '  Topic:\n    Type: AWS::SNS::Topic\n    Condition: Broken',
      }),
    );
    expect(stack.functions.map((fn) => fn.logicalId)).toStrictEqual(['ConfirmOrder']);
  });

  it("gives a Ref to a resource it neither made nor knows the type of as the resource's logical id", async () => {
    const { stack } = await resolve(
      template({
        variables: '          ROLE: !Ref Role\n          RULE_ARN: !GetAtt Rule.Arn\n          RULE: !Ref Rule',
        extra: rule('      Name: nightly\n      ScheduleExpression: rate(1 day)'),
      }),
    );
    expect(stack.functions[0]?.environment).toStrictEqual({
      ROLE: 'Role',
      RULE_ARN: 'arn:aws:events:eu-west-1:123456789012:rule/nightly',
      RULE: 'nightly',
    });
  });

  it('gives a FIFO queue a generated name ending in .fifo, as SQS requires', async () => {
    const { stack } = await resolve(
      template({
        variables: '          QUEUE: !GetAtt Fifo.QueueName',
        extra: '  Fifo:\n    Type: AWS::SQS::Queue\n    Properties: { FifoQueue: true }',
      }),
    );
    expect(stack.functions[0]?.environment).toStrictEqual({ QUEUE: 'orders-test-Fifo-WZG2PID8JHZ7.fifo' });
  });
});

describe('functions and targets local mode cannot run are listed, not fatal', () => {
  const inline = '      Handler: index.handler\n      Runtime: nodejs20.x\n      Code: { ZipFile: "exports.handler = async () => 1" }';
  const inlineReason =
    'Resources.ConfirmOrder.Properties.Code.ZipFile: inline code is not run by local mode; put the handler in a file (with CDK, Code.fromAsset) and read the synthesized template';

  it('skips a function with inline code, and a target of it says why', async () => {
    const { stack } = await resolve(
      template({
        function: inline,
        extra: rule(
          '      EventPattern: { source: [shop] }\n      Targets:\n        - Id: a\n          Arn: !GetAtt ConfirmOrder.Arn\n        - Id: b\n          Arn: arn:aws:states:eu-west-1:123456789012:stateMachine:flow',
        ),
      }),
    );
    expect([stack.functions, stack.skipped, stack.rules[0]?.targets]).toStrictEqual([
      [],
      [{ logicalId: 'ConfirmOrder', type: 'AWS::Lambda::Function', reason: inlineReason }],
      [
        {
          id: 'a',
          arn: 'arn:aws:lambda:eu-west-1:123456789012:function:orders-test-ConfirmOrder-7DOX5I0CTYDP',
          kind: undefined,
          functionLogicalId: 'ConfirmOrder',
          unsupportedReason: inlineReason,
          templatePath: 'Resources.Rule.Properties.Targets[0]',
        },
        {
          id: 'b',
          arn: 'arn:aws:states:eu-west-1:123456789012:stateMachine:flow',
          kind: undefined,
          unsupportedReason:
            'local mode delivers to Lambda functions of the template, SQS queues, SNS topics and event buses, not to states stateMachine:flow',
          templatePath: 'Resources.Rule.Properties.Targets[1]',
        },
      ],
    ]);
  });

  it('skips a function whose code is in S3 with no local folder named', async () => {
    const { stack } = await resolve(
      template({ function: '      Handler: index.handler\n      Runtime: nodejs20.x\n      Code: { S3Bucket: b, S3Key: k }' }),
    );
    expect(stack.skipped).toStrictEqual([
      {
        logicalId: 'ConfirmOrder',
        type: 'AWS::Lambda::Function',
        reason:
          'Resources.ConfirmOrder.Properties.Code: the code is in S3, and the template does not say where it is on this machine. Give Code a local folder (as `aws cloudformation package` takes it), or read the template SAM, CDK (cdk.out) or the Serverless Framework (.serverless) wrote',
      },
    ]);
  });

  it('delivers to an event bus and an SNS topic of the template by their ARNs', async () => {
    const { stack } = await resolve(
      template({
        extra: `  Topic:\n    Type: AWS::SNS::Topic\n    Properties: { TopicName: alerts }\n${rule(
          '      EventPattern: { source: [shop] }\n      Targets:\n        - { Id: bus, Arn: !GetAtt Bus.Arn }\n        - { Id: topic, Arn: !Ref Topic }',
        )}`,
      }),
    );
    expect(stack.rules[0]?.targets.map((target) => [target.id, target.arn, target.kind])).toStrictEqual([
      ['bus', 'arn:aws:events:eu-west-1:123456789012:event-bus/orders', 'event-bus'],
      ['topic', 'arn:aws:sns:eu-west-1:123456789012:alerts', 'sns'],
    ]);
  });

  it('leaves out a target that resolves to AWS::NoValue, keeping the others at their place', async () => {
    const { stack } = await resolve(
      template({
        head: 'Conditions:\n  Never: !Equals [a, b]',
        extra: rule(
          '      EventPattern: { source: [shop] }\n      Targets:\n        - !If [Never, { Id: a, Arn: !GetAtt Queue.Arn }, !Ref AWS::NoValue]\n        - Id: b\n          Arn: !GetAtt Queue.Arn\n          Input: !Sub \'{"queue": "${Queue.QueueName}"}\'',
        ),
      }),
    );
    expect(stack.rules[0]?.targets).toStrictEqual([
      {
        id: 'b',
        arn: 'arn:aws:sqs:eu-west-1:123456789012:orders-test-Queue-X7AKRL21AD2S',
        kind: 'sqs',
        input: '{"queue": "orders-test-Queue-X7AKRL21AD2S"}',
        templatePath: 'Resources.Rule.Properties.Targets[1]',
      },
    ]);
  });
});
