import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { readTemplate, resolveStack, TemplateError } from '../../../../src/local/template';

const FIXTURES = path.join(__dirname, '../../../fixtures/templates');
const KINDS = 'a CloudFormation or SAM template (YAML or JSON), or cdk.out/<Stack>.template.json';
let folder = '';
let count = 0;

beforeAll(async () => {
  folder = await mkdtemp(path.join(os.tmpdir(), 'template-read-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

async function write(text: string, extension = 'yaml'): Promise<string> {
  count += 1;
  const file = path.join(folder, `template-${count}.${extension}`);
  await writeFile(file, text);
  return file;
}

async function failure(file: string, parameters: Record<string, string> = {}): Promise<string> {
  try {
    await readTemplate(file, { parameters });
  } catch (error) {
    expect(error).toBeInstanceOf(TemplateError);
    return (error as Error).message;
  }
  throw new Error('read without an error');
}

const PARAMETERS = [
  'Parameters:',
  '  Stage: { Type: String, AllowedValues: [test, prod] }',
  '  Owner: { Type: String, Default: team }',
  'Resources:',
  '  Queue: { Type: AWS::SQS::Queue }',
  '',
].join('\n');

describe('readTemplate: bad input gets one error naming the file and the fix', () => {
  it('a file that does not exist, named as given relative to the working directory, with the path looked at', async () => {
    expect(await failure('test/fixtures/templates/missing.yaml')).toBe(
      `jest-eventbridge: template test/fixtures/templates/missing.yaml: the file does not exist (looked for ${path.resolve('test/fixtures/templates/missing.yaml')}). ` +
        `Fix local.template: it takes the path of ${KINDS}, absolute or relative to the project's root folder (Jest's rootDir, Vitest's root).`,
    );
  });

  it('a file that does not exist outside the working directory: its absolute path, once', async () => {
    const file = path.join(folder, 'missing.yaml');
    expect(await failure(file)).toBe(
      `jest-eventbridge: template ${file}: the file does not exist. ` +
        `Fix local.template: it takes the path of ${KINDS}, absolute or relative to the project's root folder (Jest's rootDir, Vitest's root).`,
    );
  });

  it('a folder', async () => {
    expect(await failure(path.join(FIXTURES, 'cdk', 'cdk.out'))).toBe(
      `jest-eventbridge: template test/fixtures/templates/cdk/cdk.out: this is a folder, not a file. Give local.template the template file itself: ${KINDS}.`,
    );
  });

  it('a path through a file', async () => {
    const file = path.join(await write('Resources: {}'), 'template.yaml');
    expect(await failure(file)).toBe(
      `jest-eventbridge: template ${file}: a part of this path is a file, not a folder (ENOTDIR). Fix local.template: it takes the template file's path.`,
    );
  });

  it('text that is not YAML, with the line and column', async () => {
    const file = await write('Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n  Bad: [1\n');
    expect(await failure(file)).toBe(
      `jest-eventbridge: template ${file}: line 5, column 1: not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]. Fix the syntax there (local mode reads ${KINDS}).`,
    );
  });

  it('text that is not JSON, with the line and column', async () => {
    const file = await write('{\n  "Resources": {\n    "Queue": { "Type": "AWS::SQS::Queue" },\n  }\n}\n', 'json');
    expect(await failure(file)).toBe(
      `jest-eventbridge: template ${file}: line 4, column 3: not valid JSON: property name expected. Fix the syntax there (local mode reads ${KINDS}).`,
    );
  });

  it.each([
    ['no Resources', "AWSTemplateFormatVersion: '2010-09-09'\n"],
    ['empty Resources', 'Resources: {}\n'],
    ['not a mapping', 'just some text\n'],
  ])('a template with %s', async (_name, text) => {
    const file = await write(text);
    expect(await failure(file)).toBe(
      `jest-eventbridge: template ${file}: it has no Resources, so it is not a CloudFormation template. Give local.template ${KINDS} (with a Resources section).`,
    );
  });

  it('a resource without a Type', async () => {
    const file = await write('Resources:\n  Queue:\n    Properties: {}\n');
    const error = await readTemplate(file).catch((caught: unknown) => caught);
    expect(error).toMatchObject({
      message: `jest-eventbridge: template ${file}: Resources.Queue has no Type. Every resource needs one, e.g. Type: AWS::Lambda::Function.`,
      templatePath: 'Resources.Queue',
      file,
    });
  });

  it('a parameter without a value: the example takes one of its AllowedValues', async () => {
    const file = await write(PARAMETERS);
    expect(await failure(file)).toBe(
      `jest-eventbridge: template ${file}: invalid parameters. parameter "Stage" has no value and no Default: give it in local.parameters, e.g. parameters: { Stage: 'test' } (its AllowedValues: test, prod).`,
    );
  });

  it('a parameter without a value or AllowedValues', async () => {
    const file = await write('Parameters:\n  Stage: { Type: String }\nResources:\n  Queue: { Type: AWS::SQS::Queue }\n');
    expect(await failure(file)).toBe(
      `jest-eventbridge: template ${file}: invalid parameters. parameter "Stage" has no value and no Default: give it in local.parameters, e.g. parameters: { Stage: '…' }.`,
    );
  });

  it('a given parameter the template does not declare, with a suggestion', async () => {
    const file = await write(PARAMETERS);
    expect(await failure(file, { Stage: 'test', Ownr: 'me' })).toBe(
      `jest-eventbridge: template ${file}: invalid parameters. parameter "Ownr" is given but the template declares no such parameter: did you mean "Owner"?`,
    );
  });

  it('every parameter problem at once', async () => {
    const file = await write(PARAMETERS);
    expect(await failure(file, { Stage: 'dev', Region: 'eu-west-1' })).toBe(
      [
        `jest-eventbridge: template ${file}: invalid parameters.`,
        '  - parameter "Region" is given but the template declares no such parameter. Its parameters: Stage, Owner.',
        '  - parameter "Stage" is "dev", which is not one of its AllowedValues: "test", "prod".',
      ].join('\n'),
    );
  });

  it('a parameter given to a template without Parameters', async () => {
    const file = await write('Resources:\n  Queue: { Type: AWS::SQS::Queue }\n');
    expect(await failure(file, { Stage: 'test' })).toBe(
      `jest-eventbridge: template ${file}: invalid parameters. parameter "Stage" is given but the template declares no such parameter (it has no Parameters).`,
    );
  });

  it('parameters that are not an object', async () => {
    const file = await write(PARAMETERS);
    expect(await failure(file, ['test'] as unknown as Record<string, string>)).toBe(
      `jest-eventbridge: template ${file}: local.parameters must be an object of parameter names to values, like { Stage: 'test' }, got an array.`,
    );
  });

  it('a parameter value that is not a string', async () => {
    const file = await write(PARAMETERS);
    expect(await failure(file, { Stage: { name: 'test' } } as unknown as Record<string, string>)).toBe(
      `jest-eventbridge: template ${file}: invalid parameters. parameter "Stage" must be given as a string, got an object.`,
    );
  });
});

describe('readTemplate: what it reads', () => {
  it('takes each parameter from the caller, else its Default (a list Default joined with commas)', async () => {
    const file = await write(`${PARAMETERS}\n`.replace('Resources:', '  Zones: { Type: CommaDelimitedList, Default: [a, b] }\nResources:'));
    expect((await readTemplate(file, { parameters: { Stage: 'prod' } })).parameters).toStrictEqual({
      Stage: { type: 'String', value: 'prod' },
      Owner: { type: 'String', value: 'team' },
      Zones: { type: 'CommaDelimitedList', value: 'a,b' },
    });
  });

  it.each([
    ['cloudformation/orders.template.json', 'cloudformation', 'json'],
    ['sam/template.yaml', 'sam', 'yaml'],
    ['cdk/cdk.out/OrdersStack.template.json', 'cdk', 'json'],
    ['serverless/.serverless/cloudformation-template-update-stack.json', 'serverless', 'json'],
  ])('knows who wrote %s', async (name, origin, format) => {
    const parsed = await readTemplate(path.join(FIXTURES, name), { parameters: name.startsWith('sam') ? { Stage: 'test' } : {} });
    expect([parsed.origin, parsed.format, parsed.displayName]).toStrictEqual([origin, format, `test/fixtures/templates/${name}`]);
  });

  it("applies SAM's transform: the resources SAM makes, with where each value was written", async () => {
    const parsed = await readTemplate(path.join(FIXTURES, 'sam', 'template.yaml'), { parameters: { Stage: 'test' } });
    expect(parsed.resources.map((resource) => [resource.logicalId, resource.type, resource.templatePath])).toStrictEqual([
      ['OrdersBus', 'AWS::Events::EventBus', 'Resources.OrdersBus'],
      ['OrdersTable', 'AWS::DynamoDB::Table', 'Resources.OrdersTable'],
      ['ConfirmOrder', 'AWS::Lambda::Function', 'Resources.ConfirmOrder'],
      ['ConfirmOrderOrderPlaced', 'AWS::Events::Rule', 'Resources.ConfirmOrder.Properties.Events.OrderPlaced'],
      ['ConfirmOrderLegacyOrder', 'AWS::Events::Rule', 'Resources.ConfirmOrder.Properties.Events.LegacyOrder'],
      ['ConfirmOrderEventInvokeConfig', 'AWS::Lambda::EventInvokeConfig', 'Resources.ConfirmOrder.Properties.EventInvokeConfig'],
      ['ArchiveOrder', 'AWS::Lambda::Function', 'Resources.ArchiveOrder'],
      ['ArchiveOrderShipped', 'AWS::Events::Rule', 'Resources.ArchiveOrder.Properties.Events.Shipped'],
      ['ReportOrders', 'AWS::Lambda::Function', 'Resources.ReportOrders'],
    ]);
    const confirm = parsed.resources.find((resource) => resource.logicalId === 'ConfirmOrder');
    expect(confirm?.sources).toStrictEqual({
      Runtime: 'Globals.Function.Runtime',
      Timeout: 'Resources.ConfirmOrder.Properties.Timeout',
      MemorySize: 'Globals.Function.MemorySize',
      CodeUri: 'Globals.Function.CodeUri',
      Environment: 'Resources.ConfirmOrder.Properties.Environment',
      FunctionName: 'Resources.ConfirmOrder.Properties.FunctionName',
      Handler: 'Resources.ConfirmOrder.Properties.Handler',
      EventInvokeConfig: 'Resources.ConfirmOrder.Properties.EventInvokeConfig',
      Events: 'Resources.ConfirmOrder.Properties.Events',
      'Environment.Variables.STAGE': 'Globals.Function.Environment.Variables.STAGE',
      'Environment.Variables.LOG_LEVEL': 'Resources.ConfirmOrder.Properties.Environment.Variables.LOG_LEVEL',
      'Environment.Variables.TABLE': 'Resources.ConfirmOrder.Properties.Environment.Variables.TABLE',
      'Environment.Variables.BUS_ARN': 'Resources.ConfirmOrder.Properties.Environment.Variables.BUS_ARN',
      'Environment.Variables.OWNER': 'Resources.ConfirmOrder.Properties.Environment.Variables.OWNER',
      'Environment.Variables.FIRST_ZONE': 'Resources.ConfirmOrder.Properties.Environment.Variables.FIRST_ZONE',
      'Environment.Variables.REGION_PART': 'Resources.ConfirmOrder.Properties.Environment.Variables.REGION_PART',
    });
    const table = parsed.resources.find((resource) => resource.logicalId === 'OrdersTable');
    expect(table?.properties).toStrictEqual({
      AttributeDefinitions: [{ AttributeName: 'orderId', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'orderId', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    });
  });

  it('names a value SAM merged from Globals by the Globals line it was written on', async () => {
    const file = await write(
      [
        'Transform: AWS::Serverless-2016-10-31',
        'Globals:',
        '  Function:',
        '    Runtime: nodejs20.x',
        '    Environment:',
        '      Variables:',
        '        TABLE: !ImportValue shared-table',
        'Resources:',
        '  ConfirmOrder:',
        '    Type: AWS::Serverless::Function',
        '    Properties:',
        '      Handler: index.handler',
        '      Environment:',
        '        Variables:',
        '          OTHER: x',
        '',
      ].join('\n'),
    );
    const parsed = await readTemplate(file);
    expect(() => resolveStack(parsed, { stackName: 's', region: 'us-east-1', accountId: '123456789012' })).toThrow(
      `jest-eventbridge: template ${file}: Globals.Function.Environment.Variables.TABLE: Fn::ImportValue reads another stack's export, which local mode cannot: pass the value as a template parameter (local.parameters) instead.`,
    );
  });
});

describe('readTemplate: forms it reads or refuses', () => {
  it('reads YAML written in flow style, which opens with { like JSON', async () => {
    const file = await write('{ Resources: { Queue: { Type: AWS::SQS::Queue, DependsOn: Other } } }\n', 'template');
    const parsed = await readTemplate(file);
    expect([parsed.format, parsed.resources]).toStrictEqual([
      'yaml',
      [{ logicalId: 'Queue', type: 'AWS::SQS::Queue', properties: {}, dependsOn: ['Other'], templatePath: 'Resources.Queue' }],
    ]);
  });

  it('refuses Fn::ForEach, naming the transform', async () => {
    const file = await write(
      [
        'Transform: AWS::LanguageExtensions',
        'Resources:',
        "  'Fn::ForEach::Queues':",
        '    - Name',
        '    - [A, B]',
        '    - Queue${Name}: { Type: AWS::SQS::Queue }',
        '',
      ].join('\n'),
    );
    expect(await failure(file)).toBe(
      `jest-eventbridge: template ${file}: Resources.Fn::ForEach::Queues: Fn::ForEach (the AWS::LanguageExtensions transform) is not supported by local mode. Read the template the transform produces instead, or write the resources out.`,
    );
  });
});
