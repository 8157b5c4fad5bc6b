/**
 * `test.globalSetup: ['jest-eventbridge/vitest/global-setup']`: run once per Vitest run in the
 * main process, before the workers start. It does what Jest's global setup does (run id,
 * `emulator: true`, `sweep: true`; the workers inherit the variables it sets), then hands the
 * options to the test files, and returns the teardown that stops the run's emulator.
 */
import { runGlobalSetup, runGlobalTeardown, type GlobalSetupIo } from '../shared/runGlobalSetup';
import { silenceSdkNodeVersionWarning } from '../../aws/sdkNodeWarning';
import { ConfigurationError } from '../../foundation/errors';
import { PROVIDE_KEY, isolatesFiles, validateVitestOptions, type ProvidedOptions } from './vitestOptions';
import type { VitestProject } from './vitestApi';

export async function vitestGlobalSetup(project: VitestProject, io: GlobalSetupIo = {}): Promise<() => Promise<void>> {
  if (typeof project !== 'object' || project === null || typeof project.provide !== 'function' || typeof project.config !== 'object') {
    throw new ConfigurationError(
      'jest-eventbridge/vitest/global-setup: it needs the project Vitest passes to a global setup. List it in test.globalSetup, or from your own call `await setup(project)` and keep the teardown it returns.',
    );
  }
  silenceSdkNodeVersionWarning();
  const eventBridge = project.config.environmentOptions?.eventBridge;
  const testTimeout = project.config.testTimeout;
  await runGlobalSetup(eventBridge, (raw, origins) => validateVitestOptions(raw, testTimeout, origins), {
    ...(project.config.root !== undefined ? { rootDir: project.config.root } : {}),
    ...io,
  });
  const provided: ProvidedOptions = {
    eventBridge,
    ...(testTimeout !== undefined ? { testTimeout } : {}),
    isolated: isolatesFiles(project.config),
  };
  project.provide(PROVIDE_KEY, provided);
  return runGlobalTeardown;
}
