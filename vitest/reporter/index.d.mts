// Types of `import EventBridgeVitestReporter from 'jest-eventbridge/vitest/reporter'` (index.mjs):
// the class is the ES module's default export.
import { EventBridgeVitestReporter } from '../../dist/runners/vitest/reporter.js';
export default EventBridgeVitestReporter;
