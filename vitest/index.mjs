// `test.setupFiles: ['jest-eventbridge/vitest']`: registers the matchers on Vitest's expect and
// runs each test file inside its own capture (see src/runners/vitest/setupFile.ts).
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const adapter = require('../dist/runners/vitest/setupFile.js');
// Before importing vitest: outside Vitest, or under one we do not support, one clear error.
adapter.guardVitestEntry('jest-eventbridge/vitest', require('vitest/package.json').version);
adapter.installEventBridge(await import('vitest'));
