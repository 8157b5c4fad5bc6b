/**
 * Section 4: drain throughput. A queue is pre-filled with N event envelopes (SendMessageBatch),
 * then emptied by jest-eventbridge's CaptureConsumer into an EventStore, and, on another queue
 * filled the same way in the same run, by the plainest AWS SDK v3 loop: ReceiveMessage (10),
 * then DeleteMessageBatch, one after the other. Ours is reported as a ratio of that loop.
 */
import { randomUUID } from 'node:crypto';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  DeleteQueueCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { CaptureConsumer } from '../src/sources/eventbridge/captureConsumer';
import { systemClock } from '../src/core/store/clock';
import { EventStore } from '../src/core/store/eventStore';
import { awsTestClientConfig } from '../tools/emulator';
import { OURS, RAW, type BenchContext, type SectionResult } from './lib/results';
import { summarize } from './lib/stats';

/** SendMessageBatch calls in flight while filling a queue. */
const FILL_CONCURRENCY = 5;

export async function benchDrain(ctx: BenchContext): Promise<SectionResult> {
  // Modest on purpose: the emulator's ReceiveMessage scans the whole queue several times per
  // call, so its cost, not the consumer's, grows with the queue (and with it the run time).
  const count = ctx.quick ? 100 : 200;
  const runs = 2;
  const sqs = new SQSClient(awsTestClientConfig(ctx.endpoint));
  const oursRates: number[] = [];
  const rawRates: number[] = [];
  try {
    for (let run = 1; run <= runs; run += 1) {
      ctx.log(`drain: run ${run}/${runs} (${count} messages each)`);
      // Raw first in odd runs and ours first in even ones, so neither always meets the fresher emulator.
      const order = run % 2 === 1 ? (['raw', 'ours'] as const) : (['ours', 'raw'] as const);
      for (const which of order) {
        const queueUrl = await filledQueue(sqs, `bench-drain-${which}-${run}-${randomUUID().slice(0, 8)}`, count, ctx.region);
        try {
          const ms = which === 'ours' ? await drainWithConsumer(ctx, queueUrl, count) : await drainRaw(ctx, queueUrl, count);
          (which === 'ours' ? oursRates : rawRates).push(count / (ms / 1000));
        } finally {
          await sqs.send(new DeleteQueueCommand({ QueueUrl: queueUrl }));
        }
      }
    }
  } finally {
    sqs.destroy();
  }
  const ours = summarize(oursRates);
  const raw = summarize(rawRates);
  const ratio = ours.median / raw.median;
  return {
    title: '4. Drain throughput',
    rows: [
      {
        metric: `drain ${count} queued events`,
        tool: OURS,
        unit: 'events/s',
        summary: ours,
        note: 'CaptureConsumer into an EventStore: receive 10, delete overlapping the next receive',
      },
      {
        metric: `drain ${count} queued events`,
        tool: RAW,
        unit: 'events/s',
        summary: raw,
        note: 'ReceiveMessage (10) then DeleteMessageBatch, sequentially',
      },
      { metric: 'ours / raw loop', tool: OURS, unit: 'ratio', summary: summarize([ratio]), digits: 2 },
    ],
    targets: [
      {
        target: 'drain ≥ 0.8 of the raw loop',
        measured: `${ratio.toFixed(2)}× (${ours.median.toFixed(0)} vs ${raw.median.toFixed(0)} events/s)`,
        met: ratio >= 0.8,
      },
    ],
    notes: [
      `${runs} runs per side, each on a fresh queue pre-filled with ${count} envelopes; the time runs from the first receive to the last message deleted (for ours: stored, and its deletes settled). Rates are events per second; p95 is of the runs (a higher rate is better, so the p95 column is the fastest run).`,
      `Both go through the proxy (${ctx.rttMs} ms per call). Per 10 messages the raw loop took ${(10_000 / raw.median).toFixed(0)} ms for two round trips (${2 * ctx.rttMs} ms injected), the consumer ${(10_000 / ours.median).toFixed(0)} ms for one (${ctx.rttMs} ms injected; its delete overlaps the next receive). The rest is the emulator's ReceiveMessage: for every message it returns, moto reads the queue's attributes to check the retention period, and that recounts every message of the queue (visible, in flight, delayed), so each receive costs more the longer the queue. The consumer's own work per batch (parse, de-duplicate, store) is well under a millisecond (section 2).`,
    ],
    chart: [],
  };
}

async function filledQueue(sqs: SQSClient, name: string, count: number, region: string): Promise<string> {
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name }));
  if (!QueueUrl) throw new Error(`CreateQueue returned no URL for ${name}`);
  const batches: number[] = [];
  for (let first = 0; first < count; first += 10) batches.push(first);
  const fill = async (): Promise<void> => {
    for (let first = batches.shift(); first !== undefined; first = batches.shift()) {
      const entries = Array.from({ length: Math.min(10, count - first) }, (_, offset) => ({
        Id: String(offset),
        MessageBody: envelope(first + offset, region),
      }));
      const output = await sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries: entries }));
      if (output.Failed?.length) throw new Error(`SendMessageBatch failed for ${output.Failed.length} messages`);
    }
  };
  await Promise.all(Array.from({ length: FILL_CONCURRENCY }, fill));
  return QueueUrl;
}

/** The consumer as a capture session runs it, with its own client like a session's. */
async function drainWithConsumer(ctx: BenchContext, queueUrl: string, count: number): Promise<number> {
  const sqs = new SQSClient(awsTestClientConfig(ctx.endpoint));
  const store = new EventStore({ now: () => systemClock.now(), capacity: count * 2 });
  const consumer = new CaptureConsumer({ sqs, queueUrl, store, clock: systemClock, log: () => undefined });
  try {
    const allStored = new Promise<void>((resolve) => {
      const unsubscribe = store.subscribe(() => {
        if (store.stats.stored >= count) {
          unsubscribe();
          resolve();
        }
      });
    });
    const started = performance.now();
    consumer.start();
    await allStored;
    // stop() aborts the idle long poll and waits for the deletes still in flight.
    await consumer.stop();
    return performance.now() - started;
  } finally {
    await consumer.stop();
    sqs.destroy();
  }
}

/** The baseline, with a fresh client too, so that both start from the same cold connection. */
async function drainRaw(ctx: BenchContext, queueUrl: string, count: number): Promise<number> {
  const sqs = new SQSClient(awsTestClientConfig(ctx.endpoint));
  try {
    const started = performance.now();
    let received = 0;
    while (received < count) {
      const { Messages = [] } = await sqs.send(
        new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 20 }),
      );
      received += Messages.length;
      const entries = Messages.map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle }));
      if (entries.length > 0) await sqs.send(new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: entries }));
    }
    return performance.now() - started;
  } finally {
    sqs.destroy();
  }
}

function envelope(index: number, region: string): string {
  return JSON.stringify({
    version: '0',
    id: randomUUID(),
    'detail-type': 'Drain Probe',
    source: 'bench.drain',
    account: '123456789012',
    time: new Date().toISOString(),
    region,
    resources: [],
    detail: { index, payload: 'x'.repeat(200) },
  });
}
