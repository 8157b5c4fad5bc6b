/**
 * One capture per worker (`captureScope: 'worker'`), without a runner in the way: files run one
 * after another in this process, as in one worker. The first creates and proves the capture, the
 * next reuse it without a canary, none sees what arrived before it started (by time, and with
 * correlation by id), and the run's teardown removes what the records name.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetQueueAttributesCommand, GetQueueUrlCommand, ListQueueTagsCommand } from '@aws-sdk/client-sqs';
import { ListRulesCommand, ListTagsForResourceCommand, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { CaptureResources } from '../../src/sources/eventbridge/captureResources';
import { TAG_IN_USE_AT } from '../../src/sources/eventbridge/resourceNames';
import { createAwsClients, destroyAwsClients, type AwsClients } from '../../src/aws/awsClients';
import { CaptureSession } from '../../src/session/CaptureSession';
import { validateOptions } from '../../src/session/options/validateOptions';
import type { EventBridgeOptions } from '../../src/session/options/options';
import { RUN_CAPTURES_ENV, removeRunCaptures } from '../../src/session/runCaptures';
import { waitForVerdict } from '../../src/core/store/waitForVerdict';
import { systemClock } from '../../src/core/store/clock';
import { recordCalls } from './support/callRecorder';

const endpoint = process.env.JEST_EVENTBRIDGE_TEST_ENDPOINT_RESOLVED as string;
const BUS = 'worker-scope';

let folder: string;
let clients: AwsClients;
let runId: string;

beforeEach(() => {
  folder = mkdtempSync(join(tmpdir(), 'jeb-worker-scope-'));
  runId = `ws${Math.random().toString(36).slice(2, 8)}`;
  clients = createAwsClients(validateOptions({ eventBusName: BUS, endpoint, region: 'us-east-1' }));
});

afterEach(async () => {
  // What a test left (it failed half-way) is removed as the run's teardown would.
  await removeRunCaptures({ [RUN_CAPTURES_ENV]: folder });
  rmSync(folder, { recursive: true, force: true });
  destroyAwsClients(clients);
});

function fileSession(
  extra: Partial<EventBridgeOptions> = {},
  name = 'file.test.ts',
  sessionClients?: AwsClients,
  log?: (line: string) => void,
): CaptureSession {
  const options = validateOptions({
    eventBusName: BUS,
    endpoint,
    region: 'us-east-1',
    capturePattern: { source: [{ prefix: `ws.${runId}` }] },
    ...extra,
  });
  return new CaptureSession({
    options,
    testPath: join(__dirname, name),
    runId,
    workerId: '1',
    warn: () => undefined,
    workerCaptureFolder: folder,
    ...(sessionClients ? { clients: sessionClients } : {}),
    ...(log ? { log } : {}),
  });
}

/** Puts straight on the bus, as a service (or a late handler of an earlier file) would. */
async function putRaw(detailType: string, detail: Record<string, unknown> = {}): Promise<string> {
  const output = await clients.eventBridge.send(
    new PutEventsCommand({
      Entries: [{ EventBusName: BUS, Source: `ws.${runId}`, DetailType: detailType, Detail: JSON.stringify(detail) }],
    }),
  );
  return output.Entries?.[0]?.EventId ?? '';
}

/**
 * Waits (with a deadline) until the capture queue holds at least `count` visible messages, and
 * none hidden: a long poll left open by the last file would take (and hide) the message.
 */
async function untilQueued(queueName: string, count: number): Promise<void> {
  const url = (await clients.sqs.send(new GetQueueUrlCommand({ QueueName: queueName }))).QueueUrl;
  const deadline = Date.now() + 3_000;
  let last: Record<string, string> = {};
  for (;;) {
    const attributes = await clients.sqs.send(
      new GetQueueAttributesCommand({
        QueueUrl: url,
        AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
      }),
    );
    last = attributes.Attributes ?? {};
    if (Number(last.ApproximateNumberOfMessages ?? 0) >= count && Number(last.ApproximateNumberOfMessagesNotVisible ?? 0) === 0) return;
    if (Date.now() > deadline)
      throw new Error(`queue ${queueName} did not hold ${count} visible message(s) within 3 s: ${JSON.stringify(last)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function until(session: CaptureSession, what: (detailTypes: string[]) => boolean): Promise<void> {
  const verdict = await waitForVerdict({
    store: session.store,
    clock: systemClock,
    timeoutMs: 10_000,
    progress: (events) => (what(events.map((captured) => captured.event['detail-type'])) ? 'pass' : 'pending'),
    atDeadline: () => false,
  });
  if (!verdict.pass)
    throw new Error(
      `not seen within 10 s; captured: ${session.store
        .captured()
        .map((c) => c.event['detail-type'])
        .join(', ')}`,
    );
}

async function captureRules(): Promise<string[]> {
  const listed = await clients.eventBridge.send(new ListRulesCommand({ EventBusName: BUS, NamePrefix: `jeb-${runId}-` }));
  return (listed.Rules ?? []).map((rule) => rule.Name ?? '');
}

describe("captureScope: 'worker'", () => {
  it('creates and proves one capture for the first file; the next files reuse it with no call to set it up', async () => {
    const first = fileSession({}, 'first.test.ts');
    await first.start();
    const name = first.resources().queueName;
    expect(name).toMatch(new RegExp(`^jeb-${runId}-w1-worker-[a-z0-9]{6}$`));
    await first.put([{ source: `ws.${runId}`, detailType: 'First' }]);
    await until(first, (types) => types.includes('First'));
    await first.stop();

    const sessionClients = createAwsClients(validateOptions({ eventBusName: BUS, endpoint, region: 'us-east-1' }));
    const calls = recordCalls([sessionClients.eventBridge, sessionClients.sqs, sessionClients.sts]);
    const second = fileSession({}, 'second.test.ts', sessionClients);
    await second.start();
    expect(second.resources().queueName).toBe(name);
    // Reusing costs nothing on the file's clients: no queue, rule, target or canary.
    expect(calls.map((call) => call.command)).toEqual([]);
    await second.put([{ source: `ws.${runId}`, detailType: 'Second' }]);
    await until(second, (types) => types.includes('Second'));
    expect(second.store.captured().map((c) => c.event['detail-type'])).toEqual(['Second']);
    await second.stop();

    // Still there between files: the run's teardown removes it, from the record the worker wrote.
    expect(await captureRules()).toEqual([name]);
    expect(readdirSync(folder)).toEqual([`${name}.json`]);
    const removal = await removeRunCaptures({ [RUN_CAPTURES_ENV]: folder });
    expect(removal).toEqual({ removed: [name], failed: [] });
    expect(await captureRules()).toEqual([]);
  });

  it('a file does not see events that reached the shared queue before it started', async () => {
    const first = fileSession({}, 'first.test.ts');
    await first.start();
    const name = first.resources().queueName;
    await first.stop();
    // Between two files nobody receives: what a late handler puts now waits in the queue.
    const late = await putRaw('LateFromFirst');
    await untilQueued(name, 1);

    const lines: string[] = [];
    const second = fileSession({}, 'second.test.ts', undefined, (line) => lines.push(line));
    await second.start();
    await second.put([{ source: `ws.${runId}`, detailType: 'Second' }]);
    await until(second, (types) => types.includes('Second'));
    const seen = second.store.captured().map((c) => c.event.id);
    expect(seen).not.toContain(late);
    // Dropped by its enqueue time, not missed: the second file received it and let it go.
    expect(lines).toContain('dropped 1 message enqueued before this file started');
    expect(second.store.captured().map((c) => c.event['detail-type'])).toEqual(['Second']);
    await second.stop();
  });

  it('with correlation, each file has its own id prefix under the capture, and sees only its own ids', async () => {
    const correlation = { correlation: { path: 'detail.correlationId' } };
    const first = fileSession(correlation, 'first.test.ts');
    await first.start();
    first.beginTest('first');
    const [put] = await first.put([{ source: `ws.${runId}`, detailType: 'First' }]);
    await until(first, (types) => types.includes('First'));
    first.endTest();
    await first.stop();

    const second = fileSession(correlation, 'second.test.ts');
    await second.start();
    second.beginTest('second');
    // The first file's id, on an event put after the second began: its time would let it in, its id does not.
    await putRaw('FirstAgain', { correlationId: put?.correlationId });
    const [own] = await second.put([{ source: `ws.${runId}`, detailType: 'Second' }]);
    await until(second, (types) => types.includes('Second'));
    expect(put?.correlationId?.startsWith(`jeb-${runId}-w1-`)).toBe(true);
    expect(own?.correlationId).toMatch(/:f2-second\./);
    expect(put?.correlationId).toMatch(/:f1-first\./);
    expect(second.store.captured().map((c) => c.event['detail-type'])).toEqual(['Second']);
    second.endTest();
    await second.stop();
  });

  it('a file with other capture options, keep or mirrorRule gets a capture of its own', async () => {
    const first = fileSession({}, 'first.test.ts');
    await first.start();
    const shared = first.resources().queueName;
    await first.stop();
    const other = fileSession({ captureScope: 'file' }, 'own.test.ts');
    await other.start();
    expect(other.resources().queueName).not.toBe(shared);
    expect(other.resources().queueName).toMatch(/-own-/);
    await other.stop();
    expect(await captureRules()).toEqual([shared]);
  });

  it("tags the queue and rule as in use (the sweep ages a worker's capture from its last use)", async () => {
    const resources = new CaptureResources(clients, {
      resourceName: `jeb-${runId}-w1-worker-tagged`,
      runId,
      testFile: 'worker 1',
      eventBusName: BUS,
      canaryId: 'unused',
      region: 'us-east-1',
      endpoint,
    });
    try {
      const created = await resources.create();
      const at = new Date('2026-12-01T10:00:00.000Z');
      await resources.markInUse(at);
      const ruleTags = await clients.eventBridge.send(new ListTagsForResourceCommand({ ResourceARN: created.ruleArn }));
      const queueTags = await clients.sqs.send(new ListQueueTagsCommand({ QueueUrl: created.queueUrl }));
      expect(ruleTags.Tags).toContainEqual({ Key: TAG_IN_USE_AT, Value: at.toISOString() });
      expect(queueTags.Tags?.[TAG_IN_USE_AT]).toBe(at.toISOString());
    } finally {
      await resources.remove();
    }
  });

  it('a setup that fails removes the shared capture and its record; the next file starts afresh', async () => {
    const broken = fileSession({ eventBusName: 'no-such-bus-for-worker-scope' }, 'broken.test.ts');
    await expect(broken.start()).rejects.toThrow(/no-such-bus-for-worker-scope/);
    await broken.stop();
    expect(readdirSync(folder)).toEqual([]);
  });
});
