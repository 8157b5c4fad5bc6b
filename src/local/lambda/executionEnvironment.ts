import { createInterface } from 'node:readline';
import { Worker } from 'node:worker_threads';
import { cancelTimer, scheduleTimer } from '../../foundation/timers';
import { WORKER_BOOTSTRAP } from './workerBootstrap';

/** An error as it crosses from the worker, and as an invocation record holds it. */
export interface CrossingError {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
}

/** What the worker posts (see workerBootstrap.ts). */
type WorkerMessage =
  | { readonly type: 'loaded' }
  | { readonly type: 'load-failed'; readonly reason: 'missing-export'; readonly exports: readonly string[] }
  | { readonly type: 'load-failed'; readonly reason: 'not-a-function'; readonly valueType: string }
  | { readonly type: 'init-error'; readonly error: CrossingError }
  | { readonly type: 'result'; readonly id: string; readonly resultJson: string | undefined }
  | { readonly type: 'failure'; readonly id: string; readonly error: CrossingError }
  | { readonly type: 'crash'; readonly id: string | null; readonly error: CrossingError };

/** How loading the handler's module ended (the init phase). */
export type LoadOutcome =
  | { readonly kind: 'loaded' }
  | { readonly kind: 'missing-export'; readonly exports: readonly string[] }
  | { readonly kind: 'not-a-function'; readonly valueType: string }
  /** The module threw while loading, or the environment died before it was ready. */
  | { readonly kind: 'init-error'; readonly error: CrossingError };

/** How one attempt ended. After anything but success or error the environment is gone. */
export type AttemptOutcome =
  | { readonly kind: 'success'; readonly result: unknown }
  /** The handler threw, rejected or called back an error: the environment stays warm. */
  | { readonly kind: 'error'; readonly error: CrossingError; readonly environmentLost: boolean }
  | { readonly kind: 'timeout'; readonly error: CrossingError };

export interface ExecutionEnvironmentOptions {
  /** file: URL of the module to import. */
  readonly moduleUrl: string;
  /** The export's path in the module (`handler`, `handlers.confirm`). */
  readonly exportPath: string;
  /** The worker's whole `process.env`. */
  readonly env: Readonly<Record<string, string>>;
  /** For the worker's name in debuggers and heap snapshots. */
  readonly functionName: string;
  /** Put before each line the handler writes to stdout or stderr, as a log group would name it: the logical id. */
  readonly logPrefix?: string;
  /** Told when the idle environment throws (a timer the last invocation left behind). */
  readonly onIdleCrash?: (error: CrossingError) => void;
}

/** The context fields that cross to the worker; it adds the functions (getRemainingTimeInMillis, done, ...). */
export interface ContextFields {
  readonly functionName: string;
  readonly functionVersion: string;
  readonly invokedFunctionArn: string;
  /** A string, as in Lambda. */
  readonly memoryLimitInMB: string;
  readonly awsRequestId: string;
  readonly logGroupName: string;
  readonly logStreamName: string;
}

/** Lambda's words for a timeout: "Task timed out after 3.00 seconds". */
export function timeoutError(timeoutSeconds: number): CrossingError {
  return { name: 'Sandbox.Timedout', message: `Task timed out after ${timeoutSeconds.toFixed(2)} seconds` };
}

/** Lambda's words for a runtime that exits during an invocation (`process.exit()`). */
export function exitError(exitCode: number): CrossingError {
  return {
    name: 'Runtime.ExitError',
    message: exitCode === 0 ? 'Runtime exited without providing a reason' : `Runtime exited with error: exit status ${exitCode}`,
  };
}

function describeHostError(error: unknown): CrossingError {
  if (error instanceof Error)
    return { name: error.name, message: error.message, ...(error.stack === undefined ? {} : { stack: error.stack }) };
  return { name: typeof error, message: String(error) };
}

type Waiter = (
  message: WorkerMessage | { readonly type: 'exit'; readonly code: number } | { readonly type: 'error'; readonly error: unknown },
) => void;

/**
 * One execution environment: a worker thread with its own module registry and `process.env`,
 * in which the handler's module is loaded once and stays warm between invocations. It runs one
 * invocation at a time (its owner queues them). A timeout, a crash or an exit ends it for good:
 * `alive` turns false and the owner starts a new (cold) one. The worker keeps the process alive
 * while it loads or runs an invocation (a script awaiting one does not exit), never while idle.
 * It never throws for what the
 * handler does, and nothing the worker does reaches the host's process (a worker's
 * `process.exit()` ends only the worker).
 */
export class ExecutionEnvironment {
  private readonly worker: Worker;
  private waiter: Waiter | undefined;
  private exited = false;
  private exitCode = 0;
  /** An uncaught error of the idle environment: the next invocation fails with it, as in Lambda. */
  private idleCrash: CrossingError | undefined;
  private readonly exitedPromise: Promise<void>;
  private readonly onIdleCrash: ((error: CrossingError) => void) | undefined;
  readonly loaded: Promise<LoadOutcome>;

  constructor(options: ExecutionEnvironmentOptions) {
    this.worker = new Worker(WORKER_BOOTSTRAP, {
      eval: true,
      env: { ...options.env },
      workerData: { moduleUrl: options.moduleUrl, exportPath: options.exportPath },
      name: `jest-eventbridge lambda ${options.functionName}`,
      // Piped, so that each line says which function wrote it (as its log group would).
      stdout: true,
      stderr: true,
    });
    forwardLines(this.worker.stdout, process.stdout, options.logPrefix ?? options.functionName);
    forwardLines(this.worker.stderr, process.stderr, options.logPrefix ?? options.functionName);
    this.onIdleCrash = options.onIdleCrash;
    this.exitedPromise = new Promise((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.on('message', (message: WorkerMessage) => this.receive(message));
    this.worker.on('error', (error: unknown) => this.deliver({ type: 'error', error }));
    this.worker.on('exit', (code: number) => {
      this.exited = true;
      this.exitCode = code;
      this.deliver({ type: 'exit', code });
    });
    this.loaded = new Promise<LoadOutcome>((resolve) => {
      this.waiter = (message) => {
        this.waiter = undefined;
        // The worker keeps the process alive while it loads or runs an invocation, not while idle.
        this.worker.unref();
        switch (message.type) {
          case 'loaded':
            return resolve({ kind: 'loaded' });
          case 'load-failed':
            void this.terminate();
            return resolve(
              message.reason === 'missing-export'
                ? { kind: 'missing-export', exports: message.exports }
                : { kind: 'not-a-function', valueType: message.valueType },
            );
          case 'init-error':
          case 'crash':
            void this.terminate();
            return resolve({ kind: 'init-error', error: message.error });
          case 'exit':
            return resolve({ kind: 'init-error', error: exitError(message.code) });
          case 'error':
            void this.terminate();
            return resolve({ kind: 'init-error', error: describeHostError(message.error) });
          default:
            return resolve({ kind: 'init-error', error: { name: 'Error', message: `unexpected message ${message.type} while loading` } });
        }
      };
    });
  }

  /** False once the worker has ended or is being ended; an invocation then needs a new environment. */
  get alive(): boolean {
    return !this.exited && !this.terminating;
  }

  private terminating = false;

  private receive(message: WorkerMessage): void {
    if (message.type === 'crash' && message.id === null && this.waiter === undefined) {
      // Thrown by a timer the last invocation left behind. Lambda would have frozen the
      // environment and failed the next invocation with it when it thawed: so does this one.
      this.idleCrash = message.error;
      this.onIdleCrash?.(message.error);
      return;
    }
    this.deliver(message);
  }

  private deliver(message: Parameters<Waiter>[0]): void {
    const waiter = this.waiter;
    if (waiter !== undefined) waiter(message);
  }

  /**
   * Runs one invocation: the event crosses as JSON text (what Lambda hands a handler is parsed
   * JSON), and the result comes back parsed from the handler's JSON text. Ends with 'timeout'
   * after `timeoutSeconds` by terminating the worker, the one way to stop a handler that loops.
   */
  invoke(eventJson: string, context: ContextFields, timeoutSeconds: number): Promise<AttemptOutcome> {
    if (this.waiter !== undefined) throw new Error('jest-eventbridge: an execution environment runs one invocation at a time.');
    const id = context.awsRequestId;
    const pending = this.idleCrash;
    if (pending !== undefined) {
      this.idleCrash = undefined;
      void this.terminate();
      return Promise.resolve({ kind: 'error', error: pending, environmentLost: true });
    }
    // It exited while idle (a timer the last invocation left called process.exit()).
    if (!this.alive) return Promise.resolve({ kind: 'error', error: exitError(this.exitCode), environmentLost: true });
    const timeoutMs = Math.round(timeoutSeconds * 1000);
    return new Promise<AttemptOutcome>((resolve) => {
      const settle = (outcome: AttemptOutcome): void => {
        cancelTimer(timer);
        this.waiter = undefined;
        this.worker.unref();
        if (outcome.kind !== 'success' && (outcome.kind === 'timeout' || outcome.environmentLost)) void this.terminate();
        resolve(outcome);
      };
      this.waiter = (message) => {
        switch (message.type) {
          case 'result':
            if (message.id !== id) return;
            return settle({
              kind: 'success',
              result: message.resultJson === undefined ? undefined : (JSON.parse(message.resultJson) as unknown),
            });
          case 'failure':
            if (message.id !== id) return;
            return settle({ kind: 'error', error: message.error, environmentLost: false });
          case 'crash':
            return settle({ kind: 'error', error: message.error, environmentLost: true });
          case 'exit':
            return settle({ kind: 'error', error: exitError(message.code), environmentLost: true });
          case 'error':
            return settle({ kind: 'error', error: describeHostError(message.error), environmentLost: true });
          default:
            return undefined;
        }
      };
      // `settle` reads it: nothing settles before the invocation is posted, after this line.
      const timer = scheduleTimer(() => settle({ kind: 'timeout', error: timeoutError(timeoutSeconds) }), timeoutMs, { unref: true });
      this.worker.ref();
      this.worker.postMessage({ type: 'invoke', id, eventJson, context, deadline: Date.now() + timeoutMs });
    });
  }

  /** Ends the worker (a busy one too) and resolves once it has exited. */
  async terminate(): Promise<void> {
    this.terminating = true;
    if (!this.exited) await this.worker.terminate().catch(() => undefined);
    await this.exitedPromise;
  }
}

/** Copies `from` to `to` line by line, each line after `[prefix] `. */
function forwardLines(from: NodeJS.ReadableStream, to: NodeJS.WritableStream, prefix: string): void {
  const lines = createInterface({ input: from, crlfDelay: Infinity });
  lines.on('line', (line) => to.write(`[${prefix}] ${line}\n`));
}
