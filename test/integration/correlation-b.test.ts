/**
 * @jest-environment jest-eventbridge/environment
 * @jest-environment-options {"eventBridge": {"eventBusName": "orders", "timeout": 3000, "correlation": {"path": "detail.metadata.correlationId"}}}
 */
// Three files like this one run at once, in different workers, on one bus, each capturing
// everything (no capturePattern). Correlation scoping must keep each file's count exact.
import { correlationSpec } from './support/correlationSpec';

correlationSpec('b');
