/**
 * Bad input for local flows (issue 14, item 7): each template in test/fixtures/local-flows/bad
 * gets one thing wrong, and `startLocalFlows` must refuse it with one error that names the value,
 * where it is and the fix, and leave nothing behind on the emulator: no CloudFormation stack, no
 * bus, no capture queue or rule. Some fail before anything is made (reading the template), others
 * after the stack, the bus and the functions' environments exist (a handler file, an export, a
 * target's input): both kinds are checked.
 *
 * Each start gets a bus and a stack name of its own, so what is listed afterwards is this file's
 * alone whatever other files do on the emulator at the same time.
 */
import { join, relative } from 'node:path';
import { CloudFormationClient, ListStacksCommand, type StackStatus } from '@aws-sdk/client-cloudformation';
import { ListEventBusesCommand, ListRulesCommand } from '@aws-sdk/client-eventbridge';
import { ListQueuesCommand } from '@aws-sdk/client-sqs';
import { createAwsClients, destroyAwsClients, type AwsClients } from '../../../src/aws/awsClients';
import { randomNonce, resolveRunId } from '../../../src/sources/eventbridge/resourceNames';
import { LocalFlowsError, startLocalFlows } from '../../../src/local/startLocalFlows';
import { TemplateError } from '../../../src/local/template';
import { LocalFunctionError } from '../../../src/local/lambda';

const endpoint = process.env.JEST_EVENTBRIDGE_TEST_ENDPOINT_RESOLVED as string;
const region = process.env.AWS_REGION ?? 'us-east-1';
const BAD = join(__dirname, '../../fixtures/local-flows/bad');
/** How the messages name a fixture: relative to the working directory. */
const shown = (file: string): string => relative(process.cwd(), join(BAD, file));
const KINDS = 'a CloudFormation or SAM template (YAML or JSON), or cdk.out/<Stack>.template.json';

/**
 * How startLocalFlows words a diagnosis (src/local/startLocalFlows.ts): one message that names
 * the template once — the template reader's own as it is, any other of ours after the template's name.
 */
const couldNotStart = (file: string, inner: string): string =>
  inner.startsWith('jest-eventbridge: template ')
    ? inner
    : `jest-eventbridge: template ${shown(file)}: ${inner.replace(/^jest-eventbridge: /, '')}`;

let clients: AwsClients;
let cloudFormation: CloudFormationClient;
beforeAll(() => {
  clients = createAwsClients({ endpoint, region, maxAttempts: 3, retryMode: 'standard' });
  cloudFormation = new CloudFormationClient({ endpoint, region });
});
afterAll(() => {
  destroyAwsClients(clients);
  cloudFormation.destroy();
});

const LIVE_STACK: StackStatus[] = ['CREATE_IN_PROGRESS', 'CREATE_COMPLETE', 'CREATE_FAILED', 'DELETE_IN_PROGRESS', 'DELETE_FAILED'];

/** What a start on `bus` with stack `stackName` may have made and not removed. */
async function leftovers(bus: string, stackName: string): Promise<string[]> {
  const found: string[] = [];
  const { StackSummaries = [] } = await cloudFormation.send(new ListStacksCommand({ StackStatusFilter: LIVE_STACK }));
  for (const stack of StackSummaries) if (stack.StackName === stackName) found.push(`stack ${stackName} (${stack.StackStatus})`);
  const { EventBuses = [] } = await clients.eventBridge.send(new ListEventBusesCommand({ NamePrefix: bus }));
  if (EventBuses.some((entry) => entry.Name === bus)) {
    found.push(`bus ${bus}`);
    const { Rules = [] } = await clients.eventBridge.send(new ListRulesCommand({ EventBusName: bus, NamePrefix: 'jeb-' }));
    for (const rule of Rules) found.push(`rule ${rule.Name ?? '?'}`);
  }
  // The listener's queue of a bus: `jeb-<run>-wlocal-local-<bus>-<nonce>` (captureNames with worker "local").
  const { QueueUrls = [] } = await clients.sqs.send(
    new ListQueuesCommand({ QueueNamePrefix: `jeb-${resolveRunId()}-wlocal-local-${bus}` }),
  );
  for (const url of QueueUrls) found.push(`queue ${url}`);
  return found;
}

interface Refusal {
  readonly error: Error;
  readonly left: string[];
}

/** Starts local flows for a bad fixture, expecting a refusal; returns the error and what is left behind. */
async function refusal(file: string, parameters: Record<string, string> = {}): Promise<Refusal> {
  const bus = `bad-${randomNonce()}`;
  const stackName = `jeb-local-badinput-${randomNonce()}`;
  let error: unknown;
  try {
    const flows = await startLocalFlows({
      template: join(BAD, file),
      endpoint,
      parameters: { EventBusName: bus, ...parameters },
      stackName,
    });
    await flows.stop();
  } catch (thrown) {
    error = thrown;
  }
  if (!(error instanceof Error)) throw new Error(`${file} started, but it should have been refused`);
  return { error, left: await leftovers(bus, stackName) };
}

/** Its class, the class of what it wraps (if anything) and its message. */
const described = (error: Error): [string, string | undefined, string] => [
  error.name,
  error.cause instanceof Error ? error.cause.name : undefined,
  error.message,
];

describe('bad input to startLocalFlows: one error naming the fix, nothing left behind', () => {
  it('no template file', async () => {
    const { error, left } = await refusal('orders.yaml');
    expect(error).toBeInstanceOf(LocalFlowsError);
    expect(error.cause).toBeInstanceOf(TemplateError);
    expect(described(error)).toEqual([
      'LocalFlowsError',
      'TemplateError',
      couldNotStart(
        'orders.yaml',
        `jest-eventbridge: template ${shown('orders.yaml')}: the file does not exist (looked for ${join(BAD, 'orders.yaml')}). ` +
          `Fix local.template: it takes the path of ${KINDS}, absolute or relative to the project's root folder (Jest's rootDir, Vitest's root).`,
      ),
    ]);
    expect(left).toEqual([]);
  });

  it('a folder instead of a file', async () => {
    const { error, left } = await refusal('handlers');
    expect(described(error)).toEqual([
      'LocalFlowsError',
      'TemplateError',
      couldNotStart(
        'handlers',
        `jest-eventbridge: template ${shown('handlers')}: this is a folder, not a file. Give local.template the template file itself: ${KINDS}.`,
      ),
    ]);
    expect(left).toEqual([]);
  });

  it('unreadable YAML: the syntax error with its line and column', async () => {
    const { error, left } = await refusal('syntax.template');
    expect(described(error)).toEqual([
      'LocalFlowsError',
      'TemplateError',
      couldNotStart(
        'syntax.template',
        `jest-eventbridge: template ${shown('syntax.template')}: line 7, column 1: not valid YAML: All mapping items must start at the same column. ` +
          `Fix the syntax there (local mode reads ${KINDS}).`,
      ),
    ]);
    expect(left).toEqual([]);
  });

  it('a template without Resources', async () => {
    const { error, left } = await refusal('no-resources.yaml');
    expect(described(error)).toEqual([
      'LocalFlowsError',
      'TemplateError',
      couldNotStart(
        'no-resources.yaml',
        `jest-eventbridge: template ${shown('no-resources.yaml')}: it has no Resources, so it is not a CloudFormation template. ` +
          `Give local.template ${KINDS} (with a Resources section).`,
      ),
    ]);
    expect(left).toEqual([]);
  });

  it('a parameter without a value: names it, its AllowedValues and the option to give it in', async () => {
    const { error, left } = await refusal('parameters.yaml');
    expect(described(error)).toEqual([
      'LocalFlowsError',
      'TemplateError',
      couldNotStart(
        'parameters.yaml',
        `jest-eventbridge: template ${shown('parameters.yaml')}: invalid parameters. parameter "Stage" has no value and no Default: ` +
          `give it in local.parameters, e.g. parameters: { Stage: 'test' } (its AllowedValues: test, prod).`,
      ),
    ]);
    expect(left).toEqual([]);
  });

  it('an unknown parameter given: the one it may mean, or the ones there are', async () => {
    const typo = await refusal('parameters.yaml', { Stage: 'test', Stag: 'prod' });
    expect(described(typo.error)).toEqual([
      'LocalFlowsError',
      'TemplateError',
      couldNotStart(
        'parameters.yaml',
        `jest-eventbridge: template ${shown('parameters.yaml')}: invalid parameters. parameter "Stag" is given but the template declares no such parameter: did you mean "Stage"?`,
      ),
    ]);
    const unknown = await refusal('parameters.yaml', { Stage: 'test', Region: 'eu-west-1' });
    expect(unknown.error.message).toBe(
      couldNotStart(
        'parameters.yaml',
        `jest-eventbridge: template ${shown('parameters.yaml')}: invalid parameters. parameter "Region" is given but the template declares no such parameter. Its parameters: EventBusName, Stage.`,
      ),
    );
    expect([...typo.left, ...unknown.left]).toEqual([]);
  });

  it('a Node.js function whose handler file does not exist: every path tried (after the stack and the bus were made)', async () => {
    const { error, left } = await refusal('missing-handler-file.yaml');
    expect(error.cause).toBeInstanceOf(LocalFunctionError);
    const tried = ['.js', '.mjs', '.cjs', '.ts', '.mts', '.cts'].map(
      (extension) => `  ${join(BAD, 'handlers/orders/confirm')}${extension}`,
    );
    expect(described(error)).toEqual([
      'LocalFlowsError',
      'LocalFunctionError',
      couldNotStart(
        'missing-handler-file.yaml',
        `jest-eventbridge: Confirm (Resources.Confirm) has the handler "orders/confirm.handler", but its file is not in the code folder ${join(BAD, 'handlers')}. Tried:\n${tried.join('\n')}\n` +
          "Fix Handler (<file path in the code folder, without extension>.<export>) or the code folder (SAM's CodeUri, Code, the CDK asset), or build the code first.",
      ),
    ]);
    expect(left).toEqual([]);
  });

  it('a handler export that does not exist: the exports there are', async () => {
    const { error, left } = await refusal('missing-export.yaml');
    expect(described(error)).toEqual([
      'LocalFlowsError',
      'LocalFunctionError',
      couldNotStart(
        'missing-export.yaml',
        `jest-eventbridge: Confirm (Resources.Confirm) has the handler "index.confirm", but ${join(BAD, 'handlers/index.js')} has no export "confirm": it exports handler. ` +
          'Set Handler to "index.handler", or export "confirm" from the module.',
      ),
    ]);
    expect(left).toEqual([]);
  });

  it('a runtime other than Node.js that a rule targets: names the function, the rule and what to do', async () => {
    const { error, left } = await refusal('python-targeted.yaml');
    expect(described(error)).toEqual([
      'LocalFlowsError',
      'LocalFunctionError',
      couldNotStart(
        'python-targeted.yaml',
        'jest-eventbridge: Confirm (Resources.Confirm) uses python3.12, and rule Placed targets it: local mode runs Node.js handlers only. ' +
          'Run that flow against AWS (the same spec, without `local`), or leave the rule out of the template you give `local`.',
      ),
    ]);
    expect(left).toEqual([]);
  });

  it('a runtime other than Node.js that no rule targets is listed, not refused; stop() removes the listener', async () => {
    const bus = `bad-${randomNonce()}`;
    const stackName = `jeb-local-badinput-${randomNonce()}`;
    const flows = await startLocalFlows({
      template: join(BAD, 'python-not-targeted.yaml'),
      endpoint,
      parameters: { EventBusName: bus },
      stackName,
    });
    try {
      expect(flows.skipped).toEqual([
        { logicalId: 'MonthlyReport', type: 'AWS::Lambda::Function', reason: 'python3.12: local mode runs Node.js handlers' },
      ]);
      expect(flows.summary()).toBe(
        `python-not-targeted.yaml: 1 function (Confirm); 1 rule on bus ${bus}; on the emulator: AuditQueue (AWS::SQS::Queue), Bus (AWS::Events::EventBus)\n` +
          '  not run locally: MonthlyReport (AWS::Lambda::Function: python3.12: local mode runs Node.js handlers)',
      );
      // What the leak checks look for is there while it runs: the checks can see it.
      const running = await leftovers(bus, stackName);
      expect(running.map((entry) => entry.split(' ')[0])).toEqual(['stack', 'bus', 'rule', 'queue']);
    } finally {
      await flows.stop();
    }
    expect(await leftovers(bus, stackName)).toEqual([]);
  });

  it('an invalid rule pattern: the same validation as eventPattern, at the pattern’s place', async () => {
    const { error, left } = await refusal('invalid-pattern.yaml');
    expect(described(error)).toEqual([
      'LocalFlowsError',
      'TemplateError',
      couldNotStart(
        'invalid-pattern.yaml',
        `jest-eventbridge: template ${shown('invalid-pattern.yaml')}: Resources.Placed.Properties.EventPattern: ` +
          'Event pattern is not valid. Reason: "source" must be an object or an array (at source). ' +
          "Fix the rule's EventPattern: local mode checks it as EventBridge's PutRule does (and as the eventPattern option is checked).",
      ),
    ]);
    expect(left).toEqual([]);
  });

  it('an InputTransformer without an InputTemplate', async () => {
    const { error, left } = await refusal('input-transformer-without-template.yaml');
    expect(described(error)).toEqual([
      'LocalFlowsError',
      'TemplateError',
      couldNotStart(
        'input-transformer-without-template.yaml',
        `jest-eventbridge: template ${shown('input-transformer-without-template.yaml')}: Resources.Placed.Properties.Targets[0].InputTransformer: ` +
          'InputTransformer needs an InputTemplate string (and, optionally, an InputPathsMap of names to JSONPaths).',
      ),
    ]);
    expect(left).toEqual([]);
  });

  it('an InputTransformer whose template uses a name its InputPathsMap lacks: the target named by its place in the template', async () => {
    const { error, left } = await refusal('invalid-input-transformer.yaml');
    expect(described(error)).toEqual([
      'LocalFlowsError',
      'TemplateError',
      couldNotStart(
        'invalid-input-transformer.yaml',
        `jest-eventbridge: template ${shown('invalid-input-transformer.yaml')}: Resources.Placed.Properties.Targets[0]: target "confirm" of rule Placed: ` +
          'InputTransformer.InputTemplate uses <customer>, which is not in InputPathsMap ' +
          '(InputPathsMap defines <order>; predefined: <aws.events.rule-arn>, <aws.events.rule-name>, <aws.events.event.ingestion-time>, <aws.events.event>, <aws.events.event.json>): ' +
          'add "customer" to InputPathsMap or fix the placeholder\'s name.',
      ),
    ]);
    expect(left).toEqual([]);
  });

  it('an intrinsic that cannot be resolved: its path in the template, and the resource it may mean', async () => {
    const { error, left } = await refusal('unresolvable-intrinsic.yaml');
    expect(described(error)).toEqual([
      'LocalFlowsError',
      'TemplateError',
      couldNotStart(
        'unresolvable-intrinsic.yaml',
        `jest-eventbridge: template ${shown('unresolvable-intrinsic.yaml')}: Resources.Confirm.Properties.Environment.Variables.QUEUE_URL: ` +
          'Fn::GetAtt names "AuditQueu", which is not a resource of the template: did you mean "AuditQueue"?',
      ),
    ]);
    expect(left).toEqual([]);
  });
});
