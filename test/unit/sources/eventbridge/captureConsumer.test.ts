import type { SQSClient } from '@aws-sdk/client-sqs';
import type { EventBridgeEvent } from '../../../../src/core/events/envelope';
import { systemClock } from '../../../../src/core/store/clock';
import { EventStore } from '../../../../src/core/store/eventStore';
import { CaptureConsumer } from '../../../../src/sources/eventbridge/captureConsumer';

describe('CaptureConsumer', () => {
  const envelope = (id: string, source: string): EventBridgeEvent => ({
    version: '0',
    id,
    'detail-type': 'T',
    source,
    account: '123456789012',
    time: '2024-01-01T00:00:00Z',
    region: 'us-east-1',
    resources: [],
    detail: {},
  });

  it('keeps diverted events out of the store, and stores the rest', async () => {
    const store = new EventStore({ now: () => 0 });
    let receives = 0;
    // A stand-in SQS client: one receive with the messages, then a long poll that only ends on abort.
    const sqs = {
      send: (command: { constructor: { name: string } }, options?: { abortSignal?: AbortSignal }): Promise<unknown> => {
        if (command.constructor.name === 'DeleteMessageBatchCommand') return Promise.resolve({});
        receives += 1;
        if (receives === 1)
          return Promise.resolve({
            Messages: [envelope('a', 'probe'), envelope('b', 'shop')].map((event, i) => ({
              Body: JSON.stringify(event),
              ReceiptHandle: `r-${i}`,
            })),
          });
        return new Promise((_, reject) =>
          options?.abortSignal?.addEventListener('abort', () => reject(Object.assign(new Error('aborted'), { name: 'AbortError' }))),
        );
      },
    } as unknown as SQSClient;
    const diverted: string[] = [];
    const consumer = new CaptureConsumer({
      sqs,
      queueUrl: 'http://127.0.0.1:9/queue/jeb-x',
      store,
      clock: systemClock,
      log: () => undefined,
      eventLog: () => undefined,
      payloadLog: () => undefined,
      divert: (event) => {
        if (event.source !== 'probe') return false;
        diverted.push(event.id);
        return true;
      },
    });
    const arrived = new Promise<void>((done) => store.subscribe(() => done()));
    consumer.start();
    await arrived;
    await consumer.stop();
    expect(diverted).toEqual(['a']);
    expect(store.captured().map((captured) => captured.event.id)).toEqual(['b']);
  });

  it('with sentSince, drops unread what SQS enqueued before it, and reads the rest (SentTimestamp asked for)', async () => {
    const store = new EventStore({ now: () => 0 });
    const asked: unknown[] = [];
    let receives = 0;
    const sqs = {
      send: (command: { constructor: { name: string }; input: unknown }, options?: { abortSignal?: AbortSignal }): Promise<unknown> => {
        if (command.constructor.name === 'DeleteMessageBatchCommand') return Promise.resolve({});
        receives += 1;
        asked.push(command.input);
        if (receives === 1)
          return Promise.resolve({
            Messages: [
              { event: envelope('before', 'shop'), sent: '999' },
              { event: envelope('at', 'shop'), sent: '1000' },
              { event: envelope('unknown', 'shop'), sent: undefined },
            ].map(({ event, sent }, i) => ({
              Body: JSON.stringify(event),
              ReceiptHandle: `r-${i}`,
              ...(sent !== undefined ? { Attributes: { SentTimestamp: sent } } : {}),
            })),
          });
        return new Promise((_, reject) =>
          options?.abortSignal?.addEventListener('abort', () => reject(Object.assign(new Error('aborted'), { name: 'AbortError' }))),
        );
      },
    } as unknown as SQSClient;
    const log: string[] = [];
    const consumer = new CaptureConsumer({
      sqs,
      queueUrl: 'http://127.0.0.1:9/queue/jeb-x',
      store,
      clock: systemClock,
      log: (line) => log.push(line),
      eventLog: () => undefined,
      payloadLog: () => undefined,
      sentSince: 1000,
    });
    const arrived = new Promise<void>((done) => store.subscribe(() => done()));
    consumer.start();
    await arrived;
    await consumer.stop();
    // A message without the attribute is kept: nothing proves it came before.
    expect(store.captured().map((captured) => captured.event.id)).toEqual(['at', 'unknown']);
    expect(log).toContain('dropped 1 message enqueued before this file started');
    expect(asked[0]).toMatchObject({ MessageSystemAttributeNames: ['SentTimestamp'], AttributeNames: ['All'] });
  });

  it("stop('settle') waits the receive in flight out instead of abandoning it, and deletes unread what it brings", async () => {
    const store = new EventStore({ now: () => 0 });
    const deleted: unknown[] = [];
    let aborted = false;
    let answer: ((value: unknown) => void) | undefined;
    const sqs = {
      send: (command: { constructor: { name: string }; input: unknown }, options?: { abortSignal?: AbortSignal }): Promise<unknown> => {
        if (command.constructor.name === 'DeleteMessageBatchCommand') {
          deleted.push(command.input);
          return Promise.resolve({});
        }
        options?.abortSignal?.addEventListener('abort', () => (aborted = true));
        // A long poll that answers only when the test says so.
        return new Promise((resolve) => (answer = resolve));
      },
    } as unknown as SQSClient;
    const log: string[] = [];
    const consumer = new CaptureConsumer({
      sqs,
      queueUrl: 'http://127.0.0.1:9/queue/jeb-x',
      store,
      clock: systemClock,
      log: (line) => log.push(line),
      eventLog: () => undefined,
      payloadLog: () => undefined,
      waitTimeSeconds: 1,
    });
    consumer.start();
    await new Promise((resolve) => setImmediate(resolve));
    const stopped = consumer.stop('settle');
    // SQS answers the poll that was in flight with a message that arrived meanwhile.
    answer?.({ Messages: [{ Body: JSON.stringify(envelope('late', 'shop')), ReceiptHandle: 'r-late' }] });
    await stopped;
    expect(aborted).toBe(false);
    expect(store.captured()).toEqual([]);
    expect(deleted).toEqual([{ QueueUrl: 'http://127.0.0.1:9/queue/jeb-x', Entries: [{ Id: '0', ReceiptHandle: 'r-late' }] }]);
    expect(log).toContain('dropped 1 message received after the file ended');
  });
});
