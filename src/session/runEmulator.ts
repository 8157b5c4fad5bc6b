/**
 * `emulator: true` for a whole test run: the global setup starts one embedded emulator, creates
 * the buses the options name and points every worker at it through environment variables
 * (workers are forked after global setup, so they inherit them); the global teardown stops it.
 */
import { ConfigurationError } from '../foundation/errors';
import type { ResolvedOptions } from './options/options';
import { createEventBuses } from '../emulator/eventBuses';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../emulator/startEmulator';
import { EMULATOR_CREDENTIALS, EMULATOR_REGION } from '../emulator/credentials';

/** Set by the global setup to the endpoint of the run's emulator; read by each test file. */
export const EMULATOR_ENDPOINT_ENV = 'JEST_EVENTBRIDGE_EMULATOR_ENDPOINT';
export { EMULATOR_REGION } from '../emulator/credentials';

/** Variables the run sets when the user has not, and restores afterwards. */
const DEFAULTS: Readonly<Record<string, string>> = {
  AWS_REGION: EMULATOR_REGION,
  AWS_ACCESS_KEY_ID: EMULATOR_CREDENTIALS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: EMULATOR_CREDENTIALS.secretAccessKey,
};

interface RunState {
  readonly emulator: RunningEmulator;
  /** Each variable the run changed, with its value before (undefined: it was not set). */
  readonly previous: ReadonlyMap<string, string | undefined>;
}

// On globalThis because Jest loads global setup and teardown as separate modules of one process.
const STATE = Symbol.for('jest-eventbridge.run-emulator');
type StateHolder = typeof globalThis & { [STATE]?: RunState };

/**
 * Starts the run's emulator, or reuses the one this process already started (several projects
 * of one run, watch mode), and creates `buses` on it.
 * @returns the emulator's endpoint
 * @throws EmulatorError when it cannot start (Python or moto missing: the message says how to fix it)
 */
export async function startRunEmulator(
  buses: readonly string[],
  region: string | undefined,
  options: EmulatorOptions = {},
): Promise<string> {
  const holder = globalThis as StateHolder;
  let state = holder[STATE];
  if (state === undefined) {
    const emulator = await startEmulator(options);
    const previous = new Map<string, string | undefined>();
    const set = (name: string, value: string): void => {
      if (!previous.has(name)) previous.set(name, process.env[name]);
      process.env[name] = value;
    };
    set('AWS_ENDPOINT_URL', emulator.endpoint);
    set(EMULATOR_ENDPOINT_ENV, emulator.endpoint);
    // The options' region first, so that the service's own SDK clients (which read AWS_REGION)
    // and the capture meet in one region of the emulator.
    if (region !== undefined && !process.env.AWS_REGION) set('AWS_REGION', region);
    for (const [name, value] of Object.entries(DEFAULTS)) if (!process.env[name]) set(name, value);
    state = { emulator, previous };
    holder[STATE] = state;
  }
  try {
    await createEventBuses(state.emulator.endpoint, region ?? process.env.AWS_REGION ?? EMULATOR_REGION, buses);
  } catch (error) {
    // Jest runs no global teardown when global setup fails: stop what this call started.
    await stopRunEmulator();
    throw error;
  }
  return state.emulator.endpoint;
}

/** Stops the run's emulator, if this process started one, and restores the variables it set. */
export async function stopRunEmulator(): Promise<void> {
  const holder = globalThis as StateHolder;
  const state = holder[STATE];
  delete holder[STATE];
  if (state === undefined) return;
  for (const [name, value] of state.previous) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  await state.emulator.stop();
}

/**
 * For one test file: with `emulator: true`, the options pointed at the run's emulator. A file
 * whose docblock left `emulator` out but that runs on the run's emulator all the same (its
 * endpoint is the one the global setup set) counts as on it too, so that its bus is created.
 * @param globalSetupRan whether the runner's global setup of ours ran (it then ran without `emulator`)
 * @throws ConfigurationError when no global setup of ours started an emulator for this run
 */
export function useRunEmulator(options: ResolvedOptions, env: NodeJS.ProcessEnv = process.env, globalSetupRan = false): ResolvedOptions {
  const endpoint = env[EMULATOR_ENDPOINT_ENV];
  const onItAnyway = !options.emulator && options.endpoint === undefined && endpoint !== undefined && env.AWS_ENDPOINT_URL === endpoint;
  if (!options.emulator && !onItAnyway) return options;
  if (!endpoint) {
    if (globalSetupRan) {
      // Jest runs a global setup once per run, with one project's options: another project's,
      // or a config without `emulator` while only a docblock asks for it.
      throw new ConfigurationError(
        "jest-eventbridge: `emulator: true` is set for this file, but jest-eventbridge's global setup ran with options that did not ask for the emulator, so none was started. " +
          "Jest runs one global setup per run, with one project's options: set `emulator: true` in the options of every project that shares it (a docblock alone cannot start the emulator).",
      );
    }
    throw new ConfigurationError(
      "jest-eventbridge: `emulator: true` needs jest-eventbridge's global setup and teardown, which start and stop the emulator once per run, but they did not run. " +
        "Use `preset: 'jest-eventbridge'`, or set `globalSetup: 'jest-eventbridge/global-setup'` and `globalTeardown: 'jest-eventbridge/global-teardown'` " +
        '(with a global setup of your own, call ours from it: see "Your own global setup" in the README).',
    );
  }
  return { ...options, emulator: true, endpoint, region: options.region ?? env.AWS_REGION ?? EMULATOR_REGION };
}

/** Creates the file's bus on the run's emulator, for a docblock that names one the global setup did not know. */
export async function createFileEventBus(options: ResolvedOptions): Promise<void> {
  if (options.emulator && options.endpoint)
    await createEventBuses(options.endpoint, options.region ?? EMULATOR_REGION, [options.eventBusName]);
}
