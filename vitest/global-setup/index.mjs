// `test.globalSetup: ['jest-eventbridge/vitest/global-setup']`: the run id, `emulator: true` and
// `sweep: true` for the whole Vitest run; returns the teardown that stops the run's emulator.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const adapter = require('../../dist/runners/vitest/setupFile.js');
adapter.guardVitestEntry('jest-eventbridge/vitest/global-setup', require('vitest/package.json').version);
const { vitestGlobalSetup } = require('../../dist/runners/vitest/globalSetup.js');

/** Vitest calls it with the TestProject; from a global setup of your own, call it and return its teardown. */
export default function setup(project) {
  return vitestGlobalSetup(project);
}
