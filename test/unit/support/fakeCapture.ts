import type { EventBridgeEvent } from '../../../src/core/events/envelope';
import { EventBridgeHandle } from '../../../src/handle/EventBridgeHandle';
import { EventStore } from '../../../src/core/store/eventStore';
import { ManualClock } from './manualClock';

let counter = 0;

/** An envelope as EventBridge delivers it, with overridable fields. */
export function envelope(fields: Partial<EventBridgeEvent> & { detail?: Record<string, unknown> } = {}): EventBridgeEvent {
  counter += 1;
  return {
    version: '0',
    id: `00000000-0000-0000-0000-${String(counter).padStart(12, '0')}`,
    'detail-type': 'OrderPlaced',
    source: 'shop.orders',
    account: '123456789012',
    time: '2026-11-23T10:00:00Z',
    region: 'us-east-1',
    resources: [],
    detail: {},
    ...fields,
  };
}

/**
 * A capture handle over an in-memory store and a manual clock: the matchers' whole logic
 * without AWS (the AWS edge has its own integration tests against the emulator).
 */
export function fakeCapture(
  options: {
    timeoutMs?: number;
    deliver?: (event: EventBridgeEvent) => unknown;
    failureNotes?: (eventIds: readonly string[]) => Promise<readonly string[]>;
    ruleNotes?: () => Promise<readonly string[]>;
    runnerDeadline?: () => number | undefined;
  } = {},
) {
  const clock = new ManualClock();
  const store = new EventStore({ now: () => clock.now(), ...(options.deliver ? { deliver: options.deliver } : {}) });
  const handle = new EventBridgeHandle({
    eventBusName: 'orders',
    testPath: __filename,
    view: {
      store,
      clock,
      defaultTimeoutMs: options.timeoutMs ?? 1000,
      consumerError: () => undefined,
      describe: () => 'bus "orders" via queue jeb-test',
      resources: () => ({ queueName: 'jeb-test', ruleName: 'jeb-test' }),
      // The store's own window stands in for a test's view (capture/testScopes has its own tests).
      view: () => ({
        viewer: 'this test',
        isVisible: (captured) => store.isVisible(captured),
        whyHidden: (captured) =>
          store.isVisible(captured) ? undefined : { kind: 'before-window' as const, windowStartedTime: 0, opener: 'this test began' },
      }),
      clear: () => store.clear(),
      ...(options.failureNotes ? { failureNotes: options.failureNotes } : {}),
      ...(options.ruleNotes ? { ruleNotes: options.ruleNotes } : {}),
      ...(options.runnerDeadline ? { runnerDeadline: options.runnerDeadline } : {}),
    },
    put: () => Promise.reject(new Error('put is not available in unit tests')),
    currentCorrelationId: () => undefined,
    invocations: () => [],
    waitForInvocations: () => Promise.resolve([]),
  });
  store.openWindow();
  /** Lets an async matcher reach its wait before the test moves time. */
  const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
  return { clock, store, handle, settle, arrive: (...events: EventBridgeEvent[]) => store.add(events) };
}
