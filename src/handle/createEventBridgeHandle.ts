import type { CaptureSession } from '../session/CaptureSession';
import { EventBridgeHandle } from './EventBridgeHandle';

/** What only the runner knows about the tests it runs. */
export interface RunnerLimits {
  /** The runner's testTimeout, in ms: it stops a test or hook that runs longer. */
  readonly testTimeoutMs?: number;
}

/** The scope running here started at `startedTime` on the session's clock; the runner stops it `testTimeoutMs` later. */
function runnerDeadlineOf(session: CaptureSession, testTimeoutMs: number): number | undefined {
  try {
    return session.scopes.current().startedTime + testTimeoutMs;
  } catch {
    // No telling which test runs (an unscoped test.concurrent): no deadline, the default budget.
    return undefined;
  }
}

/**
 * The `eventBridge` object specs hold, over a runner's session: `put()` goes through the
 * session (which stamps correlation ids), and matchers read its store through the view of the
 * test or hook running at the time. A runner's adapter builds it once per file, after or before
 * `session.start()` (resources carry their URL and ARN once started).
 */
export function createEventBridgeHandle(session: CaptureSession, runner: RunnerLimits = {}): EventBridgeHandle {
  const { options } = session;
  const { testTimeoutMs } = runner;
  return new EventBridgeHandle({
    eventBusName: options.eventBusName,
    testPath: session.testPath,
    view: {
      store: session.store,
      clock: session.clock,
      defaultTimeoutMs: options.timeout,
      consumerError: () => session.deliveryError(),
      describe: () => session.describe(),
      view: () => session.scopes.view(),
      clear: () => session.scopes.clear(),
      ...(options.correlation ? { correlationPath: options.correlation.path } : {}),
      resources: () => session.resources(),
      ...(session.followsLocalFlows ? { failureNotes: (eventIds: readonly string[]) => session.failureNotes(eventIds) } : {}),
      ruleNotes: () => session.ruleNotes(),
      ...(session.recordsReport ? { beginOutcome: () => session.beginOutcome() } : {}),
      ...(testTimeoutMs !== undefined ? { runnerDeadline: () => runnerDeadlineOf(session, testTimeoutMs) } : {}),
    },
    put: (entries) => session.put(entries),
    currentCorrelationId: () => session.scopes.currentCorrelationId(),
    invocations: () => session.invocations(),
    waitForInvocations: (timeoutMs) => session.waitForInvocations(timeoutMs ?? options.timeout),
  });
}
