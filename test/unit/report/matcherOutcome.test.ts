/* Each test starts an assertion, moves the manual clock, then awaits it: jest/valid-expect
   cannot follow a promise through a variable (no-floating-promises still checks them). */
/* eslint-disable jest/valid-expect */
import type { MatcherOutcome } from '../../../src/core/matchers/captureView';
import { eventPattern } from '../../../src/core/expectations/eventPattern';
import { ScopeTracker } from '../../../src/core/scopes/testScopes';
import { EventStore } from '../../../src/core/store/eventStore';
import { EventBridgeHandle } from '../../../src/handle/EventBridgeHandle';
import { FileRecorder } from '../../../src/session/report/FileRecorder';
import { failureOf } from '../core/matchers/matcherTestSupport';
import { envelope } from '../support/fakeCapture';
import { ManualClock } from '../support/manualClock';

/**
 * A handle whose view records each matcher's outcome through a FileRecorder (the hook the session
 * sets while a report is wanted), bound to the scope running when the matcher starts.
 */
function recordingCapture(redact: string[] = [], failRecording = false) {
  const clock = new ManualClock();
  const store = new EventStore({ now: () => clock.now() });
  const scopes = new ScopeTracker({ position: () => store.lastSequence, now: () => clock.now(), correlationPrefix: undefined });
  scopes.open();
  const recorder = new FileRecorder({ clock, redact });
  const outcomes: MatcherOutcome[] = [];
  const handle = new EventBridgeHandle({
    eventBusName: 'orders',
    testPath: __filename,
    view: {
      store,
      clock,
      defaultTimeoutMs: 1000,
      consumerError: () => undefined,
      describe: () => 'bus "orders" via queue jeb-test',
      resources: () => ({ queueName: 'jeb-test', ruleName: 'jeb-test' }),
      view: () => ({ viewer: 'this test', isVisible: (captured) => store.isVisible(captured), whyHidden: () => undefined }),
      clear: () => store.clear(),
      beginOutcome: () => {
        const bound = recorder.outcomeRecorder(scopes.current());
        return {
          ...bound,
          record: (outcome) => {
            if (failRecording) throw new Error('the recorder broke');
            outcomes.push(outcome);
            bound.record(outcome);
          },
        };
      },
    },
    put: () => Promise.reject(new Error('put is not available in unit tests')),
    currentCorrelationId: () => undefined,
    invocations: () => [],
    waitForInvocations: () => Promise.resolve([]),
  });
  store.openWindow();
  const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
  return { clock, store, scopes, recorder, handle, outcomes, settle };
}

describe('matcher outcomes for the event report', () => {
  it('records a pass: the matcher, what it expected, when it started and how long it waited', async () => {
    const { handle, clock, store, outcomes, settle } = recordingCapture();
    clock.advance(50);
    const assertion = expect(handle).toEmitEvent({ 'detail-type': 'OrderPlaced' }, { timeout: 800 });
    await settle();
    clock.advance(120);
    store.add([envelope()]);
    await assertion;
    expect(outcomes).toEqual([
      {
        matcher: 'toEmitEvent',
        isNot: false,
        expected: '{"detail-type": "OrderPlaced"}',
        startedAt: 50,
        waitedMs: 120,
        windowMs: 800,
        passed: true,
      },
    ]);
  });

  it("records a failure with its message and the nearest candidate's reasons, as data", async () => {
    const { handle, clock, store, outcomes, settle } = recordingCapture();
    const placed = envelope({ id: 'near', source: 'shop.orders', 'detail-type': 'OrderPlaced' });
    const assertion = failureOf(expect(handle).toEmitEvent(eventPattern({ source: ['shop.orders'], 'detail-type': ['OrderConfirmed'] })));
    await settle();
    store.add([placed]);
    clock.advance(1000);
    const message = await assertion;
    expect(outcomes).toHaveLength(1);
    // Nothing is masked: the report's copy is the runner's message.
    const [outcome] = outcomes;
    expect(outcome).toMatchObject({ matcher: 'toEmitEvent', isNot: false, passed: false, waitedMs: 1000, windowMs: 1000 });
    expect(outcome?.message).toBe(message);
    expect(outcome?.nearest).toEqual({
      eventId: 'near',
      reasons: ['detail-type: "OrderPlaced" is not "OrderConfirmed"'],
      format: 'reasons',
    });
  });

  it('records a .not that fails, and the arguments of toEmitEventTimes', async () => {
    const { handle, clock, store, outcomes, settle } = recordingCapture();
    const assertion = failureOf(expect(handle).not.toEmitEventTimes({ source: 'shop.orders' }, 1, { timeout: 500 }));
    await settle();
    store.add([envelope()]);
    clock.advance(500);
    await assertion;
    expect(outcomes.map(({ matcher, isNot, expected, passed, nearest }) => ({ matcher, isNot, expected, passed, nearest }))).toEqual([
      { matcher: 'toEmitEventTimes', isNot: true, expected: '{"source": "shop.orders"}, 1', passed: false, nearest: undefined },
    ]);
  });

  it("builds a failure's report copy from masked events: no part of a masked value, however long the line or short the value", async () => {
    const { handle, clock, store, outcomes, settle } = recordingCapture(['detail.card', 'detail.pin']);
    const card = { number: '4111111111111111', holder: 'A "quoted" name', note: 'x'.repeat(150) };
    const assertion = failureOf(expect(handle).toEmitEvent({ 'detail-type': 'OrderConfirmed', detail: { card, pin: '12' } }));
    await settle();
    store.add([envelope({ id: 'near', 'detail-type': 'OrderPlaced', detail: { orderId: 'o-1', pin: '12', card } })]);
    clock.advance(1000);
    const message = await assertion;
    // The runner's own message prints the event as it arrived (the reporter masks what it can there).
    expect(message).toContain('4111');
    const [outcome] = outcomes;
    const recorded = JSON.stringify(outcome);
    expect(recorded).toContain('[redacted]');
    for (const leak of ['4111', 'quoted', 'xxxxxxxx', '"12"']) expect(recorded).not.toContain(leak);
  });

  it('files a verdict under the test that called the matcher, even when another test runs when it ends', async () => {
    const { handle, clock, store, scopes, recorder, settle } = recordingCapture();
    const first = scopes.beginTest(scopes.root, 'first');
    const assertion = failureOf(expect(handle).toEmitEvent({ 'detail-type': 'Never' }, { timeout: 300 }));
    await settle();
    scopes.endTest(scopes.root);
    scopes.beginTest(scopes.root, 'second');
    clock.advance(300);
    await assertion;
    const part = recorder.part({ testPath: 'a', eventBusName: 'orders', store, invocations: [] });
    expect(part.tests.map((test) => [test.title, test.timeline.map((entry) => entry.kind)])).toEqual([['first', ['matcher']]]);
    expect(first.name).toBe('first');
  });

  it("keeps the matcher's own result when recording its verdict fails", async () => {
    const { handle, clock, store, settle } = recordingCapture([], true);
    const assertion = expect(handle).toEmitEvent({ 'detail-type': 'OrderPlaced' }, { timeout: 800 });
    await settle();
    store.add([envelope()]);
    clock.advance(1);
    await assertion;
  });
});
