/**
 * `test.setupFiles: ['jest-eventbridge/vitest']`: Vitest runs the setup file again before every
 * test file, in the worker, even with `isolate: false`, and hooks it registers at its top level
 * belong to that file. So one aroundAll here is the file's capture lifecycle in every pool:
 * create the capture, expose `eventBridge`, run the file's suites, always tear the capture down.
 * Each file gets its own session; files never share one, whatever the pool or isolation. With
 * `isolate: false` they may share the worker's capture (`captureScope: 'worker'`): this module's
 * imports then outlive a file, and the session layer keeps the capture there.
 */
import { matcherFunctions } from '../../core/matchers';
import { CaptureSession } from '../../session/CaptureSession';
import { HANDLE_GLOBAL } from '../../handle/globalHandle';
import { createEventBridgeHandle } from '../../handle/createEventBridgeHandle';
import { localFlowsSessionInputs } from '../../session/runLocalFlows';
import { createFileEventBus, useRunEmulator } from '../../session/runEmulator';
import { registerSignalCleanup, stopAndUnregister } from '../../session/signalCleanup';
import { silenceSdkNodeVersionWarning } from '../../aws/sdkNodeWarning';
import { resolveRunId } from '../../sources/eventbridge/resourceNames';
import { ConfigurationError } from '../../foundation/errors';
import { GLOBAL_SETUP_ENV } from '../shared/runGlobalSetup';
import { checkVitestVersion, vitestEntryProblem } from './runnerGuard';
import { PROVIDE_KEY, providedIsolation, providedTestTimeout, readVitestOptions } from './vitestOptions';
import { decideCaptureScope } from '../../session/captureScope';
import { RUN_CAPTURES_ENV } from '../../session/runCaptures';
import { VitestScopes } from './vitestScopes';
import type { VitestApi, VitestSuite } from './vitestApi';
import { readReportSettings } from '../../session/report/reportSettings';
import { saveFilePart, saveSetupErrorPart } from '../../session/report/partFiles';
import type { ResolvedOptions } from '../../session/options/options';

/**
 * The bound on creating the capture (Vitest's hookTimeout, 10 s by default, would otherwise
 * apply); the hook's timeout does not count the time the file's tests take.
 */
export const CAPTURE_HOOK_TIMEOUT_MS = 120_000;

/** Refuses to run outside Vitest, or under a Vitest we do not support. Call first. */
export function guardVitestEntry(entry: string, version: string, env: NodeJS.ProcessEnv = process.env): void {
  const problem = vitestEntryProblem(entry, env);
  if (problem !== undefined) throw new ConfigurationError(problem);
  checkVitestVersion(version);
}

/** Registers the matchers and the file's capture lifecycle on the Vitest the setup file imported. */
export function installEventBridge(vitest: VitestApi): void {
  silenceSdkNodeVersionWarning();
  vitest.expect.extend(matcherFunctions);
  // Vitest reads a hook's first parameter after runSuite as its fixtures: a plain function
  // reads the file from `arguments`, since Vitest refuses an undestructured fixtures parameter.
  vitest.aroundAll(function (runSuite: () => Promise<void>): Promise<void> {
    // eslint-disable-next-line prefer-rest-params
    const file = arguments[2] as VitestSuite;
    return runFile(vitest, file, runSuite);
  }, CAPTURE_HOOK_TIMEOUT_MS);
  vitest.aroundEach(async function (runTest: () => Promise<void>): Promise<void> {
    // eslint-disable-next-line prefer-rest-params
    const context = arguments[1] as Parameters<Parameters<VitestApi['aroundEach']>[0]>[1];
    const scopes = current;
    // A test outside a running capture (its setup failed) runs as is; its puts say why.
    if (scopes === undefined) return runTest();
    const session = currentSession;
    if (session === undefined || !session.recordsReport) return scopes.runTest(context.task, runTest);
    // For the event report, while the test is still the running scope (its afterEach hooks done).
    return scopes.runTest(context.task, async () => {
      try {
        await runTest();
      } finally {
        session.recordTestEnded();
      }
    });
  });
}

/** The scopes of the file now running in this worker (files run one at a time in a worker). */
let current: VitestScopes | undefined;
let currentSession: CaptureSession | undefined;

async function runFile(vitest: VitestApi, file: VitestSuite, runSuite: () => Promise<void>): Promise<void> {
  const env = process.env;
  const provided = vitest.inject(PROVIDE_KEY);
  const report = readReportSettings(env);
  const testPath = file.filepath ?? file.name;
  let options: ResolvedOptions;
  let testTimeoutMs: number | undefined;
  let session: CaptureSession;
  try {
    options = useRunEmulator(readVitestOptions(provided, env), env, env[GLOBAL_SETUP_ENV] !== undefined);
    testTimeoutMs = providedTestTimeout(provided);
    const scope = decideCaptureScope(options, { folder: env[RUN_CAPTURES_ENV], runner: 'vitest', isolated: providedIsolation(provided) });
    // Its notice, if any, was printed once by the global setup: a file here may be a process of its own.
    session = new CaptureSession({
      options,
      testPath,
      // Vitest numbers its workers from 1, like Jest; the number keeps parallel files' names apart.
      workerId: env.VITEST_POOL_ID ?? env.VITEST_WORKER_ID ?? '0',
      runId: resolveRunId(env, process.ppid),
      ...localFlowsSessionInputs(options, env),
      ...(scope.folder !== undefined ? { workerCaptureFolder: scope.folder } : {}),
      ...(report ? { report } : {}),
    });
  } catch (error) {
    // The event report lists the file with why, as it does a capture that could not be set up.
    if (report) saveSetupErrorPart(report.partsDir, testPath, error);
    throw error;
  }
  let setupError: unknown;
  const holder = globalThis as Record<string | symbol, unknown>;
  // In forks, a signal reaches this process: remove the capture first. Not on the run's
  // embedded emulator, which the same signal stops together with its captures.
  if (!options.emulator) registerSignalCleanup(session);
  try {
    try {
      await createFileEventBus(options);
      await session.start();
    } catch (error) {
      setupError = error;
      throw error;
    }
    const handle = createEventBridgeHandle(session, testTimeoutMs !== undefined ? { testTimeoutMs } : {});
    holder.eventBridge = handle;
    holder[HANDLE_GLOBAL] = handle;
    const scopes = new VitestScopes(session.scopes, (suite) => vitest.TestRunner.getSuiteHooks(suite));
    scopes.instrument(file);
    current = scopes;
    currentSession = session;
    await scopes.runFile(file, runSuite);
  } finally {
    current = undefined;
    currentSession = undefined;
    delete holder.eventBridge;
    delete holder[HANDLE_GLOBAL];
    try {
      await session.catchUpForReport();
      await stopAndUnregister(session);
    } finally {
      // A part that cannot be built or written is a warning: the user's error comes first.
      if (report) saveFilePart(report.partsDir, testPath, () => session.reportPart(setupError));
    }
  }
}
