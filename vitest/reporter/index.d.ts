// Types for resolvers that read no package `exports` (TypeScript's node10): Node then loads
// index.cjs, whose module is the class itself. index.d.mts and index.d.cts serve the others.
import { EventBridgeVitestReporter } from '../../dist/runners/vitest/reporter';
export = EventBridgeVitestReporter;
