// `test.reporters: ['default', 'jest-eventbridge/vitest/reporter']`: writes the event report
// (report.json and a self-contained report.html) of each run to `outputDir` (default
// eventbridge-report/). Vitest imports reporters as ES modules: the class is the default export.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
export default require('../../dist/runners/vitest/reporter.js').default;
