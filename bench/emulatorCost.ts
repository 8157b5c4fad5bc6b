/**
 * The emulator's own cost, measured without the proxy: what bounds every other number and is
 * not the library's. Moto delivers each matched event to its SQS targets synchronously inside
 * PutEvents; as it ships, that delivery is slow and CPU-bound (see the notes), which the
 * embedded emulator's memoized parse fixes. Both are measured side by side.
 */
import { randomUUID } from 'node:crypto';
import { CreateQueueCommand, DeleteQueueCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import {
  DeleteRuleCommand,
  EventBridgeClient,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import { startEmulator } from '../src/emulator/startEmulator';
import { awsTestClientConfig, createEventBus, TEST_ENDPOINT_ENV } from '../tools/emulator';
import type { BenchContext, ResultRow, SectionResult } from './lib/results';
import { summarize } from './lib/stats';

const BUS = 'bench-emulator';
const ACCOUNT = '123456789012';

export interface EmulatorCost {
  readonly section: SectionResult;
  /** Median time PutEvents spends delivering one event to one queue, beyond a put that delivers nothing. */
  readonly perDeliveryMs: number;
  /** Median of a plain call (SendMessage) straight to the emulator: its handling plus the SDK's. */
  readonly plainCallMs: number;
}

interface Measured {
  readonly rows: ResultRow[];
  readonly perDeliveryMs: number;
  readonly plainCallMs: number;
}

/**
 * Measures the run's emulator (the embedded one, with its fixes) and, for comparison, moto as it
 * ships, started here for this section only. An emulator named by JEST_EVENTBRIDGE_TEST_ENDPOINT
 * is measured alone: it is not ours to compare.
 */
export async function benchEmulatorCost(ctx: BenchContext): Promise<EmulatorCost> {
  const samples = ctx.quick ? 5 : 10;
  // The multi-delivery rows only illustrate how the cost adds up: fewer samples keep the run short.
  const fewer = Math.ceil(samples / 2);
  const external = (process.env[TEST_ENDPOINT_ENV] ?? '').trim() !== '';
  const fixedLabel = external
    ? 'emulator'
    : process.env.JEST_EVENTBRIDGE_PLAIN_MOTO === '1'
      ? 'moto as it ships (the run’s)'
      : 'embedded emulator';
  ctx.log(`emulator cost: calibrating the ${fixedLabel}`);
  const fixed = await measure(ctx.emulatorEndpoint, ctx.region, fixedLabel, samples, fewer);
  let plain: Measured | undefined;
  if (!external) {
    ctx.log('emulator cost: calibrating moto as it ships, for comparison');
    const shipped = await startEmulator({ fixes: false });
    try {
      plain = await measure(shipped.endpoint, ctx.region, 'moto as it ships', samples, fewer);
    } finally {
      await shipped.stop();
    }
  }
  const ratio = plain ? plain.perDeliveryMs / Math.max(fixed.perDeliveryMs, 0.1) : undefined;
  const section: SectionResult = {
    title: "The emulator's cost (no proxy)",
    rows: [...fixed.rows, ...(plain?.rows ?? [])],
    targets: [],
    notes: [
      `Measured straight against the emulator, ${samples} samples each (${fewer} for the rows with four deliveries). The emulator answers PutEvents only after it has delivered to every matched target, so each delivery's cost (${fixed.perDeliveryMs.toFixed(1)} ms on the ${fixedLabel}${plain ? `, ${plain.perDeliveryMs.toFixed(0)} ms on moto as it ships` : ''}) is paid inside the put: by every setup canary, every put a realistic test makes and every event the order service emits, once per matching rule. The figures of the other sections were measured on the ${fixedLabel}.`,
      'Why moto as it ships is slow: profiled with cProfile, moto 5.2.1 spends 99% of such a PutEvents in its input-template step (moto/events/utils.py, EventTemplateParser.parse): for every matched target it compiles eight JSONPath expressions with jsonpath_ng, and every compile builds a PLY LALR parser table from scratch. The embedded emulator memoizes that parse (python/serve_moto.py)' +
        (ratio ? `: here a delivery costs ${ratio.toFixed(1)}× less.` : '.'),
      "Real EventBridge accepts PutEvents before it delivers, so there a put returns after its round trip and parallel files do not wait for each other's deliveries: these parts of the timings belong to the emulator, while the round-trip counts carry over.",
    ],
    chart: [],
  };
  return { section, perDeliveryMs: fixed.perDeliveryMs, plainCallMs: fixed.plainCallMs };
}

async function measure(endpoint: string, region: string, tool: string, samples: number, fewer: number): Promise<Measured> {
  const config = awsTestClientConfig(endpoint);
  const sqs = new SQSClient(config);
  const events = new EventBridgeClient(config);
  const name = `bench-emulator-${randomUUID().slice(0, 8)}`;
  await createEventBus(endpoint, BUS);
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name }));
  await events.send(new PutRuleCommand({ Name: name, EventBusName: BUS, EventPattern: JSON.stringify({ source: ['bench.matched'] }) }));
  await events.send(
    new PutTargetsCommand({ Rule: name, EventBusName: BUS, Targets: [{ Id: 'q', Arn: `arn:aws:sqs:${region}:${ACCOUNT}:${name}` }] }),
  );
  const put = (source: string, entries = 1) =>
    events.send(
      new PutEventsCommand({
        Entries: Array.from({ length: entries }, () => ({ EventBusName: BUS, Source: source, DetailType: 'Calibration', Detail: '{}' })),
      }),
    );
  const time = async (action: () => Promise<unknown>, count = samples): Promise<number[]> => {
    const times: number[] = [];
    for (let index = 0; index < count; index += 1) {
      const started = performance.now();
      await action();
      times.push(performance.now() - started);
    }
    return times;
  };
  try {
    const send = await time(() => sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: '{}' })));
    const unmatched = await time(() => put('bench.unmatched'));
    const matched = await time(() => put('bench.matched'));
    const matchedFour = await time(() => put('bench.matched', 4), fewer);
    const parallelFour = await time(() => Promise.all([1, 2, 3, 4].map(() => put('bench.matched'))), fewer);
    return {
      rows: [
        {
          metric: 'SendMessage',
          tool,
          unit: 'ms',
          summary: summarize(send),
          digits: 1,
          note: "a plain call's handling time: added to every round trip",
        },
        { metric: 'PutEvents, no rule matches', tool, unit: 'ms', summary: summarize(unmatched), digits: 1 },
        { metric: 'PutEvents, 1 event delivered to 1 queue', tool, unit: 'ms', summary: summarize(matched), digits: 1 },
        {
          metric: 'PutEvents, 4 events delivered to 1 queue',
          tool,
          unit: 'ms',
          summary: summarize(matchedFour),
          digits: 1,
          note: 'the cost grows with every delivery',
        },
        {
          metric: '4 PutEvents at once, 1 delivery each',
          tool,
          unit: 'ms',
          summary: summarize(parallelFour),
          digits: 1,
          note: 'deliveries queue behind each other: concurrency does not help',
        },
      ],
      perDeliveryMs: summarize(matched).median - summarize(unmatched).median,
      plainCallMs: summarize(send).median,
    };
  } finally {
    await events.send(new RemoveTargetsCommand({ Rule: name, EventBusName: BUS, Ids: ['q'] }));
    await events.send(new DeleteRuleCommand({ Name: name, EventBusName: BUS }));
    await sqs.send(new DeleteQueueCommand({ QueueUrl }));
    sqs.destroy();
    events.destroy();
  }
}
