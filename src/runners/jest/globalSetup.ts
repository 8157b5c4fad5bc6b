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
import { randomNonce } from '../../sources/eventbridge/resourceNames';
import { silenceSdkNodeVersionWarning } from '../../aws/sdkNodeWarning';
import { formatDuration, formatSweepFailures, summarizeSweep, sweep } from '../../sources/eventbridge/sweep';
import { applyEnvironmentSettings, readEnvironmentSettings } from '../../session/options/environmentSettings';
import { validateJestOptions } from './jestOptions';
import { ConfigurationError } from '../../foundation/errors';
import { startRunEmulator } from '../../session/runEmulator';
import { messageOf } from '../../foundation/realm';
import { writeStderr } from '../../foundation/log';

export const RUN_ID_ENV = 'JEST_EVENTBRIDGE_RUN_ID';
/** Set once our global setup has run, so that a test file can tell when it did not. */
export const GLOBAL_SETUP_ENV = 'JEST_EVENTBRIDGE_GLOBAL_SETUP';

export interface GlobalSetupIo {
  /** Where the summary goes: stderr, like Jest's own output, so that `--json` stdout stays clean. */
  readonly write?: (text: string) => void;
  readonly sweep?: typeof sweep;
}

export async function eventBridgeGlobalSetup(
  globalConfig: Pick<Config.GlobalConfig, 'testTimeout'>,
  projectConfig: Pick<Config.ProjectConfig, 'testEnvironmentOptions'>,
  io: GlobalSetupIo = {},
): Promise<void> {
  const write = io.write ?? writeStderr;
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
  // Workers are forked after global setup and inherit the switch.
  silenceSdkNodeVersionWarning();
  if (!process.env[RUN_ID_ENV]) process.env[RUN_ID_ENV] = randomNonce();
  process.env[GLOBAL_SETUP_ENV] = 'true';

  const configured = projectConfig.testEnvironmentOptions.eventBridge;
  // Only `emulator: true` or `sweep: true` gives this setup work. Invalid options then fail the
  // run here, before any worker starts, with the message the environment would give in every file.
  if (typeof configured !== 'object' || configured === null) return;
  const { emulator, sweep: sweepWanted } = configured as { emulator?: unknown; sweep?: unknown };
  if (emulator !== true && sweepWanted !== true) return;
  // The bus of this stage may come from JEST_EVENTBRIDGE_EVENT_BUS_NAME, as in the workers.
  const { raw, origins } = applyEnvironmentSettings(configured, readEnvironmentSettings(process.env), false);
  const options = validateJestOptions(raw, { testTimeout: globalConfig.testTimeout, origins });
  if (options.emulator) {
    // A fresh emulator holds no leftovers, so there is nothing to sweep.
    const endpoint = await startRunEmulator([options.eventBusName], options.region);
    write(`jest-eventbridge: emulator running at ${endpoint}\n`);
    return;
  }
  try {
    const report = await (io.sweep ?? sweep)({
      eventBusName: options.eventBusName,
      olderThan: options.sweepOlderThanMs,
      prefix: options.resourcePrefix,
      maxAttempts: options.maxAttempts,
      ...(options.region ? { region: options.region } : {}),
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    });
    write(`jest-eventbridge: sweep: ${summarizeSweep(report)}\n`);
    if (report.failed.length > 0) write(`jest-eventbridge: ${formatSweepFailures(report)}\n`);
  } catch (error) {
    // Housekeeping must not stop the tests: if AWS is unreachable, the tests will say so.
    const reason = messageOf(error);
    write(
      `jest-eventbridge: sweep of bus "${options.eventBusName}" (leftovers older than ${formatDuration(options.sweepOlderThanMs)}) failed, tests run anyway: ${reason}\n`,
    );
  }
}

export default async function globalSetup(globalConfig: Config.GlobalConfig, projectConfig: Config.ProjectConfig): Promise<void> {
  await eventBridgeGlobalSetup(globalConfig, projectConfig);
}
