import type { CaptureSession } from '../session/CaptureSession';
import { EventBridgeHandle } from './EventBridgeHandle';

/**
 * The `eventBridge` object specs hold, over a runner's session: `put()` goes through the
 * session (which stamps correlation ids), and matchers read its store through the view of the
 * test or hook running at the time. A runner's adapter builds it once per file, after or before
 * `session.start()` (resources carry their URL and ARN once started).
 */
export function createEventBridgeHandle(session: CaptureSession): EventBridgeHandle {
  const { options } = session;
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
    },
    put: (entries) => session.put(entries),
    currentCorrelationId: () => session.scopes.currentCorrelationId(),
    invocations: () => session.invocations(),
    waitForInvocations: (timeoutMs) => session.waitForInvocations(timeoutMs ?? options.timeout),
  });
}
