/**
 * Least privilege, proven with an IAM policy simulator (@cloud-copilot/iam-simulate) rather than
 * by reading JSON:
 * - the capture queue's resource policy admits EventBridge sending on behalf of this file's rule,
 *   and nobody and nothing else;
 * - docs/iam-policy.json grants every AWS call the library's code makes, on capture resources
 *   (the `jeb-` prefix) only, and grants nothing the code does not call.
 * And what leaves the process: the library writes only where it means to, and its warnings carry
 * neither event payloads nor credentials.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { SQSClient } from '@aws-sdk/client-sqs';
import { runSimulation } from '@cloud-copilot/iam-simulate';
import { ruleArn as toRuleArn, queueArn as toQueueArn, type ArnScope } from '../../../../src/aws/arns';
import type { AwsClients } from '../../../../src/aws/awsClients';
import { CaptureConsumer } from '../../../../src/sources/eventbridge/captureConsumer';
import { CaptureSession } from '../../../../src/session/CaptureSession';
import { captureQueuePolicy } from '../../../../src/sources/eventbridge/queuePolicy';
import { captureNames } from '../../../../src/sources/eventbridge/resourceNames';
import { createLogger } from '../../../../src/foundation/log';
import { validateOptions } from '../../../../src/session/options/validateOptions';
import { EventStore } from '../../../../src/core/store/eventStore';
import { systemClock } from '../../../../src/core/store/clock';

const ROOT = resolve(__dirname, '../../../..');
const ACCOUNT = '111122223333';
const OTHER_ACCOUNT = '444455556666';
const scope: ArnScope = { partition: 'aws', region: 'eu-west-1', account: ACCOUNT };
const name = captureNames({
  resourcePrefix: 'jeb-',
  runId: 'r1n2i3',
  workerId: '1',
  testPath: 'orders.test.ts',
  nonce: 'a1b2c3',
}).resourceName;
const queueArn = toQueueArn(scope, name);
const ruleArn = toRuleArn(scope, 'orders', name);
const defaultBusRuleArn = toRuleArn(scope, 'default', name);

type Decision = 'Allowed' | 'ImplicitlyDenied' | 'ExplicitlyDenied';

interface Request {
  readonly principal: string;
  readonly action: string;
  readonly resource: string;
  readonly context?: Record<string, string | string[]>;
}

/** Runs one request through the simulator; a request it cannot validate fails the test. */
async function decide(
  request: Request,
  policies: { readonly resourcePolicy?: object; readonly identityPolicy?: object },
): Promise<Decision> {
  const result = await runSimulation(
    {
      request: {
        principal: request.principal,
        action: request.action,
        resource: { resource: request.resource, accountId: ACCOUNT },
        contextVariables: request.context ?? {},
      },
      identityPolicies: policies.identityPolicy ? [{ name: 'jest-eventbridge', policy: policies.identityPolicy }] : [],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      ...(policies.resourcePolicy ? { resourcePolicy: policies.resourcePolicy } : {}),
    },
    {},
  );
  if (result.resultType === 'error')
    throw new Error(`the simulator refused ${request.action} on ${request.resource}: ${JSON.stringify(result.errors)}`);
  return result.overallResult;
}

describe('the capture queue policy', () => {
  const policy = captureQueuePolicy({ queueArn, ruleArn });
  const send = (principal: string, context: Record<string, string> = {}, action = 'sqs:SendMessage'): Promise<Decision> =>
    decide({ principal, action, resource: queueArn, context }, { resourcePolicy: policy });

  it('admits EventBridge sending for this rule', async () => {
    expect(await send('events.amazonaws.com', { 'aws:SourceArn': ruleArn })).toBe('Allowed');
    // On the default bus the rule ARN has no bus segment; the policy names whichever it is given.
    const onDefaultBus = captureQueuePolicy({ queueArn, ruleArn: defaultBusRuleArn });
    expect(
      await decide(
        {
          principal: 'events.amazonaws.com',
          action: 'sqs:SendMessage',
          resource: queueArn,
          context: { 'aws:SourceArn': defaultBusRuleArn },
        },
        { resourcePolicy: onDefaultBus },
      ),
    ).toBe('Allowed');
  });

  it.each([
    ['another rule of this account', 'events.amazonaws.com', { 'aws:SourceArn': toRuleArn(scope, 'orders', 'jeb-r1n2i3-w2-other-d4e5f6') }],
    ['a rule of the same name on another bus', 'events.amazonaws.com', { 'aws:SourceArn': toRuleArn(scope, 'payments', name) }],
    [
      'a rule of the same name in another account',
      'events.amazonaws.com',
      { 'aws:SourceArn': toRuleArn({ ...scope, account: OTHER_ACCOUNT }, 'orders', name) },
    ],
    ['a rule whose name only starts like this one', 'events.amazonaws.com', { 'aws:SourceArn': `${ruleArn}x` }],
    ['EventBridge without a source ARN', 'events.amazonaws.com', {}],
    ['another service (SNS) for this very rule', 'sns.amazonaws.com', { 'aws:SourceArn': ruleArn }],
    ['an IAM user of another account', `arn:aws:iam::${OTHER_ACCOUNT}:user/mallory`, { 'aws:SourceArn': ruleArn }],
    ['an IAM user of this account (without an identity policy)', `arn:aws:iam::${ACCOUNT}:user/ci`, {}],
  ])('denies sqs:SendMessage to %s', async (_, principal, context) => {
    expect(await send(principal, context)).toBe('ImplicitlyDenied');
  });

  it.each([
    'sqs:ReceiveMessage',
    'sqs:DeleteMessage',
    'sqs:DeleteQueue',
    'sqs:PurgeQueue',
    'sqs:SetQueueAttributes',
    'sqs:GetQueueAttributes',
    'sqs:ChangeMessageVisibility',
  ])('grants the rule nothing else: %s is denied', async (action) => {
    expect(await send('events.amazonaws.com', { 'aws:SourceArn': ruleArn }, action)).toBe('ImplicitlyDenied');
  });
});

// ------------------------------------------------------------------------------------------------
// docs/iam-policy.json against the code
// ------------------------------------------------------------------------------------------------

const CLIENT_SERVICES: Record<string, string> = {
  '@aws-sdk/client-eventbridge': 'events',
  '@aws-sdk/client-sqs': 'sqs',
  '@aws-sdk/client-sts': 'sts',
};
/** Batch APIs are authorised as the single-message action. */
const BATCH_ACTIONS: Record<string, string> = {
  'sqs:DeleteMessageBatch': 'sqs:DeleteMessage',
  'sqs:SendMessageBatch': 'sqs:SendMessage',
  'sqs:ChangeMessageVisibilityBatch': 'sqs:ChangeMessageVisibility',
};
/** Permissions a call needs besides its own action, with the code that makes it so. */
const IMPLIED_ACTIONS: readonly { readonly action: string; readonly file: string; readonly evidence: RegExp }[] = [
  // PutRule with Tags is authorised as events:PutRule and events:TagResource.
  { action: 'events:TagResource', file: 'src/sources/eventbridge/captureResources.ts', evidence: /new PutRuleCommand\(\{[\s\S]*?Tags:/ },
  // CreateQueue with tags is authorised as sqs:CreateQueue and sqs:TagQueue.
  { action: 'sqs:TagQueue', file: 'src/sources/eventbridge/captureResources.ts', evidence: /new CreateQueueCommand\(\{[\s\S]*?\btags\b/ },
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Every AWS action the library's code calls, as IAM names it, with the files that call it. */
function actionsCalledBySource(): Map<string, string[]> {
  const called = new Map<string, string[]>();
  // src/emulator only ever calls the embedded emulator (creating its buses), never AWS; nor does
  // src/local (local flows create the template's resources and deliver to them on the emulator).
  const emulatorOnly = [join('src', 'emulator'), join('src', 'local')];
  for (const file of sourceFiles(join(ROOT, 'src')).filter((path) => !emulatorOnly.some((dir) => relative(ROOT, path).startsWith(dir)))) {
    const text = readFileSync(file, 'utf8');
    const serviceOf = new Map<string, string>();
    for (const match of text.matchAll(/import\s*\{([^}]*)\}\s*from\s*'(@aws-sdk\/client-[a-z]+)'/g)) {
      const service = CLIENT_SERVICES[match[2] ?? ''];
      if (!service) continue;
      for (const imported of (match[1] ?? '').split(',')) {
        const command =
          imported
            .replace(/\btype\b/, '')
            .trim()
            .split(/\s+as\s+/)[0] ?? '';
        if (command.endsWith('Command')) serviceOf.set(command, service);
      }
    }
    for (const match of text.matchAll(/new ([A-Za-z]+Command)\(/g)) {
      const command = match[1] ?? '';
      const service = serviceOf.get(command);
      if (!service)
        throw new Error(
          `${relative(ROOT, file)} sends ${command}, imported from a client this test does not know: map it in CLIENT_SERVICES`,
        );
      const action = `${service}:${command.replace(/Command$/, '')}`;
      const iamAction = BATCH_ACTIONS[action] ?? action;
      called.set(iamAction, [...new Set([...(called.get(iamAction) ?? []), relative(ROOT, file)])]);
    }
  }
  return called;
}

interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: string;
  readonly Action: string | readonly string[];
  readonly Resource: string | readonly string[];
}
interface PolicyDocument {
  readonly Version: string;
  readonly Statement: readonly PolicyStatement[];
}

const list = (value: string | readonly string[]): readonly string[] => (typeof value === 'string' ? [value] : value);
const documented = JSON.parse(readFileSync(join(ROOT, 'docs/iam-policy.json'), 'utf8')) as PolicyDocument;
const CI = `arn:aws:iam::${ACCOUNT}:role/ci`;
/** The bus placeholder of docs/iam-policy.json, which users replace with their bus name. */
const BUS = 'YOUR_BUS_NAME';

/** Actions that take no resource (IAM wants "*" for them). */
const UNSCOPED = new Set(['sts:GetCallerIdentity', 'events:ListRules', 'sqs:ListQueues']);

/**
 * What `mirrorRule` reads of the service's own rule (any name: the statement's note says to
 * narrow it to that rule), granted by the MirrorARule statement alone; read-only.
 */
const MIRROR_ACTIONS = new Set(['events:DescribeRule', 'events:ListTargetsByRule']);
const MIRROR_SID = 'MirrorARule';

/** The resources a capture (or the sweep) calls an action on: both kinds of rule ARN for rule actions. */
function captureResourcesFor(action: string, resourceName = name, bus = 'orders'): string[] {
  if (UNSCOPED.has(action)) return ['*'];
  if (action === 'events:PutEvents') return [`arn:aws:events:${scope.region}:${ACCOUNT}:event-bus/${BUS}`];
  if (action.startsWith('events:')) return [toRuleArn(scope, bus, resourceName), toRuleArn(scope, 'default', resourceName)];
  return [toQueueArn(scope, resourceName)];
}

/** Request context the library's own call carries (PutTargets names its target). */
function contextFor(action: string, resourceName = name): Record<string, string[]> {
  return action === 'events:PutTargets' ? { 'events:TargetArn': [toQueueArn(scope, resourceName)] } : {};
}

describe('docs/iam-policy.json', () => {
  const called = actionsCalledBySource();
  const granted = new Set(documented.Statement.filter((s) => s.Effect === 'Allow').flatMap((s) => list(s.Action)));

  it('grants the mirror its read-only actions on rules in one statement', () => {
    expect(documented.Statement.filter((s) => s.Sid === MIRROR_SID).map((s) => [list(s.Action), list(s.Resource)])).toEqual([
      [['events:DescribeRule', 'events:ListTargetsByRule'], ['arn:aws:events:*:*:rule/*']],
    ]);
  });

  it('is an Allow-only policy document', () => {
    expect(documented.Version).toBe('2012-10-17');
    expect(documented.Statement.map((s) => s.Effect)).toEqual(documented.Statement.map(() => 'Allow'));
  });

  it('finds the calls the capture depends on in the code (the scan works)', () => {
    for (const action of [
      'sts:GetCallerIdentity',
      'sqs:CreateQueue',
      'events:PutRule',
      'events:PutTargets',
      'events:PutEvents',
      'sqs:ReceiveMessage',
      'sqs:DeleteMessage',
    ]) {
      expect([action, called.has(action)]).toEqual([action, true]);
    }
    for (const { action, file, evidence } of IMPLIED_ACTIONS)
      expect([action, evidence.test(readFileSync(join(ROOT, file), 'utf8'))]).toEqual([action, true]);
  });

  it('names exactly the actions the code needs: none missing, none extra', () => {
    const needed = new Set([...called.keys(), ...IMPLIED_ACTIONS.map((implied) => implied.action)]);
    expect(
      [...needed]
        .filter((action) => !granted.has(action))
        .map((action) => `${action} (called in ${(called.get(action) ?? ['implied']).join(', ')})`),
    ).toEqual([]);
    expect([...granted].filter((action) => !needed.has(action))).toEqual([]);
  });

  it('allows every call the code makes, on capture resources', async () => {
    const needed = [...called.keys(), ...IMPLIED_ACTIONS.map((implied) => implied.action)];
    const refused: string[] = [];
    for (const action of needed) {
      for (const resource of captureResourcesFor(action)) {
        const decision = await decide({ principal: CI, action, resource, context: contextFor(action) }, { identityPolicy: documented });
        if (decision !== 'Allowed') refused.push(`${action} on ${resource}: ${decision}`);
      }
    }
    expect(refused).toEqual([]);
  });

  it('allows none of it on resources that are not the capture’s, but reading a rule to mirror', async () => {
    const allowed: string[] = [];
    const withoutMirror: PolicyDocument = { ...documented, Statement: documented.Statement.filter((s) => s.Sid !== MIRROR_SID) };
    for (const action of [...granted].filter((a) => !UNSCOPED.has(a))) {
      const foreign =
        action === 'events:PutEvents'
          ? [`arn:aws:events:${scope.region}:${ACCOUNT}:event-bus/payments`]
          : captureResourcesFor(action, 'orders-prod', 'orders');
      for (const resource of foreign) {
        const decision = await decide(
          { principal: CI, action, resource, context: contextFor(action, 'orders-prod') },
          { identityPolicy: withoutMirror },
        );
        if (decision !== 'ImplicitlyDenied') allowed.push(`${action} on ${resource}: ${decision}`);
        const withMirror = await decide(
          { principal: CI, action, resource, context: contextFor(action, 'orders-prod') },
          { identityPolicy: documented },
        );
        // Only the mirror's read-only actions reach the service's own rules, and only through its statement.
        if (withMirror !== 'ImplicitlyDenied' && !MIRROR_ACTIONS.has(action)) allowed.push(`${action} on ${resource}: ${withMirror}`);
      }
    }
    expect(allowed).toEqual([]);
  });

  it.each([
    [
      'a capture rule aimed at a Lambda function',
      'events:PutTargets',
      toRuleArn(scope, 'orders', name),
      { 'events:TargetArn': [`arn:aws:lambda:${scope.region}:${ACCOUNT}:function:orders`] },
    ],
    [
      'a capture rule aimed at a capture queue and a foreign one',
      'events:PutTargets',
      toRuleArn(scope, 'orders', name),
      { 'events:TargetArn': [queueArn, toQueueArn(scope, 'orders-prod')] },
    ],
    ['sending into a capture queue (only EventBridge does)', 'sqs:SendMessage', queueArn, {}],
    ['purging a capture queue', 'sqs:PurgeQueue', queueArn, {}],
    ['deleting the bus', 'events:DeleteEventBus', `arn:aws:events:${scope.region}:${ACCOUNT}:event-bus/${BUS}`, {}],
  ])('denies %s', async (_, action, resource, context) => {
    expect(await decide({ principal: CI, action, resource, context }, { identityPolicy: documented })).toBe('ImplicitlyDenied');
  });
});

// ------------------------------------------------------------------------------------------------
// What leaves the process
// ------------------------------------------------------------------------------------------------

/** Clients that fail any call: these paths must not reach AWS (and no SDK client is built). */
const noAws = Object.fromEntries(
  ['eventBridge', 'sqs', 'sts'].map((client) => [
    client,
    { send: () => Promise.reject(new Error(`unexpected AWS call on ${client}`)), destroy: () => undefined },
  ]),
) as unknown as AwsClients;

/**
 * Where the library writes to stderr/stdout on purpose, and why that is safe. Every warning
 * (capacity reached, resources kept, clean-up after a signal, the sweep summary, the emulator's
 * fix-does-not-fit line, the missing global setup) goes through foundation/log.ts's `warn`.
 */
const OUTPUT_SITES: Record<string, string> = {
  'src/foundation/log.ts':
    'the debug log, silent unless DEBUG names jest-eventbridge, and the warnings: resource names and counts, never payloads',
  'src/cli/main.ts': 'the CLI, whose output is what the user asked for',
  'src/local/lambda/executionEnvironment.ts':
    "a local handler's own stdout and stderr lines, passed on after its logical id: what the user's code writes, as its log group would show it",
};

describe('logs', () => {
  const SECRET = 'card-4111-1111-1111-1111';
  const event = (n: number) => ({
    version: '0',
    id: `evt-${n}`,
    'detail-type': 'PaymentTaken',
    source: 'shop.payments',
    time: '2026-11-23T10:00:00Z',
    region: 'eu-west-1',
    resources: [],
    detail: { card: SECRET, n },
  });

  it('writes to the console only where it means to', () => {
    const sites = sourceFiles(join(ROOT, 'src')).filter((file) => /\bconsole\.|process\.std(err|out)\b/.test(readFileSync(file, 'utf8')));
    expect(sites.map((file) => relative(ROOT, file)).filter((file) => !(file in OUTPUT_SITES))).toEqual([]);
    expect(
      sourceFiles(join(ROOT, 'src')).filter((file) => /\bconsole\.(log|info|warn|error|debug)\(/.test(readFileSync(file, 'utf8'))),
    ).toEqual([]);
  });

  it('keeps the debug log silent unless DEBUG asks for it', () => {
    const write = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      createLogger('capture', {})(`payload ${SECRET}`);
      createLogger('capture', { DEBUG: 'other-library*' })(`payload ${SECRET}`);
      expect(write).not.toHaveBeenCalled();
      createLogger('capture', { DEBUG: 'jest-eventbridge*' })('on');
      expect(write).toHaveBeenCalledWith('jest-eventbridge:capture on\n');
    } finally {
      write.mockRestore();
    }
  });

  it('warns without event payloads or credentials', async () => {
    const secretKey = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYSECRETKEY';
    const warnings: string[] = [];
    const session = new CaptureSession({
      options: validateOptions({
        eventBusName: 'orders',
        region: 'eu-west-1',
        endpoint: 'http://127.0.0.1:9',
        maxStoredEvents: 2,
        keep: true,
      }),
      testPath: __filename,
      clients: noAws,
      warn: (message) => warnings.push(message),
    });
    const saved = process.env.AWS_SECRET_ACCESS_KEY;
    process.env.AWS_SECRET_ACCESS_KEY = secretKey;
    try {
      session.store.add([event(1), event(2), event(3)]);
      await session.stop();
    } finally {
      if (saved === undefined) delete process.env.AWS_SECRET_ACCESS_KEY;
      else process.env.AWS_SECRET_ACCESS_KEY = saved;
    }
    expect(warnings).toEqual([
      'queuePolicy.iam.test.ts captured more than 2 events; the oldest are being forgotten (raise "maxStoredEvents" if a matcher needs them).',
      `keep: true: left queue ${session.names.resourceName} and rule ${session.names.resourceName} on bus "orders" for debugging.`,
    ]);
    expect(warnings.filter((warning) => warning.includes(SECRET) || warning.includes(secretKey))).toEqual([]);
  });

  it('logs why a message was kept aside, never its body', async () => {
    const lines: string[] = [];
    const store = new EventStore({ now: () => systemClock.now() });
    store.openWindow();
    let receives = 0;
    const bodies = [`{"card":"${SECRET}"}`, `card ${SECRET}`, JSON.stringify(event(1))];
    // A stand-in SQS client: one receive with the messages, then a long poll that only ends on abort.
    const sqs = {
      send: (command: { constructor: { name: string } }, options?: { abortSignal?: AbortSignal }): Promise<unknown> => {
        if (command.constructor.name === 'DeleteMessageBatchCommand') return Promise.resolve({});
        receives += 1;
        if (receives === 1) return Promise.resolve({ Messages: bodies.map((Body, i) => ({ Body, ReceiptHandle: `r-${i}` })) });
        return new Promise((_, reject) =>
          options?.abortSignal?.addEventListener('abort', () => reject(Object.assign(new Error('aborted'), { name: 'AbortError' }))),
        );
      },
    } as unknown as SQSClient;
    const consumer = new CaptureConsumer({
      sqs,
      queueUrl: 'http://127.0.0.1:9/queue/jeb-x',
      store,
      clock: systemClock,
      log: (line) => lines.push(line),
    });
    const arrived = new Promise<void>((done) => store.subscribe(() => done()));
    consumer.start();
    await arrived;
    await consumer.stop();
    expect(store.rejected).toHaveLength(2);
    expect(lines).toEqual([
      'kept a message that is not an EventBridge event: not an EventBridge envelope: missing id, source, detail-type, detail',
      'kept a message that is not an EventBridge event: message body is not JSON',
    ]);
  });
});
