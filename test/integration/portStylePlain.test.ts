/**
 * @jest-environment jest-eventbridge/environment
 * @jest-environment-options {"eventBridge": {"eventBusName": "port-style-plain", "timeout": 5000}}
 */
// Act once in beforeAll, assert in many tests, without correlation scoping: time since each
// block's beforeAll decides (support/portStyleSpec). A bus of its own, as portStyle's.
import { portStyleSpec } from './support/portStyleSpec';

portStyleSpec();
