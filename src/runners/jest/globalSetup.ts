/**
 * The preset's global setup (`jest-eventbridge/global-setup`), run once per Jest run before any
 * worker starts:
 * - fixes the run id, so that every worker names and tags its captures with the same one (Jest
 *   forks workers after global setup, so they inherit the variable);
 * - with `emulator: true`, starts the embedded emulator for the run (the global teardown,
 *   `jest-eventbridge/global-teardown`, stops it);
 * - with `sweep: true`, removes capture leftovers of earlier runs from the bus.
 */
import type { Config } from '@jest/types';
import { validateJestOptions } from './jestOptions';
import { ConfigurationError } from '../../foundation/errors';
import { runGlobalSetup, type GlobalSetupIo } from '../shared/runGlobalSetup';

export { RUN_ID_ENV, GLOBAL_SETUP_ENV, type GlobalSetupIo } from '../shared/runGlobalSetup';

export async function eventBridgeGlobalSetup(
  globalConfig: Pick<Config.GlobalConfig, 'testTimeout'>,
  projectConfig: Pick<Config.ProjectConfig, 'testEnvironmentOptions'> & Partial<Pick<Config.ProjectConfig, 'rootDir'>>,
  io: GlobalSetupIo = {},
): Promise<void> {
  // Called by hand from a user's own global setup, the arguments can go missing.
  if (
    typeof globalConfig !== 'object' ||
    globalConfig === null ||
    typeof projectConfig !== 'object' ||
    projectConfig === null ||
    typeof projectConfig.testEnvironmentOptions !== 'object'
  ) {
    throw new ConfigurationError(
      'jest-eventbridge: the global setup needs the two arguments Jest passes to a global setup: from your own, call ours as `await eventBridgeSetup(globalConfig, projectConfig)`.',
    );
  }
  await runGlobalSetup(
    projectConfig.testEnvironmentOptions.eventBridge,
    (raw, origins) => validateJestOptions(raw, { testTimeout: globalConfig.testTimeout, origins }),
    { ...(typeof projectConfig.rootDir === 'string' ? { rootDir: projectConfig.rootDir } : {}), ...io },
  );
}

export default async function globalSetup(globalConfig: Config.GlobalConfig, projectConfig: Config.ProjectConfig): Promise<void> {
  await eventBridgeGlobalSetup(globalConfig, projectConfig);
}
