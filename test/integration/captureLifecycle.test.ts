/**
 * The capture lifecycle against the emulator, without Jest's environment in the way: setup's
 * round trips, readiness, duplicates and bad messages, teardown, and failure half-way.
 */
import { DeleteRuleCommand, DescribeRuleCommand, RemoveTargetsCommand } from '@aws-sdk/client-eventbridge';
import { DeleteQueueCommand, GetQueueUrlCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { CAPTURE_TARGET_ID } from '../../src/sources/eventbridge/captureResources';
import { systemClock } from '../../src/core/store/clock';
import { waitForVerdict } from '../../src/core/store/waitForVerdict';
import { createAwsClients, type AwsClients } from '../../src/aws/awsClients';
import { CaptureSession } from '../../src/session/CaptureSession';
import { createEventBridgeHandle } from '../../src/handle/createEventBridgeHandle';
import { validateOptions } from '../../src/session/options/validateOptions';
import type { EventBridgeOptions } from '../../src/session/options/options';
import { startFaultProxy } from '../support/faultProxy';
import { criticalPath, recordCalls, type RecordedCall } from './support/callRecorder';

const endpoint = process.env.JEST_EVENTBRIDGE_TEST_ENDPOINT_RESOLVED as string;

function session(extra: Partial<EventBridgeOptions> = {}, clients?: AwsClients): CaptureSession {
  const options = validateOptions({ eventBusName: 'lifecycle', endpoint, region: 'us-east-1', ...extra });
  return new CaptureSession({ options, testPath: __filename, warn: () => undefined, ...(clients ? { clients } : {}) });
}

function recordingClients(): { clients: AwsClients; calls: RecordedCall[] } {
  const clients = createAwsClients(validateOptions({ eventBusName: 'lifecycle', endpoint, region: 'us-east-1' }));
  return { clients, calls: recordCalls([clients.eventBridge, clients.sqs, clients.sts]) };
}

async function exists(clients: AwsClients, name: string, bus = 'lifecycle'): Promise<{ queue: boolean; rule: boolean }> {
  const queue = await clients.sqs.send(new GetQueueUrlCommand({ QueueName: name })).then(
    () => true,
    () => false,
  );
  const rule = await clients.eventBridge.send(new DescribeRuleCommand({ Name: name, EventBusName: bus })).then(
    () => true,
    () => false,
  );
  return { queue, rule };
}

const RESOURCE_CALLS = [
  'GetCallerIdentityCommand',
  'CreateQueueCommand',
  'PutRuleCommand',
  'SetQueueAttributesCommand',
  'PutTargetsCommand',
];
const TEARDOWN_CALLS = ['RemoveTargetsCommand', 'DeleteRuleCommand', 'DeleteQueueCommand'];

describe('capture lifecycle', () => {
  it('sets up in 2 sequential round trips once the account is known, tears down in 2, and leaves nothing', async () => {
    // The first capture of a worker also looks up the account id.
    const first = recordingClients();
    const cold = session({}, first.clients);
    await cold.start();
    await cold.stop();
    expect(criticalPath(first.calls.filter((c) => RESOURCE_CALLS.includes(c.command)))).toBe(3);

    const { clients, calls } = recordingClients();
    const capture = session({}, clients);
    await capture.start();
    const setup = calls.filter((c) => RESOURCE_CALLS.includes(c.command));
    expect(setup.map((c) => c.command).sort()).toEqual(['CreateQueueCommand', 'PutRuleCommand', 'PutTargetsCommand']);
    expect(criticalPath(setup)).toBe(2);
    // Readiness: the canary put, overlapping the consumer's first long poll.
    expect(calls.filter((c) => c.command === 'PutEventsCommand')).toHaveLength(1);
    expect(await exists(clients, capture.names.resourceName)).toEqual({ queue: true, rule: true });

    const before = calls.length;
    await capture.stop();
    const teardown = calls.slice(before).filter((c) => TEARDOWN_CALLS.includes(c.command));
    expect(teardown.map((c) => c.command).sort()).toEqual(TEARDOWN_CALLS.slice().sort());
    expect(criticalPath(teardown)).toBe(2);
    // The consumer's long poll was aborted by stop(), not waited out.
    expect(calls.filter((c) => c.command === 'ReceiveMessageCommand').every((c) => Number.isFinite(c.end))).toBe(true);
    expect(await exists(clients, capture.names.resourceName)).toEqual({ queue: false, rule: false });
  });

  it('counts a redelivered event once and keeps messages that are not events without dying', async () => {
    const capture = session();
    await capture.start();
    try {
      const { queueUrl } = createEventBridgeHandle(capture).resources;
      const clients = createAwsClients(validateOptions({ eventBusName: 'lifecycle', endpoint, region: 'us-east-1' }));
      const body = JSON.stringify({
        version: '0',
        id: 'dup-1',
        'detail-type': 'Dup',
        source: 'test',
        time: '2026-11-23T10:00:00Z',
        region: 'us-east-1',
        resources: [],
        detail: {},
      });
      for (const MessageBody of [body, 'not json', body, '{"hello":"world"}']) {
        await clients.sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody }));
      }
      await createEventBridgeHandle(capture).put({ source: 'test', detailType: 'After', detail: {} });
      const after = await waitForVerdict({
        store: capture.store,
        clock: systemClock,
        timeoutMs: 10_000,
        progress: (events) => (events.some((c) => c.event['detail-type'] === 'After') ? 'pass' : 'pending'),
        atDeadline: () => false,
      });
      expect(after.pass).toBe(true);
      expect(capture.store.visible().filter((c) => c.event.id === 'dup-1')).toHaveLength(1);
      expect(capture.store.stats.duplicates).toBe(1);
      expect(capture.store.rejected.map((r) => r.reason)).toEqual([
        'message body is not JSON',
        'not an EventBridge envelope: missing id, source, detail-type, detail',
      ]);
      clients.eventBridge.destroy();
      clients.sqs.destroy();
      clients.sts.destroy();
    } finally {
      await capture.stop();
    }
  });

  it('fails clearly when the bus does not exist, and removes what it created', async () => {
    const { clients } = recordingClients();
    const capture = session({ eventBusName: 'no-such-bus' }, clients);
    await expect(capture.start()).rejects.toThrow(
      `jest-eventbridge: could not set up the capture for ${__filename}. Creating the capture rule ${capture.names.resourceName} (events:PutRule) failed: event bus "no-such-bus" does not exist at endpoint ${endpoint}. Create it first, or fix "eventBusName" (and the region).`,
    );
    // The queue was created in parallel with the refused rule: teardown must remove it.
    expect((await exists(clients, capture.names.resourceName, 'no-such-bus')).queue).toBe(true);
    await capture.stop();
    expect(await exists(clients, capture.names.resourceName, 'no-such-bus')).toEqual({ queue: false, rule: false });
  });

  it('fails at once when the readiness canary cannot be put, and leaves nothing', async () => {
    const proxy = await startFaultProxy(endpoint, {
      rate: 1,
      faults: ['server-error-500'],
      match: (request) => request.operation === 'PutEvents',
    });
    try {
      const options = validateOptions({ eventBusName: 'lifecycle', endpoint: proxy.endpoint, region: 'us-east-1', maxAttempts: 1 });
      const capture = new CaptureSession({ options, testPath: __filename, warn: () => undefined });
      await expect(capture.start()).rejects.toThrow(
        new RegExp(
          `^jest-eventbridge: the readiness check of ${capture.names.resourceName} could not put its canary event\\. PutEvents \\(entries 0–0\\) failed: InternalException \\(HTTP 500\\)`,
        ),
      );
      await capture.stop();
      const { clients } = recordingClients();
      expect(await exists(clients, capture.names.resourceName)).toEqual({ queue: false, rule: false });
    } finally {
      await proxy.close();
    }
  });

  it('says the endpoint cannot be reached instead of showing SDK internals', async () => {
    const capture = session({ endpoint: 'http://127.0.0.1:9', maxAttempts: 1 });
    await expect(capture.start()).rejects.toThrow(
      /Looking up the AWS account \(sts:GetCallerIdentity\) failed: cannot reach endpoint http:\/\/127\.0\.0\.1:9 \(ECONNREFUSED\)\. Is the emulator running/,
    );
    await expect(capture.stop()).resolves.toEqual({ kept: false });
  });

  it('leaves the resources with keep: true, and names them', async () => {
    const warnings: string[] = [];
    const options = validateOptions({ eventBusName: 'lifecycle', endpoint, region: 'us-east-1', keep: true });
    const capture = new CaptureSession({ options, testPath: __filename, warn: (m) => warnings.push(m) });
    await capture.start();
    await capture.stop();
    const name = capture.names.resourceName;
    expect(warnings).toEqual([`keep: true: left queue ${name} and rule ${name} on bus "lifecycle" for debugging.`]);
    const { clients } = recordingClients();
    expect(await exists(clients, name)).toEqual({ queue: true, rule: true });
    // Clean up by hand, as a user who kept them would.
    await clients.eventBridge.send(new RemoveTargetsCommand({ Rule: name, EventBusName: 'lifecycle', Ids: [CAPTURE_TARGET_ID] }));
    await clients.eventBridge.send(new DeleteRuleCommand({ Name: name, EventBusName: 'lifecycle' }));
    await clients.sqs.send(new DeleteQueueCommand({ QueueUrl: createEventBridgeHandle(capture).resources.queueUrl }));
    expect(await exists(clients, name)).toEqual({ queue: false, rule: false });
  });
});
