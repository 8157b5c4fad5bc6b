import type { EnvironmentContext, JestEnvironmentConfig } from '@jest/environment';
import type { Circus } from '@jest/types';
import { TestEnvironment as NodeEnvironment } from 'jest-environment-node';
import { CaptureSession } from '../../session/CaptureSession';
import { ConfigurationError } from '../../foundation/errors';
import { HANDLE_GLOBAL } from '../../handle/globalHandle';
import { createEventBridgeHandle } from '../../handle/createEventBridgeHandle';
import { applyEnvironmentSettings, readEnvironmentSettings } from '../../session/options/environmentSettings';
import { localFlowsSessionInputs } from '../../session/runLocalFlows';
import { createFileEventBus, useRunEmulator } from '../../session/runEmulator';
import { warnWithoutGlobalSetup } from './globalSetupCheck';
import { GLOBAL_SETUP_ENV } from './globalSetup';
import { CircusScopes } from './circusScopes';
import { validateJestOptions } from './jestOptions';
import { jestRunId } from './jestRunId';
import { silenceSdkNodeVersionWarning } from '../../aws/sdkNodeWarning';
import { registerSignalCleanup, stopAndUnregister } from '../../session/signalCleanup';
import { decideCaptureScope, printCaptureScopeNotice } from '../../session/captureScope';
import { RUN_CAPTURES_ENV } from '../../session/runCaptures';
import type { ResolvedOptions } from '../../session/options/options';
import { readReportSettings, type ReportSettings } from '../../session/report/reportSettings';
import { saveFilePart, saveSetupErrorPart } from '../../session/report/partFiles';

// On loading, before Jest builds any test sandbox: the sandbox's process.env is a copy taken
// then, so the specs' own SDK clients stay quiet too.
silenceSdkNodeVersionWarning();

const DOCBLOCK_HINT =
  ' This file has a @jest-environment-options docblock: Jest merges it shallowly, so its "eventBridge" object replaces the config\'s whole one. Repeat eventBusName (and any other option you need) in the docblock, or set JEST_EVENTBRIDGE_EVENT_BUS_NAME.';

/**
 * `testEnvironment: 'jest-eventbridge/environment'`: a Node environment that, around each test
 * file, creates the capture queue and rule, exposes `eventBridge` to the specs, scopes what each
 * test sees, and always tears the capture down. All the work is in CaptureSession; this class
 * maps Jest's lifecycle onto it, and gives it what only Jest knows (testTimeout, the run id).
 */
export default class EventBridgeEnvironment extends NodeEnvironment {
  private readonly session: CaptureSession;
  private readonly prepare: () => Promise<void>;
  /** On the run's embedded emulator, which a signal kills together with every capture on it. */
  private readonly onRunEmulator: boolean;
  private readonly scopes: CircusScopes;
  /** Jest's testTimeout (ms): a failing matcher's rule notes stay within what it leaves. */
  private readonly testTimeoutMs: number | undefined;
  /** While the event reporter runs: where this file's part goes, and why setup failed if it did. */
  private readonly report: ReportSettings | undefined;
  private setupError: unknown;

  constructor(config: JestEnvironmentConfig, context: EnvironmentContext) {
    super(config, context);
    this.testTimeoutMs = config.globalConfig.testTimeout;
    const fromDocblock = context.docblockPragmas['jest-environment-options'] !== undefined;
    this.report = readReportSettings(process.env);
    try {
      const { raw, origins } = applyEnvironmentSettings(
        config.projectConfig.testEnvironmentOptions.eventBridge,
        readEnvironmentSettings(process.env),
        docblockSetsEventBridge(context.docblockPragmas['jest-environment-options']),
      );
      const options = useRunEmulator(
        validateJestOptions(raw, { testTimeout: config.globalConfig.testTimeout, origins }),
        process.env,
        process.env[GLOBAL_SETUP_ENV] !== undefined,
      );
      warnWithoutGlobalSetup(options);
      const scope = decideCaptureScope(options, {
        folder: process.env[RUN_CAPTURES_ENV],
        runner: 'jest',
        // A docblock's options may ask for another capture: compare with the run's own.
        ...(fromDocblock ? { runOptions: runOptionsOf(config, process.env) } : {}),
      });
      printCaptureScopeNotice(scope);
      this.prepare = () => createFileEventBus(options);
      this.onRunEmulator = options.emulator;
      // Jest numbers its workers from 1; the number keeps parallel files' resource names apart.
      this.session = new CaptureSession({
        options,
        testPath: context.testPath,
        workerId: process.env.JEST_WORKER_ID ?? '0',
        runId: jestRunId(process.env),
        ...localFlowsSessionInputs(options, process.env),
        ...(scope.folder !== undefined ? { workerCaptureFolder: scope.folder } : {}),
        ...(this.report ? { report: this.report } : {}),
      });
      this.scopes = new CircusScopes(this.session.scopes);
    } catch (error) {
      const thrown = error instanceof ConfigurationError && fromDocblock ? new ConfigurationError(error.message + DOCBLOCK_HINT) : error;
      if (this.report) saveSetupErrorPart(this.report.partsDir, context.testPath, thrown);
      throw thrown;
    }
  }

  override async setup(): Promise<void> {
    await super.setup();
    // Jest runs no teardown on SIGINT/SIGTERM: the capture is removed from a signal handler.
    // Not on the run's embedded emulator: the same signal stops it, and its captures with it.
    if (!this.onRunEmulator) registerSignalCleanup(this.session);
    try {
      await this.prepare();
      await this.session.start();
    } catch (error) {
      this.setupError = error;
      throw error;
    }
    const handle = createEventBridgeHandle(this.session, this.testTimeoutMs !== undefined ? { testTimeoutMs: this.testTimeoutMs } : {});
    this.global.eventBridge = handle;
    (this.global as Record<symbol, unknown>)[HANDLE_GLOBAL] = handle;
  }

  /** Jest calls this after a failed setup too; the session copes with half-built state. */
  override async teardown(): Promise<void> {
    try {
      await this.session.catchUpForReport();
      await stopAndUnregister(this.session);
    } finally {
      // A part that cannot be built or written is a warning: the user's error and Node's teardown come first.
      if (this.report) saveFilePart(this.report.partsDir, this.session.testPath, () => this.session.reportPart(this.setupError));
      await super.teardown();
    }
  }

  // Which test or hook runs, hence what it sees (CircusScopes). test_start comes before
  // beforeEach hooks and test_done after afterEach ones, so a beforeEach's puts belong to the
  // test. Jest awaits this, so a window is open before the code it belongs to runs.
  handleTestEvent(event: Circus.Event): void {
    // Before the scopes move on: the test is still the running scope.
    if (event.name === 'test_done') this.session.recordTestEnded();
    this.scopes.handle(event);
  }
}

/**
 * The run's options, as a file without a docblock has them: the config's and the variables'. A
 * config the docblock repairs (no bus in the config, say) has none: the file then gets its own capture.
 */
function runOptionsOf(config: JestEnvironmentConfig, env: NodeJS.ProcessEnv): ResolvedOptions | null {
  try {
    const { raw, origins } = applyEnvironmentSettings(
      config.projectConfig.testEnvironmentOptions.eventBridge,
      readEnvironmentSettings(env),
      false,
    );
    return useRunEmulator(
      validateJestOptions(raw, { testTimeout: config.globalConfig.testTimeout, origins }),
      env,
      env[GLOBAL_SETUP_ENV] !== undefined,
    );
  } catch {
    return null;
  }
}

/** Whether the file's docblock gave an `eventBridge` object (which replaced the config's). */
function docblockSetsEventBridge(pragma: string | string[] | undefined): boolean {
  if (pragma === undefined) return false;
  try {
    const parsed: unknown = JSON.parse(Array.isArray(pragma) ? pragma.join(' ') : pragma);
    return typeof parsed === 'object' && parsed !== null && 'eventBridge' in parsed;
  } catch {
    // Jest has parsed the same text already, so this is not reached; assume the docblock's.
    return true;
  }
}

export { EventBridgeEnvironment };
