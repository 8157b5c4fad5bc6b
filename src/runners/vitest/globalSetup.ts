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
import { applyEnvironmentSettings, readEnvironmentSettings } from '../../session/options/environmentSettings';
import { decideCaptureScope, printCaptureScopeNotice } from '../../session/captureScope';
import { RUN_CAPTURES_ENV } from '../../session/runCaptures';
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
  printIsolationNotice(eventBridge, testTimeout, provided.isolated === true);
  return runGlobalTeardown;
}

/**
 * Once per run, here rather than in every file (with Vitest's isolation a file may be a process
 * of its own): worker scope asked for, but each file starts afresh. Options a file would refuse
 * are left to the file, which says what is wrong with them.
 */
function printIsolationNotice(eventBridge: unknown, testTimeout: number | undefined, isolated: boolean): void {
  let options;
  try {
    const { raw, origins } = applyEnvironmentSettings(eventBridge, readEnvironmentSettings(process.env), false);
    options = validateVitestOptions(raw, testTimeout, origins);
  } catch {
    return;
  }
  printCaptureScopeNotice(decideCaptureScope(options, { folder: process.env[RUN_CAPTURES_ENV], runner: 'vitest', isolated }));
}
