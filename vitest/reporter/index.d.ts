// Types of `require('jest-eventbridge/vitest/reporter')` (index.cjs sets module.exports to the
// class), and for resolvers that read no package `exports` (TypeScript's node10), where Node
// loads index.cjs too. `import` has its own: index.d.mts.
import { EventBridgeVitestReporter } from '../../dist/runners/vitest/reporter';
export = EventBridgeVitestReporter;
