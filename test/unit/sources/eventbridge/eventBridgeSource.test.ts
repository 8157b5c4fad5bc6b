import type { AwsClients } from '../../../../src/aws/awsClients';
import { systemClock } from '../../../../src/core/store/clock';
import { EventStore } from '../../../../src/core/store/eventStore';
import { CaptureSetupError } from '../../../../src/foundation/errors';
import { EventBridgeSource } from '../../../../src/sources/eventbridge/eventBridgeSource';
import { captureNames } from '../../../../src/sources/eventbridge/resourceNames';

/** Clients that fail any call. */
const noAws = Object.fromEntries(
  ['eventBridge', 'sqs', 'sts'].map((client) => [
    client,
    { send: () => Promise.reject(new Error(`unexpected AWS call on ${client}`)), destroy: () => undefined },
  ]),
) as unknown as AwsClients;

const names = captureNames({ resourcePrefix: 'jeb-', runId: 'run1', workerId: '1', testPath: '/specs/orders.test.ts', nonce: 'n0n0n0' });

const source = (lines: string[] = []) =>
  new EventBridgeSource({
    clients: noAws,
    names,
    testPath: '/specs/orders.test.ts',
    eventBusName: 'orders',
    region: 'us-east-1',
    endpoint: 'http://127.0.0.1:9',
    readinessTimeout: 1000,
    clock: systemClock,
    log: (line) => lines.push(line),
  });

describe('EventBridgeSource', () => {
  it('describes its bus, queue and rule, and names them before anything exists', () => {
    const capture = source();
    expect(capture.describe()).toBe('bus "orders" via queue jeb-run1-w1-orders-n0n0n0');
    expect(capture.describeResources()).toBe('queue jeb-run1-w1-orders-n0n0n0 and rule jeb-run1-w1-orders-n0n0n0 on bus "orders"');
    expect(capture.resources()).toEqual({ queueName: 'jeb-run1-w1-orders-n0n0n0', ruleName: 'jeb-run1-w1-orders-n0n0n0' });
    expect(capture.correlationPrefix).toBe('jeb-run1-w1-n0n0n0:');
    expect(capture.deliveryError).toBeUndefined();
  });

  it('stops and removes without a call when nothing was started', async () => {
    const capture = source();
    await expect(capture.stopDelivering()).resolves.toBeUndefined();
    await expect(capture.remove()).resolves.toBeUndefined();
    await expect(capture.remove()).resolves.toBeUndefined();
  });

  it('fails readiness at once when the canary cannot be put', async () => {
    const lines: string[] = [];
    const failure = source(lines)
      .proveDelivery()
      .catch((error: unknown) => error);
    const error = await failure;
    expect(error).toBeInstanceOf(CaptureSetupError);
    expect((error as Error).message).toMatch(
      /^jest-eventbridge: the readiness check of jeb-run1-w1-orders-n0n0n0 could not put its canary event\. /,
    );
    expect(lines).toEqual(['readiness: putting canary 1 on bus "orders"']);
  });

  it('refuses to deliver before its queue exists', () => {
    expect(() => source().deliverTo(new EventStore({ now: () => 0 }))).toThrow('EventBridgeSource.deliverTo() before create()');
  });
});
