/**
 * Event reports for the report page's tests (test/browser/, test/unit/report/): a realistic small
 * one, as a failed run of an order flow would leave it, and a large one for the page's speed.
 */
import type {
  CapturedEntry,
  EventReport,
  FileReport,
  InvocationEntry,
  MatcherEntry,
  PutEntry,
  TestReport,
  TimelineEntry,
} from '../../src/core/report/reportModel';

/** Text that would run script if the page ever read data as HTML. */
export const HOSTILE_TEXT = '</script><img src=x onerror="window.__reportXss=1"><script>window.__reportXss=2</script>';

const STARTED_AT = Date.UTC(2026, 0, 15, 9, 30, 0);
const BUS = 'orders-bus';

function envelope(id: string, source: string, detailType: string, detail: unknown, at: number): Record<string, unknown> {
  return {
    version: '0',
    id,
    'detail-type': detailType,
    source,
    account: '123456789012',
    time: new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    region: 'us-east-1',
    resources: [],
    detail,
  };
}

export function put(offsetMs: number, eventId: string, source: string, detailType: string, detail: unknown): PutEntry {
  return {
    kind: 'put',
    offsetMs,
    eventId,
    source,
    detailType,
    entry: { Source: source, DetailType: detailType, Detail: detail, EventBusName: BUS },
  };
}

export function captured(offsetMs: number, eventId: string, source: string, detailType: string, detail: unknown): CapturedEntry {
  return {
    kind: 'captured',
    offsetMs,
    eventId,
    source,
    detailType,
    event: envelope(eventId, source, detailType, detail, STARTED_AT + offsetMs),
  };
}

function test(title: string, status: TestReport['status'], timeline: TimelineEntry[], extra: Partial<TestReport> = {}): TestReport {
  return { title, ancestors: ['order flow'], status, startedAt: STARTED_AT, durationMs: 900, failureMessages: [], timeline, ...extra };
}

const failedMatcher: MatcherEntry = {
  kind: 'matcher',
  offsetMs: 140,
  durationMs: 5000,
  matcher: 'toEmitEvent',
  isNot: false,
  expected: '{ "detail-type": "OrderConfirmed", "detail": { "orderId": "o-1", "status": "PAID" } }',
  windowMs: 5000,
  verdict: 'fail',
  message: [
    'expect(eventBridge).toEmitEvent(expected, options)',
    '',
    'Expected an event matching: {"detail": {"orderId": "o-1", "status": "PAID"}, "detail-type": "OrderConfirmed"}',
    'Waited 5.00 s on bus "orders-bus" via queue jeb-test; 3 events arrived in that window. None matched.',
    '',
    'Nearest candidate (event 3):',
    '- Expected',
    '+ Received',
    '',
    '  Object {',
    '    "detail": Object {',
    '      "orderId": "o-1",',
    '-     "status": "PAID",',
    '+     "status": "PENDING",',
    '    },',
    '    "detail-type": "OrderConfirmed",',
    '  }',
  ].join('\n'),
  nearest: { eventId: 'evt-confirmed-1', reasons: ['detail.status: expected "PAID", got "PENDING"'], format: 'reasons' },
};

const thrownInvocation: InvocationEntry = {
  kind: 'invocation',
  offsetMs: 61,
  durationMs: 48,
  functionName: 'orders-confirm',
  logicalId: 'ConfirmOrderFunction',
  requestId: 'req-2',
  eventId: 'evt-put-1',
  ruleName: 'OrderPlacedRule',
  attempt: 1,
  attempts: 1,
  outcome: 'error',
  error: {
    name: 'TypeError',
    message: "Cannot read properties of undefined (reading 'amount')",
    stack: 'TypeError: Cannot read ...\n    at handler (src/confirm.ts:12:30)',
  },
};

/**
 * Three files, failed first: a failed test whose timeline (given out of order, as a recorder
 * may join it) holds two puts, captured events, a passing and a failing matcher with its nearest
 * candidate, and an invocation that threw. `hostileText` (by default HTML that would run script if
 * the page read it as markup) is in a test's title and an event's detail; the details also carry
 * a line separator and an integer beyond 2^53.
 */
export function fixtureReport(hostileText = HOSTILE_TEXT): EventReport {
  const failedTest = test(
    'confirms a paid order',
    'failed',
    [
      captured(75, 'evt-confirmed-1', 'orders.service', 'OrderConfirmed', { orderId: 'o-1', status: 'PENDING', note: hostileText }),
      put(12, 'evt-put-1', 'shop.checkout', 'OrderPlaced', { orderId: 'o-1', amount: 42 }),
      captured(30, 'evt-placed-1', 'shop.checkout', 'OrderPlaced', { orderId: 'o-1', amount: 42, line: 'a\u2028b' }),
      failedMatcher,
      thrownInvocation,
      {
        kind: 'invocation',
        offsetMs: 33,
        durationMs: 20,
        functionName: 'orders-audit',
        logicalId: 'AuditFunction',
        requestId: 'req-1',
        eventId: 'evt-placed-1',
        ruleName: 'OrderPlacedRule',
        attempt: 1,
        attempts: 1,
        outcome: 'success',
      },
      {
        kind: 'matcher',
        offsetMs: 90,
        durationMs: 3,
        matcher: 'toEmitEvent',
        isNot: false,
        expected: '{ "detail-type": "OrderPlaced" }',
        windowMs: 5000,
        verdict: 'pass',
      },
      put(20, 'evt-put-2', 'shop.checkout', 'PaymentReceived', { orderId: 'o-1', ledgerId: 12345678901234567890n }),
      captured(52, 'evt-payment-1', 'shop.checkout', 'PaymentReceived', { orderId: 'o-1', ledgerId: 12345678901234567890n }),
    ],
    { durationMs: 5200, failureMessages: [failedMatcher.message ?? ''] },
  );
  const orders: FileReport = {
    path: 'test/orders.spec.ts',
    status: 'failed',
    eventBusName: BUS,
    startedAt: STARTED_AT - 400,
    durationMs: 6800,
    eventsForgotten: 0,
    tests: [
      failedTest,
      test('keeps an unpaid order open', 'passed', [
        put(5, 'evt-put-3', 'shop.checkout', 'OrderPlaced', { orderId: 'o-2' }),
        captured(25, 'evt-placed-2', 'shop.checkout', 'OrderPlaced', { orderId: 'o-2' }),
      ]),
    ],
  };
  const payments: FileReport = {
    path: 'test/payments.spec.ts',
    status: 'passed',
    eventBusName: BUS,
    startedAt: STARTED_AT + 100,
    durationMs: 1500,
    eventsForgotten: 0,
    tests: [
      test(`refunds ${hostileText}`, 'passed', [
        put(4, 'evt-put-4', 'payments', 'RefundRequested', { orderId: 'o-3' }),
        captured(18, 'evt-refund-1', 'payments', 'RefundIssued', { orderId: 'o-3' }),
      ]),
    ],
  };
  const shipping: FileReport = {
    path: 'test/shipping.spec.ts',
    status: 'passed',
    eventBusName: BUS,
    eventsForgotten: 3,
    tests: [test('ships a confirmed order', 'passed', []), test('splits a parcel', 'skipped', [], { durationMs: 0 })],
  };
  return {
    formatVersion: 1,
    generatedAt: '2026-01-15T09:31:00.000Z',
    runner: 'jest',
    redacted: ['detail.card'],
    files: [orders, payments, shipping],
  };
}

/** Where the large report's biggest test is, and how many entries it holds. */
export interface LargeReportShape {
  readonly tests: number;
  readonly events: number;
  readonly bigTest: { readonly file: number; readonly test: number; readonly title: string; readonly events: number };
}

/**
 * A large run: `tests` tests in files of 10, `events` events in all (puts and captured, each with
 * a realistic detail), one test holding `bigTestEvents` of them and the rest spread evenly; every
 * tenth test failed, with a failed matcher. Deterministic.
 */
export function largeReport(tests = 500, events = 20000, bigTestEvents = 1000): { report: EventReport; shape: LargeReportShape } {
  const bigAt = { file: 7, test: 3 };
  const bigIndex = bigAt.file * 10 + bigAt.test;
  const perTest = Math.floor((events - bigTestEvents) / (tests - 1));
  const counts = Array.from({ length: tests }, (_, index) => (index === bigIndex ? bigTestEvents : perTest));
  // The remainder goes to the last test, so that the report holds exactly `events` events.
  counts[tests - 1] = (counts[tests - 1] ?? 0) + events - bigTestEvents - perTest * (tests - 1);
  const files: FileReport[] = [];
  for (let f = 0; f * 10 < tests; f += 1) {
    const fileTests: TestReport[] = [];
    for (let t = 0; t < 10 && f * 10 + t < tests; t += 1) {
      const isBig = f * 10 + t === bigIndex;
      const count = counts[f * 10 + t] ?? 0;
      const failed = (f * 10 + t) % 10 === 0;
      const timeline: TimelineEntry[] = [];
      for (let e = 0; e < count; e += 1) {
        const id = `evt-${f}-${t}-${e}`;
        const detail = {
          orderId: `o-${f}-${t}-${Math.floor(e / 2)}`,
          amount: e * 3,
          currency: 'EUR',
          items: [{ sku: `sku-${e % 17}`, quantity: 1 + (e % 3) }],
        };
        timeline.push(
          e % 2 === 0
            ? put(e * 3, id, 'shop.checkout', 'OrderPlaced', detail)
            : captured(e * 3 + 1, id, 'orders.service', 'OrderConfirmed', detail),
        );
      }
      if (failed) timeline.push({ ...failedMatcher, offsetMs: count * 3 });
      const title = isBig ? 'handles a thousand orders' : `handles order batch ${f}-${t}`;
      fileTests.push(test(title, failed ? 'failed' : 'passed', timeline, { durationMs: count * 3 + 5100 }));
    }
    fileTests.sort((a, b) => Number(b.status === 'failed') - Number(a.status === 'failed'));
    files.push({
      path: `test/batch-${String(f).padStart(3, '0')}.spec.ts`,
      status: 'failed',
      eventBusName: BUS,
      eventsForgotten: 0,
      tests: fileTests,
    });
  }
  const bigFile = files[bigAt.file];
  const bigTest = bigFile?.tests.findIndex((entry) => entry.title === 'handles a thousand orders') ?? -1;
  return {
    report: { formatVersion: 1, generatedAt: '2026-01-15T09:31:00.000Z', runner: 'jest', redacted: [], files },
    shape: { tests, events, bigTest: { file: bigAt.file, test: bigTest, title: 'handles a thousand orders', events: bigTestEvents } },
  };
}
