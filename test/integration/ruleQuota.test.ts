/**
 * EventBridge's rules-per-bus quota, on an emulator of this file's own that enforces it with a
 * limit of 5 (JEST_EVENTBRIDGE_EMULATOR_RULES_PER_BUS), so that no other file's bus is filled:
 * the emulator refuses as AWS does, and a capture refused for it fails setup with the counts and
 * the fixes, leaving nothing behind.
 */
import { DeleteRuleCommand, EventBridgeClient, PutRuleCommand } from '@aws-sdk/client-eventbridge';
import { ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { startEmulator, type RunningEmulator } from '../../src/emulator/startEmulator';
import { CaptureSetupError } from '../../src/foundation/errors';
import { CAPTURE_RULE_DESCRIPTION } from '../../src/sources/eventbridge/resourceNames';
import { ruleQuotaHeadline } from '../../src/sources/eventbridge/ruleQuotaMessage';
import { CaptureSession } from '../../src/session/CaptureSession';
import { validateOptions } from '../../src/session/options/validateOptions';
import { awsTestClientConfig, createEventBus, TEST_REGION } from '../../tools/emulator';
import { startFaultProxy } from '../support/faultProxy';

const REPO_ROOT = resolve(__dirname, '../..');
const LIMIT = 5;
const LIMIT_ENV = 'JEST_EVENTBRIDGE_EMULATOR_RULES_PER_BUS';
const AWS_MESSAGE = 'The requested resource exceeds the maximum number allowed.';
const RUN_ID = 'quota1';
const PATTERN = JSON.stringify({ source: ['test.quota'] });

jest.setTimeout(60_000);

let emulator: RunningEmulator;
let eventBridge: EventBridgeClient;
let sqs: SQSClient;

/**
 * Starts an emulator with `limit` in its environment: the launcher hands its environment to the
 * server it spawns, so the limit reaches that emulator only, and is put back at once.
 */
async function startWithLimit(limit: string): Promise<RunningEmulator> {
  const before = process.env[LIMIT_ENV];
  process.env[LIMIT_ENV] = limit;
  try {
    return await startEmulator();
  } finally {
    if (before === undefined) delete process.env[LIMIT_ENV];
    else process.env[LIMIT_ENV] = before;
  }
}

beforeAll(async () => {
  emulator = await startWithLimit(String(LIMIT));
  // One attempt: the refusal is a throttling error to the SDK, and these calls test the answer.
  const config = { ...awsTestClientConfig(emulator.endpoint), maxAttempts: 1 };
  eventBridge = new EventBridgeClient(config);
  sqs = new SQSClient(config);
});

afterAll(async () => {
  eventBridge?.destroy();
  sqs?.destroy();
  await emulator?.stop();
});

const putRule = (bus: string, name: string, description?: string) =>
  eventBridge.send(
    new PutRuleCommand({ Name: name, EventBusName: bus, EventPattern: PATTERN, ...(description ? { Description: description } : {}) }),
  );

/** What `promise` rejects with; fails the test when it fulfils. */
async function rejectionOf(promise: Promise<unknown>): Promise<Error & { $metadata?: { httpStatusCode?: number } }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return error;
    throw new Error(`rejected with a non-error: ${String(error)}`);
  }
  throw new Error('expected a rejection');
}

async function queuesNamed(prefix: string): Promise<string[]> {
  const urls = (await sqs.send(new ListQueuesCommand({ QueueNamePrefix: prefix }))).QueueUrls ?? [];
  return urls.map((url) => url.split('/').pop() ?? url);
}

describe('the emulator, with a limit of 5 rules per bus', () => {
  it('refuses a sixth new rule as AWS does, and still updates a rule, takes rules on other buses and after a delete', async () => {
    await createEventBus(emulator.endpoint, 'limit');
    for (const name of ['a', 'b', 'c', 'd', 'e']) await putRule('limit', name);

    const refused = await rejectionOf(putRule('limit', 'f'));
    expect([refused.name, refused.message, refused.$metadata?.httpStatusCode]).toEqual(['LimitExceededException', AWS_MESSAGE, 400]);
    // Updating an existing rule adds none.
    await expect(putRule('limit', 'a', 'updated')).resolves.toMatchObject({ RuleArn: expect.stringContaining('rule/limit/a') });
    // The limit is per bus.
    await expect(putRule('default', 'f')).resolves.toMatchObject({ RuleArn: expect.stringContaining('rule/f') });
    await eventBridge.send(new DeleteRuleCommand({ Name: 'b', EventBusName: 'limit' }));
    await expect(putRule('limit', 'f')).resolves.toMatchObject({ RuleArn: expect.stringContaining('rule/limit/f') });
  });
});

describe('the limit setting', () => {
  it('is refused, naming the variable, when it is not a whole number from 1', async () => {
    await expect(startWithLimit('0')).rejects.toThrow(
      `jest-eventbridge emulator: ${LIMIT_ENV} must be a whole number from 1 (rules per event bus), got '0'.`,
    );
  });

  it('is left out, with one warning line, when put_rule has another shape', () => {
    // As the fixes' guards are checked (emulator/launcher.test.ts): against the installed moto,
    // with the patched code replaced first.
    const script = [
      'import serve_moto',
      'from moto.events.models import EventsBackend',
      'EventsBackend.put_rule = lambda self, name, event_bus_arn=None, **kwargs: None',
      'serve_moto.apply_rules_per_bus_limit("5.9.9", True, {})',
    ].join('\n');
    const result = spawnSync('python3', ['-c', script], { cwd: join(REPO_ROOT, 'python'), encoding: 'utf8' });
    expect(result.stderr.trim()).toBe(
      'jest-eventbridge emulator: warning: moto 5.9.9 runs without the rules-per-bus limit: the source of EventsBackend.put_rule cannot be read, so its shape cannot be checked.',
    );
  });
});

describe('a capture on a full bus', () => {
  /** Fills `bus` to the limit: 2 rules of the service, 2 captures of another run, 1 of this run. */
  async function fillBus(bus: string): Promise<void> {
    await createEventBus(emulator.endpoint, bus);
    await putRule(bus, 'orders-to-billing');
    await putRule(bus, 'orders-audit');
    await putRule(bus, 'jeb-oldrun-w1-a-000001', `${CAPTURE_RULE_DESCRIPTION}test/a.test.ts`);
    await putRule(bus, 'jeb-oldrun-w2-b-000002', `${CAPTURE_RULE_DESCRIPTION}test/b.test.ts`);
    await putRule(bus, `jeb-${RUN_ID}-w1-c-000003`, `${CAPTURE_RULE_DESCRIPTION}test/c.test.ts`);
  }

  const session = (bus: string, endpoint: string) =>
    new CaptureSession({
      options: validateOptions({ eventBusName: bus, endpoint, region: TEST_REGION, maxAttempts: 2 }),
      testPath: 'test/orders.test.ts',
      runId: RUN_ID,
      workerId: '2',
      warn: () => undefined,
    });

  it('fails setup naming the quota, the counts and the fixes, and the teardown removes the queue created meanwhile', async () => {
    await fillBus('full');
    const capture = session('full', emulator.endpoint);
    const error = await rejectionOf(capture.start());
    try {
      expect(error).toBeInstanceOf(CaptureSetupError);
      const lines = error.message.split('\n');
      expect(lines.slice(0, 4)).toEqual([
        ruleQuotaHeadline('test/orders.test.ts', 'full'),
        expect.stringMatching(
          new RegExp(
            `^EventBridge refused the capture rule ${capture.names.resourceName} \\(events:PutRule\\) with LimitExceededException: "${AWS_MESSAGE.replace(/\./g, '\\.')}" \\(2 attempts over \\d+\\.\\d s: the AWS SDK retries it as throttling, in case another run frees a rule meanwhile\\)\\.$`,
          ),
        ),
        'Bus "full" holds 5 rules: 2 of the service\'s own and 3 jest-eventbridge captures (2 of other runs, running now on other pipelines or left by crashed runs; 1 of this run).',
        expect.stringMatching(/^That is fewer than the default 300: /),
      ]);
      expect(error.message).toContain('`npx jest-eventbridge sweep --bus full`');
      expect(error.message).toContain("`captureScope: 'worker'`");
      expect(error.message).toContain('--quota-code L-244521F2');
      // The queue was created in parallel with the refused rule: it exists until the teardown.
      expect(await queuesNamed(`jeb-${RUN_ID}-w2-`)).toEqual([capture.names.resourceName]);
    } finally {
      await capture.stop();
    }
    expect(await queuesNamed(`jeb-${RUN_ID}-w2-`)).toEqual([]);
  });

  it('when ListRules fails too, says the rules could not be counted and still gives the fixes', async () => {
    await fillBus('full-unlisted');
    const proxy = await startFaultProxy(emulator.endpoint, {
      rate: 1,
      faults: ['throttle'],
      match: (request) => request.operation === 'ListRules',
    });
    const capture = session('full-unlisted', proxy.endpoint);
    try {
      const error = await rejectionOf(capture.start());
      const lines = error.message.split('\n');
      expect(lines[0]).toBe(ruleQuotaHeadline('test/orders.test.ts', 'full-unlisted'));
      expect(lines[2]).toMatch(
        /^The rules on bus "full-unlisted" could not be counted: Listing the rules of bus full-unlisted \(events:ListRules\) failed: Throttl\w+ \(HTTP 400\): .+\.$/,
      );
      expect(lines.slice(4).map((line) => line.split(':')[0])).toEqual([
        'To make room',
        '  - remove the captures crashed runs left',
        '  - ask for a rule once per worker, not per test file',
        '  - raise the quota',
      ]);
    } finally {
      await capture.stop();
      await proxy.close();
    }
    expect(await queuesNamed(`jeb-${RUN_ID}-w2-`)).toEqual([]);
  });
});
