/**
 * @jest-environment jest-eventbridge/environment
 * @jest-environment-options {"eventBridge": {"eventBusName": "port-style", "timeout": 5000, "correlation": {"path": "detail.metadata.correlationId"}}}
 */
// Act once in beforeAll, assert in many tests, with correlation scoping (support/portStyleSpec).
// A bus of its own: the order service adds a rule, and moto must not see another file's rule
// changes on the same bus meanwhile.
import { portStyleSpec } from './support/portStyleSpec';

portStyleSpec();
