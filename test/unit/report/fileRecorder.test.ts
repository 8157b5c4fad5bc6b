import type { PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { ScopeTracker, viewOf } from '../../../src/core/scopes/testScopes';
import { EventStore } from '../../../src/core/store/eventStore';
import type { InvocationRecord } from '../../../src/local/stackModel';
import type { TimelineEntry } from '../../../src/core/report/reportModel';
import { FileRecorder } from '../../../src/session/report/FileRecorder';

const idOf = (entry: TimelineEntry): string => ('eventId' in entry ? entry.eventId : '');
import { envelope } from '../support/fakeCapture';
import { ManualClock } from '../support/manualClock';

const CARD = '4111111111111111';

function capture(redact: string[] = ['detail.card.number'], capacity?: number) {
  const clock = new ManualClock();
  const store = new EventStore({ now: () => clock.now(), ...(capacity !== undefined ? { capacity } : {}) });
  const scopes = new ScopeTracker({ position: () => store.lastSequence, now: () => clock.now(), correlationPrefix: undefined });
  const recorder = new FileRecorder({ clock, redact });
  scopes.open();
  recorder.ready();
  return { clock, store, scopes, recorder };
}

const request = (orderId: string): PutEventsRequestEntry => ({
  Source: 'shop.orders',
  DetailType: 'OrderPlaced',
  Detail: JSON.stringify({ orderId, card: { number: CARD } }),
  EventBusName: 'orders',
});

describe('FileRecorder', () => {
  it("records each test's puts, the events it saw and its verdicts, by offset from its start, redacted", () => {
    const { clock, store, scopes, recorder } = capture();
    const block = scopes.blockFor('describe', 'orders', 'file');
    scopes.blockFor('file', '', undefined);
    scopes.enterBlock(block);
    clock.advance(100);
    const test = scopes.beginTest(block, 'places an order');
    clock.advance(10);
    recorder.put({ scope: scopes.current(), requests: [request('o-1')], ids: ['e-1'], correlationIds: ['c-1'], at: clock.now() });
    clock.advance(5);
    recorder.outcome(scopes.current(), {
      matcher: 'toEmitEvent',
      isNot: false,
      expected: '\u001b[32m{"detail-type": "OrderConfirmed"}\u001b[39m',
      startedAt: clock.now(),
      waitedMs: 1500,
      windowMs: 1500,
      passed: false,
      message: `Expected an event matching\n  1. +0.02 s  shop.orders  OrderPlaced  {"card":{"number":"[redacted]"}}`,
      nearest: { eventId: 'e-1', reasons: ['\u001b[31mdetail-type\u001b[39m: "OrderPlaced" is not "OrderConfirmed"'], format: 'reasons' },
    });
    clock.advance(20);
    store.add([envelope({ id: 'e-1', detail: { orderId: 'o-1', card: { number: CARD } } })]);
    clock.advance(1480);
    recorder.testEnded(test, scopes.view(), store.lastSequence);
    scopes.endTest(block);
    // After the test: not its event.
    store.add([envelope({ id: 'e-late' })]);
    const invocation: InvocationRecord = {
      functionName: 'confirm',
      logicalId: 'Confirm',
      requestId: 'r-1',
      eventId: 'e-1',
      ruleName: 'OnOrder',
      attempt: 1,
      attempts: 3,
      startedAt: 0,
      durationMs: 7,
      outcome: 'error',
      error: { name: 'Error', message: 'boom' },
    };

    const part = recorder.part({ testPath: '/repo/a.test.ts', eventBusName: 'orders', store, invocations: [invocation] });
    expect(part).toMatchObject({
      partFormat: 1,
      testPath: '/repo/a.test.ts',
      eventBusName: 'orders',
      eventsForgotten: 0,
      durationMs: 1615,
    });
    expect(part.tests).toHaveLength(1);
    const [recorded] = part.tests;
    expect(recorded?.title).toBe('places an order');
    expect(recorded?.ancestors).toEqual(['orders']);
    expect(recorded?.durationMs).toBe(1515);
    const startedAt = recorded?.startedAt ?? 0;
    expect(recorded?.timeline.map((entry) => [entry.kind, entry.offsetMs])).toEqual(
      [
        ['put', 10],
        ['matcher', 15],
        ['captured', 35],
        ['invocation', Math.round(0 - startedAt)],
      ].sort((a, b) => (a[1] as number) - (b[1] as number)),
    );
    const byKind = Object.fromEntries((recorded?.timeline ?? []).map((entry) => [entry.kind, entry]));
    expect(byKind.put).toEqual({
      kind: 'put',
      offsetMs: 10,
      eventId: 'e-1',
      source: 'shop.orders',
      detailType: 'OrderPlaced',
      correlationId: 'c-1',
      entry: {
        Source: 'shop.orders',
        DetailType: 'OrderPlaced',
        Detail: { orderId: 'o-1', card: { number: '[redacted]' } },
        EventBusName: 'orders',
      },
    });
    expect(byKind.captured).toMatchObject({
      eventId: 'e-1',
      event: { id: 'e-1', detail: { orderId: 'o-1', card: { number: '[redacted]' } } },
    });
    expect(byKind.matcher).toEqual({
      kind: 'matcher',
      offsetMs: 15,
      durationMs: 1500,
      matcher: 'toEmitEvent',
      isNot: false,
      expected: '{"detail-type": "OrderConfirmed"}',
      windowMs: 1500,
      verdict: 'fail',
      message: 'Expected an event matching\n  1. +0.02 s  shop.orders  OrderPlaced  {"card":{"number":"[redacted]"}}',
      nearest: { eventId: 'e-1', reasons: ['detail-type: "OrderPlaced" is not "OrderConfirmed"'], format: 'reasons' },
    });
    expect(byKind.invocation).toMatchObject({
      functionName: 'confirm',
      attempt: 1,
      attempts: 3,
      outcome: 'error',
      error: { message: 'boom' },
    });
    expect(JSON.stringify(part.tests)).not.toContain(CARD);
    // Only for the reporter, to mask the runner's own messages: the report never holds them.
    expect(part.secrets).toEqual([CARD]);
    expect(part.redactMatched).toEqual(['detail.card.number']);
  });

  it('keeps no hook activity, and only what the store still holds', () => {
    const { clock, store, scopes, recorder } = capture([], 2);
    scopes.beginHook(scopes.root, 'beforeAll');
    recorder.put({ scope: scopes.current(), requests: [request('o-0')], ids: ['e-0'], correlationIds: [undefined], at: clock.now() });
    scopes.endHook(scopes.root);
    const test = scopes.beginTest(scopes.root, 'floods');
    store.add([envelope({ id: 'a' }), envelope({ id: 'b' }), envelope({ id: 'c' })]);
    recorder.testEnded(test, scopes.view(), store.lastSequence);
    const part = recorder.part({ testPath: '/repo/a.test.ts', eventBusName: 'orders', store, invocations: [], error: new Error('late') });
    expect(part.eventsForgotten).toBe(1);
    expect(part.error).toMatch(/^Error: late/);
    expect(part.tests.map((t) => [t.title, t.timeline.map(idOf)])).toEqual([['floods', ['b', 'c']]]);
  });

  it('records a test that ended without a view (a concurrent one without correlation) with no captured events', () => {
    const { store, scopes, recorder } = capture([]);
    const test = scopes.beginTest(scopes.root, 'concurrent');
    store.add([envelope({ id: 'a' })]);
    recorder.testEnded(test, undefined, store.lastSequence);
    expect(recorder.part({ testPath: 'a', eventBusName: 'orders', store, invocations: [] }).tests[0]?.timeline).toEqual([]);
  });

  it('with correlation, lists the events of a concurrent test the runner never said ended, by its correlation id', () => {
    const clock = new ManualClock();
    const store = new EventStore({ now: () => clock.now(), correlationOf: (event) => (event.detail as { cid?: string }).cid });
    const scopes = new ScopeTracker({ position: () => store.lastSequence, now: () => clock.now(), correlationPrefix: 'run:' });
    const recorder = new FileRecorder({ clock, redact: [] });
    scopes.open();
    scopes.runConcurrent(scopes.root, 'one of several', () => {
      recorder.put({
        scope: scopes.current(),
        requests: [request('o-1')],
        ids: ['mine'],
        correlationIds: [scopes.currentCorrelationId()],
        at: clock.now(),
      });
    });
    store.add([envelope({ id: 'mine', detail: { cid: 'run:t1' } }), envelope({ id: 'other', detail: { cid: 'run:t2' } })]);
    const part = recorder.part({
      testPath: 'a',
      eventBusName: 'orders',
      store,
      invocations: [],
      viewOfUnended: (scope) => viewOf(scope, { correlation: true, finished: [] }),
    });
    expect(part.tests.map((t) => [t.title, t.durationMs, t.timeline.map((entry) => `${entry.kind} ${idOf(entry)}`)])).toEqual([
      ['one of several', undefined, ['put mine', 'captured mine']],
    ]);
  });

  it("collects the masked texts of hooks' puts, unscoped puts and events the store forgot, for the runner's messages", () => {
    const { clock, store, scopes, recorder } = capture(['detail.card.number'], 1);
    recorder.watch(store);
    scopes.beginHook(scopes.root, 'beforeAll');
    recorder.put({ scope: scopes.current(), requests: [request('o-0')], ids: ['e-0'], correlationIds: [undefined], at: clock.now() });
    scopes.endHook(scopes.root);
    const unscoped = { ...request('o-1'), Detail: JSON.stringify({ card: { number: 'unscoped-card' } }) };
    recorder.put({ scope: undefined, requests: [unscoped], ids: ['e-1'], correlationIds: [undefined], at: clock.now() });
    store.add([envelope({ id: 'gone', detail: { card: { number: 'forgotten-card' } } }), envelope({ id: 'kept' })]);
    const part = recorder.part({ testPath: 'a', eventBusName: 'orders', store, invocations: [] });
    expect(part.eventsForgotten).toBe(1);
    expect([...(part.secrets ?? [])].sort()).toEqual([CARD, 'forgotten-card', 'unscoped-card']);
  });

  it('records a refused put with its error, and keeps at most maxPuts puts, counting the rest', () => {
    const clock = new ManualClock();
    const store = new EventStore({ now: () => clock.now() });
    const scopes = new ScopeTracker({ position: () => store.lastSequence, now: () => clock.now(), correlationPrefix: undefined });
    const recorder = new FileRecorder({ clock, redact: ['detail.card.number'], maxPuts: 2 });
    scopes.open();
    scopes.beginTest(scopes.root, 'puts');
    const refused = new Error(`EventBridge refused entry 0: card ${CARD} is invalid`);
    recorder.put({
      scope: scopes.current(),
      requests: [request('o-1')],
      ids: [],
      correlationIds: [undefined],
      at: clock.now(),
      error: refused,
    });
    recorder.put({
      scope: scopes.current(),
      requests: [request('o-2'), request('o-3')],
      ids: ['e-2', 'e-3'],
      correlationIds: [undefined, undefined],
      at: clock.now(),
    });
    const part = recorder.part({ testPath: 'a', eventBusName: 'orders', store, invocations: [] });
    const puts = part.tests[0]?.timeline ?? [];
    const errorOf = (entry: TimelineEntry): string | undefined => (entry.kind === 'put' ? entry.error?.split('\n')[0] : undefined);
    expect(puts.map((entry) => [idOf(entry), errorOf(entry)])).toEqual([
      ['', 'Error: EventBridge refused entry 0: card [redacted] is invalid'],
      ['e-2', undefined],
    ]);
    expect(part.putsForgotten).toBe(1);
  });

  it("masks the secret texts in handlers' errors and in the strings a mirrored target received", () => {
    const clock = new ManualClock();
    // What an InputTransformer's template made of the event: the number inside a text.
    const deliver = (event: { detail: unknown }) => ({
      text: `card ${(event.detail as { card: { number: string } }).card.number} paid`,
      n: 1,
    });
    const store = new EventStore({ now: () => clock.now(), deliver });
    const scopes = new ScopeTracker({ position: () => store.lastSequence, now: () => clock.now(), correlationPrefix: undefined });
    const recorder = new FileRecorder({ clock, redact: ['detail.card.number'] });
    scopes.open();
    recorder.watch(store);
    const test = scopes.beginTest(scopes.root, 'invokes');
    store.add([envelope({ id: 'e-1', detail: { card: { number: CARD } } })]);
    recorder.testEnded(test, scopes.view(), store.lastSequence);
    const invocation: InvocationRecord = {
      functionName: 'pay',
      logicalId: 'Pay',
      requestId: 'r-1',
      eventId: 'e-1',
      ruleName: 'OnOrder',
      attempt: 1,
      attempts: 1,
      startedAt: 0,
      durationMs: 3,
      outcome: 'error',
      error: { name: 'Error', message: `declined ${CARD}`, stack: `Error: declined ${CARD}\n    at pay (handler.js:1:1)` },
    };
    const part = recorder.part({ testPath: 'a', eventBusName: 'orders', store, invocations: [invocation] });
    expect(JSON.stringify(part.tests)).not.toContain(CARD);
    const byKind = Object.fromEntries((part.tests[0]?.timeline ?? []).map((entry) => [entry.kind, entry]));
    expect(byKind.invocation).toMatchObject({ error: { message: 'declined [redacted]' } });
    expect(byKind.captured).toMatchObject({ delivered: { text: 'card [redacted] paid', n: 1 } });
  });
});
