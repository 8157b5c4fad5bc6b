import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { didYouMean } from '../../foundation/didYouMean';
import { warn, type Logger } from '../../foundation/log';
import {
  MAX_TIMER_MS,
  TIMED_OUT,
  cancelTimer,
  raceTimer,
  scheduleTimer,
  timerDelayProblem,
  type TimerHandle,
} from '../../foundation/timers';
import type { InvocationRecord, LocalFunctionSpec } from '../stackModel';
import { bundleHandler } from './bundleHandler';
import {
  ExecutionEnvironment,
  type AttemptOutcome,
  type ContextFields,
  type CrossingError,
  type LoadOutcome,
} from './executionEnvironment';
import { checkRuntime, functionLabel, locateHandlerSource, parseHandlerSetting } from './handlerSource';
import { lambdaEnvironmentVariables, newLogStreamName } from './lambdaEnvironmentVariables';
import { LocalFunctionError } from './localFunctionError';

/**
 * Waits between the attempts of a failed asynchronous invocation, in ms: before the 2nd attempt,
 * before the 3rd, and the last one again for any later. AWS waits about 1 minute and then about
 * 2 minutes; locally the waits are short, so a spec sees a failing handler's retries in its time.
 */
export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [200, 400];

/**
 * How long a handler's module may take to load (its init phase) before the attempt ends as a
 * timeout, in ms: Lambda's init limit of 10 seconds.
 */
export const INIT_TIMEOUT_MS = 10_000;

export interface FunctionRuntimeOptions {
  /** The emulator the handler's SDK clients reach (AWS_ENDPOINT_URL), e.g. `http://127.0.0.1:5000`. */
  readonly endpoint: string;
  /** AWS_REGION and AWS_DEFAULT_REGION of the execution environment. */
  readonly region: string;
  /** The stack's account (the function's ARN already holds it). */
  readonly accountId: string;
  /** Dummy credentials for the emulator, set as AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN. */
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string; readonly sessionToken?: string };
  /** Debug log: one line per attempt and per environment started. */
  readonly log?: Logger;
  /**
   * Where a warning goes that no record can hold: a handler that threw after its invocation ended.
   * @default the library's warnings on stderr (`jest-eventbridge: ...`)
   */
  readonly warn?: (message: string) => void;
  /** Waits between attempts, in ms (see DEFAULT_RETRY_DELAYS_MS); each from 0 to 2^31-1. */
  readonly retryDelaysMs?: readonly number[];
}

/** Where a routed event came from, for the records. */
export interface InvocationMeta {
  readonly eventId: string;
  readonly ruleName: string;
}

export type InvocationListener = (record: InvocationRecord) => void;

/**
 * One function of the template, run locally as Lambda runs it for an asynchronous invocation
 * (what an EventBridge rule's target gets).
 */
export interface FunctionRuntime {
  readonly spec: LocalFunctionSpec;
  /**
   * Checks and loads the handler before any event arrives, and throws a LocalFunctionError naming
   * the fix when it cannot run: no file for the handler setting (every path tried is listed), a
   * TypeScript source that does not bundle, an export that is missing (the exports found are
   * listed) or not a function. It bundles a TypeScript source and starts the first execution
   * environment, so the module's init code runs here, once (as with provisioned concurrency). A
   * module that throws while loading is not refused: each attempt then records that error, as
   * Lambda reports an init error on every invocation. Idempotent; `invoke` calls it too.
   */
  prepare(): Promise<void>;
  /**
   * One asynchronous invocation with `event` (sent as JSON): attempts until one succeeds, at most
   * 1 + `maximumRetryAttempts`, waiting `retryDelaysMs` between them, and none once the event is
   * older than `maximumEventAgeSeconds` (counted from this call). Resolves with every attempt's
   * record, in order; never rejects for what the handler does (only when `prepare` throws or the
   * runtime is stopped). Attempts run one at a time, in call order: Lambda would give each
   * concurrent invocation an environment of its own, local mode queues them in one (module state
   * is then shared by invocations that would have run apart in AWS).
   */
  invoke(event: unknown, meta: InvocationMeta): Promise<readonly InvocationRecord[]>;
  /** Calls `listener` with each attempt's record as it ends; returns a function that stops that. */
  onInvocation(listener: InvocationListener): () => void;
  /**
   * The invocation whose attempt the handler is running now (attempts run one at a time), from
   * the moment its event is posted to the execution environment until its outcome is back;
   * undefined between attempts. What a handler does after its attempt ended (a timer it left
   * running) falls outside it.
   */
  readonly running: InvocationMeta | undefined;
  /**
   * Lets the running attempt end, starts no other (waiting retries and queued invocations end with
   * the records they have), terminates the execution environment and removes the bundle's
   * temporary folder. Idempotent.
   */
  stop(): Promise<void>;
}

interface LiveEnvironment {
  readonly environment: ExecutionEnvironment;
  readonly logStreamName: string;
}

interface Prepared {
  readonly moduleUrl: string;
  readonly exportPath: string;
}

/**
 * Makes the local runtime of one function. Throws a LocalFunctionError at once for a runtime other
 * than Node.js (`nodejs*`); every other check is `prepare()`'s, which the caller should await before
 * routing events, so bad input stops a run before its tests start.
 */
export function createFunctionRuntime(spec: LocalFunctionSpec, options: FunctionRuntimeOptions): FunctionRuntime {
  checkRuntime(spec);
  parseHandlerSetting(spec);
  // A retry delay Node cannot wait for is refused now, not at the first retry.
  (options.retryDelaysMs ?? []).forEach((delay, index) => {
    const problem = timerDelayProblem(delay);
    if (problem !== undefined)
      throw new RangeError(
        `jest-eventbridge: retryDelaysMs[${index}] (${String(delay)} ms) ${problem}; each delay must be from 0 to ${MAX_TIMER_MS} ms.`,
      );
  });
  return new LocalFunctionRuntime(spec, options);
}

class LocalFunctionRuntime implements FunctionRuntime {
  private readonly listeners = new Set<InvocationListener>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private readonly waits = new Set<() => void>();
  private readonly log: Logger;
  private readonly warn: (message: string) => void;
  private readonly retryDelaysMs: readonly number[];
  private preparing: Promise<Prepared> | undefined;
  private live: LiveEnvironment | undefined;
  private bundleDirectory: string | undefined;
  /** Attempts run one after another: each waits for the one before. */
  private queue: Promise<unknown> = Promise.resolve();
  private stopping: Promise<void> | undefined;
  private current: InvocationMeta | undefined;

  constructor(
    readonly spec: LocalFunctionSpec,
    private readonly options: FunctionRuntimeOptions,
  ) {
    this.log = options.log ?? (() => undefined);
    this.warn = options.warn ?? warn;
    this.retryDelaysMs = options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  }

  prepare(): Promise<void> {
    this.preparing ??= this.load();
    return this.preparing.then(() => undefined);
  }

  private async load(): Promise<Prepared> {
    const { spec } = this;
    const source = locateHandlerSource(spec);
    const { exportPath } = parseHandlerSetting(spec);
    let moduleFile = source.file;
    if (source.kind === 'bundle') {
      this.bundleDirectory ??= await mkdtemp(path.join(tmpdir(), 'jest-eventbridge-lambda-'));
      moduleFile = await bundleHandler({ spec, source: source.file, format: source.format, outputDirectory: this.bundleDirectory });
      this.log(`${spec.logicalId}: bundled ${source.file} to ${moduleFile}`);
    }
    const prepared: Prepared = { moduleUrl: pathToFileURL(moduleFile).href, exportPath };
    const { live, outcome } = await this.startEnvironment(prepared);
    if (outcome.kind === 'loaded') this.live = live;
    else if (outcome.kind === 'init-error')
      this.log(`${spec.logicalId}: its module failed to load: ${outcome.error.name}: ${outcome.error.message}`);
    else throw this.loadProblem(moduleFile, source.file, outcome);
    return prepared;
  }

  private loadProblem(
    moduleFile: string,
    sourceFile: string,
    outcome: Exclude<LoadOutcome, { kind: 'loaded' | 'init-error' }>,
  ): LocalFunctionError {
    const { spec } = this;
    const { modulePath, exportPath } = parseHandlerSetting(spec);
    const file = moduleFile === sourceFile ? sourceFile : `${sourceFile} (bundled)`;
    if (outcome.kind === 'missing-export') {
      const found = outcome.exports.length === 0 ? 'it exports nothing' : `it exports ${outcome.exports.join(', ')}`;
      // The export it likely means: a near spelling, or the module's only one (a top-level name only).
      const meant = exportPath.includes('.')
        ? undefined
        : (didYouMean(exportPath, outcome.exports) ?? (outcome.exports.length === 1 ? outcome.exports[0] : undefined));
      const fix =
        meant === undefined
          ? `Fix the handler setting's export or the module's exports.`
          : `Set Handler to ${JSON.stringify(`${modulePath}.${meant}`)}, or export ${JSON.stringify(exportPath)} from the module.`;
      return new LocalFunctionError(
        `jest-eventbridge: ${functionLabel(spec)} has the handler ${JSON.stringify(spec.handler)}, but ${file} has no export ${JSON.stringify(exportPath)}: ${found}. ${fix}`,
      );
    }
    return new LocalFunctionError(
      `jest-eventbridge: ${functionLabel(spec)} has the handler ${JSON.stringify(spec.handler)}, but the export ${JSON.stringify(exportPath)} of ${file} is ${outcome.valueType === 'null' ? 'null' : `${outcome.valueType === 'object' ? 'an' : 'a'} ${outcome.valueType}`}, not a function. ` +
        `Export the handler function under that name.`,
    );
  }

  /** A new (cold) execution environment, its module loaded or its init error known. */
  private async startEnvironment(prepared: Prepared): Promise<{ live: LiveEnvironment; outcome: LoadOutcome }> {
    const logStreamName = newLogStreamName();
    const environment = new ExecutionEnvironment({
      moduleUrl: prepared.moduleUrl,
      exportPath: prepared.exportPath,
      env: lambdaEnvironmentVariables(this.spec, this.options, logStreamName),
      functionName: this.spec.functionName,
      logPrefix: this.spec.logicalId,
      // Always said: no record holds it until the next invocation, which may never come.
      onIdleCrash: (error) =>
        this.warn(
          `${functionLabel(this.spec)} threw ${error.name}: ${error.message} after its invocation ended (from a timer or a promise it left running); ` +
            `Lambda fails the function's next invocation with it, and so does local mode. Await that work before the handler returns.`,
        ),
    });
    this.log(`${this.spec.logicalId}: started an execution environment (${logStreamName})`);
    const outcome = await raceTimer(environment.loaded, INIT_TIMEOUT_MS, { unref: true });
    if (outcome === TIMED_OUT) {
      await environment.terminate();
      return {
        live: { environment, logStreamName },
        outcome: {
          kind: 'init-error',
          error: { name: 'Sandbox.Timedout', message: `Init timed out after ${(INIT_TIMEOUT_MS / 1000).toFixed(2)} seconds` },
        },
      };
    }
    return { live: { environment, logStreamName }, outcome };
  }

  invoke(event: unknown, meta: InvocationMeta): Promise<readonly InvocationRecord[]> {
    if (this.stopping !== undefined)
      return Promise.reject(
        new LocalFunctionError(
          `jest-eventbridge: ${functionLabel(this.spec)} was invoked after its runtime stopped; stop local flows after the last event.`,
        ),
      );
    const invocation = this.run(event, meta);
    this.inFlight.add(invocation);
    const forget = (): void => void this.inFlight.delete(invocation);
    invocation.then(forget, forget);
    return invocation;
  }

  private async run(event: unknown, meta: InvocationMeta): Promise<readonly InvocationRecord[]> {
    const prepared = await (this.preparing ??= this.load());
    const { spec } = this;
    const invocation = {
      requestId: randomUUID(),
      eventJson: JSON.stringify(event) ?? 'null',
      attempts: 1 + spec.maximumRetryAttempts,
      queuedAt: Date.now(),
      meta,
    };
    const records: InvocationRecord[] = [];
    for (let attempt = 1; attempt <= invocation.attempts; attempt++) {
      if (attempt > 1) {
        if (this.stopping !== undefined) break;
        const delay = this.retryDelaysMs[Math.min(attempt - 2, this.retryDelaysMs.length - 1)] ?? 0;
        await this.wait(delay);
        if (this.stopping !== undefined) break;
        const ageSeconds = (Date.now() - invocation.queuedAt) / 1000;
        if (ageSeconds > spec.maximumEventAgeSeconds) {
          this.log(
            `${spec.logicalId}: event ${meta.eventId} is ${ageSeconds.toFixed(1)} s old, above MaximumEventAgeInSeconds (${spec.maximumEventAgeSeconds}): no attempt ${attempt}`,
          );
          break;
        }
      }
      const record = await this.exclusive(() => (this.stopping === undefined ? this.attempt(prepared, invocation, attempt) : undefined));
      if (record === undefined) break;
      records.push(record);
      this.log(
        `${spec.logicalId}: attempt ${attempt} of ${invocation.attempts} for event ${meta.eventId} (${meta.ruleName}): ${record.outcome} in ${record.durationMs} ms`,
      );
      for (const listener of [...this.listeners]) {
        try {
          listener(record);
        } catch (error) {
          this.log(`${spec.logicalId}: an invocation listener threw: ${String(error)}`);
        }
      }
      if (record.outcome === 'success') break;
    }
    return records;
  }

  private exclusive<T>(task: () => Promise<T> | T): Promise<T> {
    const result = this.queue.then(task);
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** Waits `ms` with the library's timers (keeping the process alive: a retry is due); `stop()` ends the wait early. */
  private wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      let handle: TimerHandle | undefined = undefined;
      const done = (): void => {
        cancelTimer(handle);
        this.waits.delete(done);
        resolve();
      };
      this.waits.add(done);
      handle = scheduleTimer(done, ms);
    });
  }

  private async attempt(
    prepared: Prepared,
    invocation: { requestId: string; eventJson: string; attempts: number; meta: InvocationMeta },
    attempt: number,
  ): Promise<InvocationRecord> {
    const { spec } = this;
    const base = {
      functionName: spec.functionName,
      logicalId: spec.logicalId,
      requestId: invocation.requestId,
      eventId: invocation.meta.eventId,
      ruleName: invocation.meta.ruleName,
      attempt,
      attempts: invocation.attempts,
    };
    let live = this.live;
    if (live !== undefined && !live.environment.alive)
      this.log(`${spec.logicalId}: its execution environment ended while idle (process.exit() from a timer); starting a new one`);
    if (live === undefined || !live.environment.alive) {
      const initStarted = Date.now();
      const started = await this.startEnvironment(prepared);
      if (started.outcome.kind !== 'loaded') {
        this.live = undefined;
        const error: CrossingError =
          started.outcome.kind === 'init-error'
            ? started.outcome.error
            : {
                name: 'Runtime.HandlerNotFound',
                message: this.loadProblem(prepared.moduleUrl, prepared.moduleUrl, started.outcome).message,
              };
        return {
          ...base,
          startedAt: initStarted,
          durationMs: Date.now() - initStarted,
          outcome: started.outcome.kind === 'init-error' && error.name === 'Sandbox.Timedout' ? 'timeout' : 'error',
          error,
        };
      }
      live = started.live;
      this.live = live;
    }
    const context: ContextFields = {
      functionName: spec.functionName,
      functionVersion: '$LATEST',
      invokedFunctionArn: spec.functionArn,
      memoryLimitInMB: String(spec.memorySizeMb),
      awsRequestId: invocation.requestId,
      logGroupName: `/aws/lambda/${spec.functionName}`,
      logStreamName: live.logStreamName,
    };
    const startedAt = Date.now();
    const clock = performance.now();
    this.current = invocation.meta;
    let outcome: AttemptOutcome;
    try {
      outcome = await live.environment.invoke(invocation.eventJson, context, spec.timeoutSeconds);
    } finally {
      this.current = undefined;
    }
    const durationMs = Math.round(performance.now() - clock);
    if (!live.environment.alive && this.live === live) this.live = undefined;
    if (outcome.kind === 'success') return { ...base, startedAt, durationMs, outcome: 'success', result: outcome.result };
    return { ...base, startedAt, durationMs, outcome: outcome.kind, error: outcome.error };
  }

  get running(): InvocationMeta | undefined {
    return this.current;
  }

  onInvocation(listener: InvocationListener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  stop(): Promise<void> {
    this.stopping ??= this.shutDown();
    return this.stopping;
  }

  private async shutDown(): Promise<void> {
    for (const endWait of [...this.waits]) endWait();
    await Promise.allSettled([...this.inFlight]);
    await this.preparing?.catch(() => undefined);
    const live = this.live;
    this.live = undefined;
    await live?.environment.terminate();
    if (this.bundleDirectory !== undefined) await rm(this.bundleDirectory, { recursive: true, force: true });
  }
}
