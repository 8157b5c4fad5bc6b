import type { AwsClients } from '../../../src/aws/awsClients';
import { createEventBridgeHandle } from '../../../src/handle/createEventBridgeHandle';
import { CAPTURE } from '../../../src/handle/EventBridgeHandle';
import { CaptureSession } from '../../../src/session/CaptureSession';
import { validateOptions } from '../../../src/session/options/validateOptions';

/** Clients that fail any call: building a handle must not reach AWS. */
const noAws = Object.fromEntries(
  ['eventBridge', 'sqs', 'sts'].map((client) => [
    client,
    { send: () => Promise.reject(new Error(`unexpected AWS call on ${client}`)), destroy: () => undefined },
  ]),
) as unknown as AwsClients;

const session = (raw: Record<string, unknown> = {}) =>
  new CaptureSession({
    options: validateOptions({ eventBusName: 'orders', region: 'us-east-1', endpoint: 'http://127.0.0.1:9', timeout: 1234, ...raw }),
    testPath: '/specs/orders.test.ts',
    clients: noAws,
    runId: 'run1',
    warn: () => undefined,
  });

describe('createEventBridgeHandle', () => {
  it("reads the session's bus, resources, timeout and description", async () => {
    const capture = session();
    const handle = createEventBridgeHandle(capture);
    expect(handle.eventBusName).toBe('orders');
    expect(handle.resources).toEqual({ queueName: capture.names.resourceName, ruleName: capture.names.resourceName });
    expect(handle[CAPTURE].defaultTimeoutMs).toBe(1234);
    expect(handle[CAPTURE].store).toBe(capture.store);
    expect(handle[CAPTURE].describe()).toBe(`bus "orders" via queue ${capture.names.resourceName}`);
    expect(handle[CAPTURE].consumerError()).toBeUndefined();
    expect(handle[CAPTURE].correlationPath).toBeUndefined();
    expect(handle.correlationId).toBeUndefined();
    await capture.stop();
  });

  it("gives matchers the runner's deadline: the running scope's start plus testTimeout, and none without one", async () => {
    const capture = session();
    const started = capture.scopes.current().startedTime;
    expect(createEventBridgeHandle(capture, { testTimeoutMs: 5_000 })[CAPTURE].runnerDeadline?.()).toBe(started + 5_000);
    expect(createEventBridgeHandle(capture)[CAPTURE].runnerDeadline).toBeUndefined();
    await capture.stop();
  });

  it("follows the session's scopes: the running test's correlation id and what it sees", async () => {
    const capture = session({ correlation: { path: 'detail.cid' } });
    const handle = createEventBridgeHandle(capture);
    capture.scopes.open();
    capture.beginTest('places an order');
    expect(handle.correlationId).toBe(`${capture.names.correlationPrefix}t1`);
    expect(handle[CAPTURE].correlationPath).toBe('detail.cid');
    expect(handle.events).toEqual([]);
    capture.endTest();
    await capture.stop();
  });

  it('puts through the session (which reaches AWS only for valid entries)', async () => {
    const capture = session();
    await expect(createEventBridgeHandle(capture).put({ source: 'shop', detailType: 'X' })).rejects.toThrow(
      'unexpected AWS call on eventBridge',
    );
    await capture.stop();
  });
});
