/**
 * One capture per worker (`captureScope: 'worker'`): the first file a worker runs creates and
 * proves a queue and rule; later files of that worker reuse them, each through a source of its
 * own (`WorkerFileSource`) with its own consumer, window, store and, with correlation, its own id
 * prefix (`…:f<n>.`), so a file sees what it would have seen with a capture of its own.
 *
 * Why this is safe: a capture never isolated files from each other (every capture on a bus sees
 * every matching event on it; a file's window and correlation ids do that), and a worker runs one
 * file at a time. What a reused capture must not show is what arrived before its file started:
 * between files nobody receives (an in-flight long poll would keep Jest's worker busy, and Jest
 * kills a worker that does not go idle), so the queue holds what came meanwhile. Each later file
 * drops, unread, the messages SQS enqueued before it began (SentTimestamp against the service's
 * clock, learned from the first file's canary), and with correlation every event of another
 * file's prefix.
 *
 * Neither runner says when a worker runs its last file, so the capture outlives the file: a
 * record in the run's folder (runCaptures.ts) lets the global teardown remove it; a signal while
 * a file runs removes it here; a crash leaves it to the sweep.
 */
import { correlationOf } from '../core/events/correlation';
import type { EventBridgeEvent } from '../core/events/envelope';
import type { CaptureResourceNames } from '../core/matchers/captureView';
import type { Clock } from '../core/store/clock';
import { createAwsClients, destroyAwsClients, type AwsClients } from '../aws/awsClients';
import { stringifyExactJson } from '../foundation/exactJson';
import { messageOf } from '../foundation/realm';
import { isNotFound } from '../aws/awsErrors';
import type { Logger } from '../foundation/log';
import type { CaptureSource, EventSink } from '../sources/source';
import { EventBridgeSource } from '../sources/eventbridge/eventBridgeSource';
import { fileCorrelationPrefix, workerCaptureNames, type CaptureNames } from '../sources/eventbridge/resourceNames';
import type { ResolvedOptions } from './options/options';
import { captureSourceSpec } from './captureSourceSpec';
import { forgetRunCapture, recordRunCapture, runCapturesOpen } from './runCaptures';
import { registerSignalCleanup, unregisterSignalCleanup } from './signalCleanup';

export interface WorkerCaptureInputs {
  readonly options: ResolvedOptions;
  readonly runId: string;
  readonly workerId: string;
  /** The run's folder of capture records (RUN_CAPTURES_ENV), which the global teardown empties. */
  readonly folder: string;
  readonly clock: Clock;
  readonly log: Logger;
}

/**
 * What makes two files' captures interchangeable: the options that decide what the queue and rule
 * are and how they are reached. Two files whose keys are equal may share a capture.
 */
export function captureKey(options: ResolvedOptions): string {
  return (
    stringifyExactJson({
      eventBusName: options.eventBusName,
      eventBusArn: options.eventBusArn ?? null,
      region: options.region ?? null,
      endpoint: options.endpoint ?? null,
      capturePattern: options.capturePattern ?? null,
      correlation: options.correlation?.path ?? null,
      resourcePrefix: options.resourcePrefix,
      maxAttempts: options.maxAttempts,
      retryMode: options.retryMode,
    }) ?? ''
  );
}

/** The capture one worker shares between the files it runs, one file at a time. */
export class WorkerCapture {
  private current: { readonly names: CaptureNames; readonly source: EventBridgeSource } | undefined;
  private proven = false;
  /** Files served so far (each file's correlation prefix takes the next number). */
  private files = 0;
  private busy = false;
  /** When the capture was last tagged as in use (`clock.now()`). */
  private markedAt: number | undefined;
  private readonly clients: AwsClients;
  /** On a signal while a file runs, the capture goes too: nobody else would remove it before the sweep. */
  private readonly onSignal = {
    stop: (): Promise<void> => this.remove(),
    captureNames: (): readonly string[] => (this.current ? [this.current.names.resourceName] : []),
  };

  /** The worker's correlation prefix, kept when a capture is replaced (files already stamp under it). */
  private readonly correlationPrefix: string;
  /** What tags, the rule's description and the run's record name it by: `worker 2 of run abc123`. */
  private readonly label: string;

  constructor(private readonly inputs: WorkerCaptureInputs) {
    this.correlationPrefix = workerCaptureNames({
      resourcePrefix: inputs.options.resourcePrefix,
      runId: inputs.runId,
      workerId: inputs.workerId,
    }).correlationPrefix;
    this.label = `worker ${inputs.workerId} of run ${inputs.runId}`;
    // Its own clients, for the worker's life: the files' sessions destroy theirs when they end.
    this.clients = createAwsClients(inputs.options);
  }

  /**
   * A source for the next file, or undefined while another file of this process uses the capture
   * (one worker runs one file at a time; a runner that does otherwise gets a capture per file).
   */
  fileSource(testPath: string, log: Logger): CaptureSource | undefined {
    if (this.busy) return undefined;
    this.busy = true;
    this.files += 1;
    log(`${testPath} uses this worker's capture (file ${this.files} it serves)`);
    return new WorkerFileSource(this, this.files, log, testPath);
  }

  /**
   * The capture's names; new resource names after a failed or vanished capture was replaced, but
   * one correlation prefix for the worker's whole run, which the files' own prefixes extend.
   */
  names(): CaptureNames {
    return this.ensureSource().names;
  }

  private ensureSource(): { readonly names: CaptureNames; readonly source: EventBridgeSource } {
    if (this.current !== undefined) return this.current;
    const { options, runId, workerId, clock, log } = this.inputs;
    const names = {
      ...workerCaptureNames({ resourcePrefix: options.resourcePrefix, runId, workerId }),
      correlationPrefix: this.correlationPrefix,
    };
    const source = new EventBridgeSource(
      captureSourceSpec({
        options,
        clients: this.clients,
        names,
        label: this.label,
        clock,
        log,
        captureScope: 'worker',
      }),
    );
    this.current = { names, source };
    return this.current;
  }

  /** Creates the queue and rule the first time (recorded first, so a half-done create is removed too). */
  async create(): Promise<EventBridgeSource> {
    const { names, source } = this.ensureSource();
    if (!this.inputs.options.emulator) registerSignalCleanup(this.onSignal);
    if (this.proven) {
      if (!(await this.stillThere(source))) return this.create();
      return source;
    }
    const { options } = this.inputs;
    recordRunCapture(this.inputs.folder, {
      resourceName: names.resourceName,
      eventBusName: options.eventBusName,
      label: this.label,
      maxAttempts: options.maxAttempts,
      ...(options.region !== undefined ? { region: options.region } : {}),
      ...(options.endpoint !== undefined ? { endpoint: options.endpoint } : {}),
    });
    await source.create();
    this.markedAt = this.inputs.clock.now();
    return source;
  }

  /**
   * Every IN_USE_REFRESH_MS, the file taking the capture up tags it as in use: a run longer than
   * another pipeline's sweep threshold keeps its captures. The tag doubles as a check that the
   * capture is still there (a sweep, or a user, may have removed an idle one): if it is gone, it
   * is forgotten and false is returned, so this file makes a new one. Any other failure is only
   * logged (the sweep's threshold is then the only guard, as for a file's own capture).
   */
  private async stillThere(source: EventBridgeSource): Promise<boolean> {
    const now = this.inputs.clock.now();
    if (!inUseMarkDue(this.markedAt, now)) return true;
    this.markedAt = now;
    try {
      await source.markInUse();
      return true;
    } catch (error) {
      if (!isNotFound(error)) {
        this.inputs.log(`could not tag ${this.names().resourceName} as in use: ${messageOf(error)}`);
        return true;
      }
      this.inputs.log(`${this.names().resourceName} is gone (${messageOf(error)}): making a new capture`);
      await this.discard();
      return false;
    }
  }

  /** Proves delivery once; later files skip the canary. */
  async proveDelivery(): Promise<void> {
    if (this.proven) return;
    await this.ensureSource().source.proveDelivery();
    this.proven = true;
    this.inputs.log(`${this.names().resourceName} is this worker's capture: later files reuse it`);
  }

  get isProven(): boolean {
    return this.proven;
  }

  /** The shared source once `create()` has begun. */
  get source(): EventBridgeSource | undefined {
    return this.current?.source;
  }

  get clock(): Clock {
    return this.inputs.clock;
  }

  get options(): ResolvedOptions {
    return this.inputs.options;
  }

  /** Destroys the clients of a capture the run's teardown has removed (a watch re-run in band). */
  destroy(): void {
    destroyAwsClients(this.clients);
  }

  /** The file is done: the capture stays for the next one, and the run's teardown removes it. */
  release(): void {
    this.busy = false;
    unregisterSignalCleanup(this.onSignal);
  }

  /**
   * Removes the queue and rule now (a setup that failed, or a signal), and forgets the record; the
   * next file starts afresh with new names.
   */
  async remove(): Promise<void> {
    try {
      await this.discard();
    } finally {
      this.release();
    }
  }

  /** Stops, removes (what is already gone counts as removed) and forgets the current capture. */
  private async discard(): Promise<void> {
    const current = this.current;
    this.current = undefined;
    this.proven = false;
    if (current === undefined) return;
    await current.source.stopDelivering();
    await current.source.remove();
    forgetRunCapture(this.inputs.folder, current.names.resourceName);
  }
}

/**
 * The long poll of a file on a shared capture, in seconds: its last receive is waited out when the
 * file ends (see CaptureConsumer.stop; a canary put then usually ends it sooner), so this bounds
 * that wait; a receive returns at once when a message is there, so it costs no latency, only a
 * receive every 2 s while the queue is idle.
 */
export const SHARED_WAIT_TIME_SECONDS = 2;

/** How often a worker's capture is tagged as in use: well within any sensible sweep threshold. */
export const IN_USE_REFRESH_MS = 5 * 60_000;

/** Whether a capture last tagged at `markedAt` (undefined: never) is due a new in-use tag at `now`. */
export function inUseMarkDue(markedAt: number | undefined, now: number, refreshMs = IN_USE_REFRESH_MS): boolean {
  return markedAt === undefined || now - markedAt >= refreshMs;
}

/** One file's view of its worker's capture: the CaptureSource contract, over the shared queue and rule. */
class WorkerFileSource implements CaptureSource {
  readonly correlationPrefix: string;
  /** When this file's consumer started (`clock.now()`): what SQS enqueued before is not its. */
  private since: number | undefined;
  private failed = false;
  private done = false;

  constructor(
    private readonly capture: WorkerCapture,
    index: number,
    private readonly log: Logger,
    testPath: string,
  ) {
    this.correlationPrefix = fileCorrelationPrefix(capture.names(), index, testPath);
  }

  private get inner(): EventBridgeSource | undefined {
    return this.capture.source;
  }

  async create(): Promise<void> {
    try {
      await this.capture.create();
    } catch (error) {
      this.failed = true;
      throw error;
    }
  }

  deliverTo(sink: EventSink): void {
    const source = this.inner;
    if (source === undefined) throw new Error('WorkerFileSource.deliverTo() before create()');
    const reused = this.capture.isProven;
    this.since = reused ? this.capture.clock.now() : undefined;
    source.deliverTo(this.filtered(sink), {
      ...(this.since !== undefined ? { since: this.since } : {}),
      waitTimeSeconds: SHARED_WAIT_TIME_SECONDS,
      log: this.log,
    });
  }

  /** With correlation, only this file's ids: the rule forwards every file of the worker. */
  private filtered(sink: EventSink): EventSink {
    const segments = this.capture.options.correlation?.segments;
    if (segments === undefined) return sink;
    const prefix = this.correlationPrefix;
    return {
      add: (events: readonly EventBridgeEvent[]) =>
        sink.add(events.filter((event) => (correlationOf(event, segments) ?? '').startsWith(prefix))),
      reject: (body, reason) => sink.reject(body, reason),
    };
  }

  async proveDelivery(): Promise<void> {
    try {
      await this.capture.proveDelivery();
    } catch (error) {
      this.failed = true;
      throw error;
    }
  }

  describe(): string {
    return `${this.inner?.describe() ?? `bus "${this.capture.options.eventBusName}"`} (this worker's capture, reused by its files)`;
  }

  describeResources(): string {
    return this.inner?.describeResources() ?? 'nothing yet';
  }

  resources(): CaptureResourceNames {
    const name = this.capture.names().resourceName;
    return this.inner?.resources() ?? { queueName: name, ruleName: name };
  }

  get deliveryError(): string | undefined {
    return this.inner?.deliveryError;
  }

  /** Lets the last receive end by itself (an aborted long poll would hide the next file's first event). */
  async stopDelivering(): Promise<void> {
    await this.inner?.stopDelivering('settle');
  }

  /** Removes the shared capture only when this file's setup of it failed; otherwise hands it on. */
  async remove(): Promise<void> {
    if (this.done) return;
    this.done = true;
    if (this.failed) await this.capture.remove();
    else this.capture.release();
  }
}

/** The worker's captures, by run folder and capture key: a new run (a watch re-run in band) starts afresh. */
const workerCaptures = new Map<string, WorkerCapture>();

/**
 * The capture this worker shares for `options` in the run recorded in `folder`, made on first
 * use. Returns a file source over it, or undefined when another file of this process uses it.
 */
export function workerFileSource(
  inputs: WorkerCaptureInputs & { readonly testPath: string },
): { readonly names: CaptureNames; readonly source: CaptureSource } | undefined {
  // A new run (a watch re-run in band) starts afresh: the last run's teardown removed its captures.
  for (const [key, stale] of workerCaptures) {
    if (key.startsWith(`${inputs.folder}\n`)) continue;
    workerCaptures.delete(key);
    stale.destroy();
  }
  // The run's teardown has begun (a bail stops a run while files still start): a capture of its own.
  if (!runCapturesOpen(inputs.folder)) return undefined;
  const key = `${inputs.folder}\n${captureKey(inputs.options)}`;
  let capture = workerCaptures.get(key);
  if (capture === undefined) {
    capture = new WorkerCapture(inputs);
    workerCaptures.set(key, capture);
  }
  const source = capture.fileSource(inputs.testPath, inputs.log);
  // The capture's names, with the file's own correlation prefix.
  return source === undefined ? undefined : { names: { ...capture.names(), correlationPrefix: source.correlationPrefix }, source };
}
