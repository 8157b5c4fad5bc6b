// Types of `require('jest-eventbridge/vitest/reporter')` (index.cjs): the module is the class itself.
import { EventBridgeVitestReporter } from '../../dist/runners/vitest/reporter.js';
export = EventBridgeVitestReporter;
