// The CommonJS spec on the embedded emulator: `emulator: true` and nothing else. Our global setup
// starts the emulator, creates the bus and hands the endpoint to the test files; no endpoint,
// region or credentials come from outside.
import { eventBridgeOptions, vitestConfig } from './vitest.shared.mjs';

export default vitestConfig(['orders.spec.cjs'], { ...eventBridgeOptions, emulator: true });
