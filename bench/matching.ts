/**
 * Cost of event-pattern matching: a compiled pattern against realistic envelopes, a scan of a
 * store of captured events, and the same condition written by hand as the floor to compare with.
 */
import { compilePattern } from '../src/core/pattern';

export interface BenchResult {
  metric: string;
  value: number;
  unit: string;
  note?: string;
}

interface Envelope {
  version: string;
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: { orderId: string; customerId: string; total: number; currency: string; lines: { sku: string; qty: number }[] };
}

const PATTERN = {
  source: ['shop.orders'],
  'detail-type': ['Order Placed', 'Order Updated'],
  detail: {
    total: [{ numeric: ['>', 100, '<=', 5000] }],
    customerId: [{ prefix: 'cust-' }],
  },
};

/** The same condition as PATTERN, written the way one would by hand. */
function handWritten(event: Envelope): boolean {
  const type = event['detail-type'];
  const { total, customerId } = event.detail;
  return (
    event.source === 'shop.orders' &&
    (type === 'Order Placed' || type === 'Order Updated') &&
    typeof total === 'number' &&
    total > 100 &&
    total <= 5000 &&
    typeof customerId === 'string' &&
    customerId.startsWith('cust-')
  );
}

const SOURCES = ['shop.orders', 'shop.orders', 'shop.billing', 'shop.inventory'];
const TYPES = ['Order Placed', 'Order Updated', 'Order Cancelled', 'Invoice Issued'];

/** Deterministic pseudo-random envelopes, about a third of which match PATTERN. */
function envelopes(count: number): Envelope[] {
  let seed = 42;
  const next = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  return Array.from({ length: count }, (_, index) => ({
    version: '0',
    id: `0d5b7a3e-${index.toString(16).padStart(4, '0')}-4c1d-9d7e-2f1a8b6c${(index % 9999).toString().padStart(4, '0')}`,
    'detail-type': pick(TYPES),
    source: pick(SOURCES),
    account: '111122223333',
    time: new Date(1714550400000 + index * 1000).toISOString(),
    region: 'eu-west-1',
    resources: [`arn:aws:dynamodb:eu-west-1:111122223333:table/orders/${index}`],
    detail: {
      orderId: `o-${index}`,
      customerId: next() < 0.9 ? `cust-${index % 500}` : `guest-${index}`,
      total: Math.round(next() * 800000) / 100,
      currency: 'EUR',
      lines: [{ sku: `SKU-${index % 37}`, qty: 1 + (index % 4) }],
    },
  }));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** Nanoseconds per call of `run` (which performs `perRun` operations), median of several rounds. */
function timePerOperation(run: () => number, perRun: number, rounds = 7, minMillis = 150): number {
  let sink = 0;
  const warmUpUntil = performance.now() + minMillis;
  while (performance.now() < warmUpUntil) sink += run();
  const samples: number[] = [];
  for (let round = 0; round < rounds; round++) {
    let runs = 0;
    const start = process.hrtime.bigint();
    const stopAt = performance.now() + minMillis;
    do {
      sink += run();
      runs += 1;
    } while (performance.now() < stopAt);
    samples.push(Number(process.hrtime.bigint() - start) / (runs * perRun));
  }
  // Keeps the work observable so the optimiser cannot drop it.
  if (sink === -1) console.log(sink);
  return median(samples);
}

export async function benchMatching(): Promise<BenchResult[]> {
  const events = envelopes(1000);
  const compiled = compilePattern(PATTERN);
  const expected = events.filter(handWritten).length;
  const got = events.filter((event) => compiled.matches(event)).length;
  if (got !== expected) throw new Error(`compiled pattern and hand-written predicate disagree (${got} vs ${expected})`);

  const overEvents = (predicate: (event: Envelope) => boolean) => (): number => {
    let hits = 0;
    for (const event of events) if (predicate(event)) hits += 1;
    return hits;
  };
  const compiledNs = timePerOperation(
    overEvents((event) => compiled.matches(event)),
    events.length,
  );
  const handNs = timePerOperation(overEvents(handWritten), events.length);

  const store = envelopes(10_000);
  const scanNs = timePerOperation(
    () => {
      let hits = 0;
      for (const event of store) if (compiled.matches(event)) hits += 1;
      return hits;
    },
    1,
    7,
    300,
  );

  const compileNs = timePerOperation(() => (compilePattern(PATTERN).matches(events[0]) ? 1 : 0), 1);

  await Promise.resolve();
  return [
    {
      metric: 'pattern matches/s (4-field pattern, envelopes)',
      value: Math.round(1e9 / compiledNs),
      unit: 'evaluations/s',
      note: `${((expected / events.length) * 100).toFixed(0)}% of events match; ${compiledNs.toFixed(1)} ns each`,
    },
    {
      metric: 'hand-written predicate, same condition',
      value: Math.round(1e9 / handNs),
      unit: 'evaluations/s',
      note: `${handNs.toFixed(1)} ns each`,
    },
    {
      metric: 'compiled pattern / hand-written cost',
      value: Number((compiledNs / handNs).toFixed(2)),
      unit: 'ratio',
      note: 'time per evaluation, compiled pattern over hand-written predicate (1 = as fast)',
    },
    {
      metric: 'scan 10,000 stored events with a compiled pattern',
      value: Number((scanNs / 1000).toFixed(1)),
      unit: 'µs',
    },
    {
      metric: 'compile the pattern',
      value: Number((compileNs / 1000).toFixed(2)),
      unit: 'µs',
      note: 'validation and compilation, once per pattern',
    },
  ];
}

if (require.main === module) {
  benchMatching().then(
    (results) => {
      const rows = results.map((r) => ({ metric: r.metric, value: r.value, unit: r.unit, note: r.note ?? '' }));
      console.table(rows);
    },
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
