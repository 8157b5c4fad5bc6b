/**
 * The preset's global setup (`jest-eventbridge/global-setup`), run once per Jest run before any
 * worker starts:
 * - fixes the run id, so that every worker names and tags its captures with the same one (Jest
 *   forks workers after global setup, so they inherit the variable);
 * - with `emulator: true`, starts the embedded emulator for the run (the global teardown,
 *   `jest-eventbridge/global-teardown`, stops it);
 * - with `sweep: true`, removes capture leftovers of earlier runs from the bus;
 * - opens the run's folder of worker captures (`captureScope: 'worker'`), which the global
 *   teardown empties (not when the config has no global teardown: files then make their own).
 */
import type { Config } from '@jest/types';
import { validateJestOptions } from './jestOptions';
import { ConfigurationError } from '../../foundation/errors';
import { realpathSync } from 'node:fs';
import { join } from 'node:path';
import { validateReporterOptions } from '../../core/report/reporterOptions';
import { checkReportFolder } from '../../session/report/writeReport';
import { JEST_REPORTER_ENTRY } from './reporter';
import { runGlobalSetup, type GlobalSetupIo } from '../shared/runGlobalSetup';

export { RUN_ID_ENV, GLOBAL_SETUP_ENV, type GlobalSetupIo } from '../shared/runGlobalSetup';

/** Our reporter's entry (`jest-eventbridge/reporter`), to find it among Jest's resolved reporters. */
const OUR_REPORTER = join(__dirname, '..', '..', '..', 'reporter', 'index.js');

function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/**
 * Jest starts its reporters after the global setup: our reporter's options are checked here
 * first, so a mistyped one stops the run before the emulator and local flows start.
 * @throws ConfigurationError as the reporter would
 */
export function checkReporterOptions(reporters: Config.GlobalConfig['reporters'] | undefined, rootDir = process.cwd()): void {
  const ours = realPath(OUR_REPORTER);
  for (const entry of reporters ?? []) {
    const [path, options] = typeof entry === 'string' ? [entry, undefined] : entry;
    if (path !== 'jest-eventbridge/reporter' && realPath(path) !== ours) continue;
    const { outputDir } = validateReporterOptions(options, JEST_REPORTER_ENTRY);
    checkReportFolder(rootDir, outputDir, JEST_REPORTER_ENTRY);
  }
}

export async function eventBridgeGlobalSetup(
  globalConfig: Pick<Config.GlobalConfig, 'testTimeout'> & Partial<Pick<Config.GlobalConfig, 'reporters' | 'rootDir'>>,
  projectConfig: Pick<Config.ProjectConfig, 'testEnvironmentOptions'> & Partial<Pick<Config.ProjectConfig, 'rootDir' | 'globalTeardown'>>,
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
  checkReporterOptions(globalConfig.reporters, globalConfig.rootDir);
  await runGlobalSetup(
    projectConfig.testEnvironmentOptions.eventBridge,
    (raw, origins) => validateJestOptions(raw, { testTimeout: globalConfig.testTimeout, origins }),
    {
      ...(typeof projectConfig.rootDir === 'string' ? { rootDir: projectConfig.rootDir } : {}),
      // No global teardown at all (a config with `globalSetup` alone): nothing would remove the
      // workers' captures, so files make their own. A teardown of the user's own must call ours.
      workerCaptures: !('globalTeardown' in projectConfig) || typeof projectConfig.globalTeardown === 'string',
      ...io,
    },
  );
}

export default async function globalSetup(globalConfig: Config.GlobalConfig, projectConfig: Config.ProjectConfig): Promise<void> {
  await eventBridgeGlobalSetup(globalConfig, projectConfig);
}
