/**
 * The preset's global setup (`jest-eventbridge/global-setup`), run once per Jest run before any
 * worker starts:
 * - fixes the run id, so that every worker names and tags its captures with the same one (Jest
 *   forks workers after global setup, so they inherit the variable);
 * - with `sweep: true`, removes capture leftovers of earlier runs from the bus.
 */
import type { Config } from '@jest/types';
import { randomNonce } from '../capture/resourceNames';
import { formatDuration, formatSweepFailures, summarizeSweep, sweep } from '../sweep';
import { validateOptions } from '../options/validateOptions';
import { messageOf } from '../util/realm';

export const RUN_ID_ENV = 'JEST_EVENTBRIDGE_RUN_ID';

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
  const write = io.write ?? ((text: string) => process.stderr.write(text));
  if (!process.env[RUN_ID_ENV]) process.env[RUN_ID_ENV] = randomNonce();

  const raw = projectConfig.testEnvironmentOptions.eventBridge;
  // Only `sweep: true` turns it on. Invalid options then fail the run here, before any worker
  // starts, with the message the environment would give in every file.
  if (typeof raw !== 'object' || raw === null || (raw as { sweep?: unknown }).sweep !== true) return;
  const options = validateOptions(raw, { testTimeout: globalConfig.testTimeout });
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
    write(`jest-eventbridge: sweep of bus "${options.eventBusName}" (leftovers older than ${formatDuration(options.sweepOlderThanMs)}) failed, tests run anyway: ${reason}\n`);
  }
}

export default async function globalSetup(globalConfig: Config.GlobalConfig, projectConfig: Config.ProjectConfig): Promise<void> {
  await eventBridgeGlobalSetup(globalConfig, projectConfig);
}
