/**
 * The body of every runner's global setup (Jest's `jest-eventbridge/global-setup`, Vitest's
 * `jest-eventbridge/vitest/global-setup`), run once per test run before any worker starts:
 * - fixes the run id, so that every worker names and tags its captures with the same one (both
 *   runners start their workers after global setup, so they inherit the variable);
 * - with `emulator: true`, starts the embedded emulator for the run (the runner's global
 *   teardown stops it);
 * - with `sweep: true`, removes capture leftovers of earlier runs from the bus;
 * - with `local`, starts the run's local flows on the emulator (the teardown stops them first);
 * - opens the run's folder of worker captures (`captureScope: 'worker'`), which
 *   `runGlobalTeardown` empties: a worker cannot tell its last file, so the run removes them.
 */
import { randomNonce } from '../../sources/eventbridge/resourceNames';
import { silenceSdkNodeVersionWarning } from '../../aws/sdkNodeWarning';
import { formatDuration, formatSweepFailures, summarizeSweep, sweep } from '../../sources/eventbridge/sweep';
import { applyEnvironmentSettings, readEnvironmentSettings } from '../../session/options/environmentSettings';
import type { ResolvedOptions } from '../../session/options/options';
import { EMULATOR_REGION, startRunEmulator, stopRunEmulator } from '../../session/runEmulator';
import { checkRunLocalFlows, startRunLocalFlows, stopRunLocalFlows } from '../../session/runLocalFlows';
import { messageOf } from '../../foundation/realm';
import { writeStderr } from '../../foundation/log';
import { isRecord } from '../../foundation/objects';
import {
  RUN_CAPTURES_ENV,
  formatRunCapturesFailures,
  openRunCaptures,
  readRunCaptures,
  removeRunCaptures,
} from '../../session/runCaptures';
import { registerSignalCleanup, stopAndUnregister } from '../../session/signalCleanup';

export const RUN_ID_ENV = 'JEST_EVENTBRIDGE_RUN_ID';
/** Set once our global setup has run, so that a test file can tell when it did not. */
export const GLOBAL_SETUP_ENV = 'JEST_EVENTBRIDGE_GLOBAL_SETUP';

export interface GlobalSetupIo {
  /** Where the summary goes: stderr, like the runners' own output, so that `--json` stdout stays clean. */
  readonly write?: (text: string) => void;
  readonly sweep?: typeof sweep;
  /** What a relative `local.template` is resolved from: the runner's root folder. @default the working folder */
  readonly rootDir?: string;
  /**
   * Whether this run's teardown will remove the workers' captures (the runner's global teardown is
   * ours, or calls ours). Without it, files make a capture each rather than leave theirs behind.
   * @default true
   */
  readonly workerCaptures?: boolean;
}

/** How the runner checks the options: validateOptions with its own testTimeout bound and source. */
export type RunnerValidation = (raw: unknown, origins: Partial<Record<string, string>>) => ResolvedOptions;

/**
 * @param configured the runner config's `eventBridge` options object, as given (unchecked)
 * @param validate the runner's own validation, so that messages name its config keys
 */
export async function runGlobalSetup(configured: unknown, validate: RunnerValidation, io: GlobalSetupIo = {}): Promise<void> {
  const write = io.write ?? writeStderr;
  // Workers are started after global setup and inherit the switch.
  silenceSdkNodeVersionWarning();
  if (!process.env[RUN_ID_ENV]) process.env[RUN_ID_ENV] = randomNonce();
  process.env[GLOBAL_SETUP_ENV] = 'true';
  if (io.workerCaptures !== false) {
    openRunCaptures(process.env);
    warnAtExitOfCapturesLeft();
    // A Ctrl-C between two files of a worker finds no file to clean up in the worker: this process
    // removes the run's worker captures instead. Not on the run's emulator, which the signal stops.
    if (!isRecord(configured) || configured.emulator !== true) registerSignalCleanup(runWorkerCaptures);
  }
  try {
    await setUpRun(configured, validate, io, write);
  } catch (error) {
    // No teardown runs after a failed global setup: nothing was recorded yet, so this only
    // removes the folder and the signal handler.
    await stopAndUnregister(runWorkerCaptures);
    throw error;
  }
}

async function setUpRun(configured: unknown, validate: RunnerValidation, io: GlobalSetupIo, write: (text: string) => void): Promise<void> {
  // Only `emulator: true`, `sweep: true` or `local` gives this setup work. Invalid options then fail the
  // run here, before any worker starts, with the message every file would give.
  if (typeof configured !== 'object' || configured === null) return;
  const { emulator, sweep: sweepWanted, local } = configured as { emulator?: unknown; sweep?: unknown; local?: unknown };
  if (emulator !== true && sweepWanted !== true && local === undefined) return;
  // The bus of this stage may come from JEST_EVENTBRIDGE_EVENT_BUS_NAME, as in the workers.
  const { raw, origins } = applyEnvironmentSettings(configured, readEnvironmentSettings(process.env), false);
  const options = validate(raw, origins);
  if (options.local !== undefined) await checkRunLocalFlows(options.local, io.rootDir ?? process.cwd());
  if (options.emulator) {
    // A fresh emulator holds no leftovers, so there is nothing to sweep.
    const endpoint = await startRunEmulator([options.eventBusName], options.region);
    write(`jest-eventbridge: emulator running at ${endpoint}\n`);
    await startLocal(options, endpoint, write, io.rootDir);
    return;
  }
  if (options.endpoint !== undefined) await startLocal(options, options.endpoint, write, io.rootDir);
  if (!options.sweep) return;
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

/** The run's worker captures, as one thing a signal or the teardown removes (once, whoever asks first). */
const runWorkerCaptures = {
  stop: async (): Promise<void> => {
    const removal = await removeRunCaptures(process.env);
    if (removal.failed.length > 0 || (removal.unreadable ?? []).length > 0) writeStderr(`${formatRunCapturesFailures(removal)}\n`);
  },
  captureNames: (): readonly string[] => {
    const folder = process.env[RUN_CAPTURES_ENV];
    return folder ? readRunCaptures(folder).records.map((record) => record.resourceName) : [];
  },
};

let exitWarning = false;

/**
 * A run whose global teardown never came (a global teardown of the user's own that does not
 * call ours, a watch session quit with q) leaves its worker captures: say so as the process ends,
 * with the sweep for each bus, rather than leave them unnoticed. Synchronous, as `exit` requires.
 */
function warnAtExitOfCapturesLeft(): void {
  if (exitWarning) return;
  exitWarning = true;
  process.once('exit', () => {
    const folder = process.env[RUN_CAPTURES_ENV];
    if (!folder) return;
    const { records } = readRunCaptures(folder);
    if (records.length === 0) return;
    writeStderr(
      `${formatRunCapturesFailures({
        removed: [],
        failed: records.map((record) => ({
          resourceName: record.resourceName,
          eventBusName: record.eventBusName,
          reason:
            'the run ended without jest-eventbridge\'s global teardown (call ours from yours: see "Your own global setup" in the README)',
        })),
      })}\n`,
    );
  });
}

/**
 * The body of every runner's global teardown: removes the run's worker captures, then stops the
 * local flows (their handlers use the emulator until they stop) and the run's emulator.
 */
export async function runGlobalTeardown(): Promise<void> {
  try {
    await stopAndUnregister(runWorkerCaptures);
  } finally {
    try {
      await stopRunLocalFlows();
    } finally {
      await stopRunEmulator();
    }
  }
}

/** With `local`, the run's local flows; a failure stops what this setup started (no teardown runs then). */
async function startLocal(
  options: ResolvedOptions,
  endpoint: string,
  write: (text: string) => void,
  rootDir = process.cwd(),
): Promise<void> {
  if (options.local === undefined) return;
  try {
    await startRunLocalFlows({
      local: options.local,
      eventBusName: options.eventBusName,
      endpoint,
      region: options.region ?? process.env.AWS_REGION ?? EMULATOR_REGION,
      rootDir,
      write,
    });
  } catch (error) {
    await stopRunLocalFlows();
    await stopRunEmulator();
    throw error;
  }
}
