import { basename } from 'node:path';
import { correlationOf, stampCorrelation } from '../core/events/correlation';
import type { EventBridgeEvent } from '../core/events/envelope';
import { toRequestEntry, type PutEntry } from '../core/events/putEntries';
import type { PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import type { CaptureResourceNames } from '../core/matchers/captureView';
import { sendPutEvents, type PutContext } from '../aws/putEvents';
import { createLogger, createPayloadLogger, warn, type Logger } from '../foundation/log';
import type { ResolvedOptions } from './options/options';
import { systemClock, type Clock } from '../core/store/clock';
import { EventStore } from '../core/store/eventStore';
import { createAwsClients, destroyAwsClients, type AwsClients } from '../aws/awsClients';
import type { CaptureSource } from '../sources/source';
import { EventBridgeSource } from '../sources/eventbridge/eventBridgeSource';
import { captureSourceSpec } from './captureSourceSpec';
import { workerFileSource } from './workerCapture';
import { mayShareCapture } from './captureScope';
import { captureNames, resolveRunId, type CaptureNames } from '../sources/eventbridge/resourceNames';
import { ScopeTracker, viewOf, type EventView, type Scope } from '../core/scopes/testScopes';
import type { InvocationRecord } from '../local/stackModel';
import { InvocationFollower } from './invocationFollower';
import { invocationNotes } from './invocationNotes';
import { JestEventBridgeError } from '../foundation/errors';
import type { MirroredRule } from '../sources/eventbridge/mirroredRule';
import { prepareMirror } from './mirrorLookup';
import { LocalRules } from './localRules';
import { busPlaceOf, ruleDiagnosticsFor, type RuleDiagnostics } from './ruleDiagnostics';
import type { OutcomeRecorder } from '../core/matchers/captureView';
import type { FilePart } from '../core/report/filePart';
import { FileRecorder, type RecordedPut } from './report/FileRecorder';
import type { ReportSettings } from './report/reportSettings';

/** One entry's result: the id EventBridge gave it and the correlation id it carries. */
export interface PutResult {
  readonly eventId: string;
  readonly correlationId?: string;
  readonly source: string;
  readonly detailType: string;
}

export interface CaptureSessionInputs {
  readonly options: ResolvedOptions;
  /** The test file (or any label of the unit being tested), for names, tags and messages. */
  readonly testPath: string;
  readonly workerId?: string;
  /** Injected clients (tests count round trips this way); by default built from the options. */
  readonly clients?: AwsClients;
  readonly clock?: Clock;
  /**
   * The id shared by every worker of one test run, in resource names and tags (a sweep finds a
   * run's leftovers by it). A runner's adapter passes its own; by default `resolveRunId()`:
   * `JEST_EVENTBRIDGE_RUN_ID`, else one derived from this process.
   */
  readonly runId?: string;
  readonly log?: Logger;
  /** Where warnings go (capacity reached, kept resources). @default stderr */
  readonly warn?: (message: string) => void;
  /** With local flows: the URL of the run's invocation log (runLocalFlows.ts), to follow. */
  readonly invocationLogUrl?: string;
  /**
   * Share this worker's capture (`captureScope: 'worker'`, as `decideCaptureScope` allowed) and
   * record it in this folder of the run (RUN_CAPTURES_ENV), which the global teardown empties.
   * @default a capture of the file's own
   */
  readonly workerCaptureFolder?: string;
  /** While an event report is wanted (the reporter's settings): record what each test does. */
  readonly report?: ReportSettings;
}

/**
 * One test file's capture, independent of any test runner: it drives a capture source (by
 * default the EventBridge one: a queue and rule on the bus), keeps what arrives in a store,
 * scopes what each test sees, stamps correlation ids on puts, and stops once, for everyone who
 * asks. The `eventBridge` object specs hold is built over it by the runner's adapter
 * (`createEventBridgeHandle(session)`); the Jest environment is one such adapter.
 */
export class CaptureSession {
  readonly names: CaptureNames;
  readonly store: EventStore;
  /** Which test or hook is running, and what it sees; a runner's adapter drives it. */
  readonly scopes: ScopeTracker;
  readonly options: ResolvedOptions;
  /** The test file this session captures for. */
  readonly testPath: string;
  /** Real time, for waiting (never the test sandbox's timers). */
  readonly clock: Clock;
  private readonly source: CaptureSource;
  private readonly clients: AwsClients;
  private readonly ownsClients: boolean;
  private readonly log: Logger;
  private readonly putLog = createLogger('put');
  private readonly payloadLog = createPayloadLogger();
  private readonly warn: (message: string) => void;
  private stopping: Promise<{ kept: boolean }> | undefined;
  private readonly putContext: PutContext;
  private readonly follower: InvocationFollower | undefined;
  /** Whether this file uses its worker's capture (`captureScope: 'worker'`) rather than its own. */
  readonly sharesWorkerCapture: boolean;
  /** With `mirrorRule`, the rule once `start()` has read it. */
  private mirroredRule: MirroredRule | undefined;

  /** With `mirrorRule`, the rule the capture mirrors (its name, ARN, pattern and target), once `start()` has read it. */
  get mirrored(): MirroredRule | undefined {
    return this.mirroredRule;
  }
  /** With `mirrorRule: { target }`, what that target receives for an event. */
  private delivery: ((event: EventBridgeEvent) => unknown) | undefined;
  /** With local flows, the ids of the events each scope put, so that it can wait for them before they are captured. */
  private readonly putIds = new WeakMap<object, Set<string>>();
  /** What each scope put, and the bus's rules read on the first failure: "which rule would route it". */
  private readonly diagnostics: RuleDiagnostics;
  /** Only while an event report is wanted: without one, recording costs nothing. */
  private readonly recorder: FileRecorder | undefined;

  constructor(inputs: CaptureSessionInputs) {
    const options = inputs.options;
    this.options = options;
    this.testPath = inputs.testPath;
    this.putContext = { eventBusName: options.eventBusName, ...(options.endpoint ? { endpoint: options.endpoint } : {}) };
    this.clock = inputs.clock ?? systemClock;
    this.log = inputs.log ?? createLogger('capture');
    this.warn = inputs.warn ?? warn;
    const runId = inputs.runId ?? resolveRunId();
    const workerId = inputs.workerId ?? '0';
    this.recorder =
      inputs.report === undefined
        ? undefined
        : new FileRecorder({ clock: this.clock, redact: inputs.report.redact, maxPuts: options.maxStoredEvents });
    this.follower = inputs.invocationLogUrl === undefined ? undefined : new InvocationFollower(inputs.invocationLogUrl);
    // The rules local flows route, read once: what `mirrorRule` mirrors and failure messages weigh.
    const localRules = inputs.invocationLogUrl === undefined ? undefined : new LocalRules(inputs.invocationLogUrl);
    this.ownsClients = inputs.clients === undefined;
    this.clients = inputs.clients ?? createAwsClients(options);
    const shared =
      inputs.workerCaptureFolder === undefined || !mayShareCapture(options)
        ? undefined
        : workerFileSource({
            options,
            runId,
            workerId,
            folder: inputs.workerCaptureFolder,
            clock: this.clock,
            log: this.log,
            testPath: inputs.testPath,
          });
    this.sharesWorkerCapture = shared !== undefined;
    this.names = shared
      ? shared.names
      : captureNames({ resourcePrefix: options.resourcePrefix, runId, workerId, testPath: inputs.testPath });
    this.source =
      shared?.source ??
      new EventBridgeSource(
        captureSourceSpec({
          options,
          clients: this.clients,
          names: this.names,
          label: inputs.testPath,
          clock: this.clock,
          log: this.log,
          ...(options.mirrorRule ? { mirroredPattern: () => this.readMirroredRule(localRules).then((rule) => rule.pattern) } : {}),
        }),
      );
    const segments = options.correlation?.segments;
    this.store = new EventStore({
      now: () => this.clock.now(),
      capacity: options.maxStoredEvents,
      ...(segments ? { correlationOf: (event: EventBridgeEvent) => correlationOf(event, segments) } : {}),
      ...(options.mirrorRule?.target !== undefined ? { deliver: (event: EventBridgeEvent) => this.delivery?.(event) } : {}),
      onCapacityReached: (capacity) =>
        this.warn(
          `${basename(inputs.testPath)} captured more than ${capacity} events; the oldest are being forgotten (raise "maxStoredEvents" if a matcher needs them).`,
        ),
    });
    // From the first event: one the store forgets may still be printed in a runner's message.
    this.recorder?.watch(this.store);
    this.diagnostics = ruleDiagnosticsFor({
      options,
      eventBridge: this.clients.eventBridge,
      captureRuleName: this.names.resourceName,
      ...(localRules !== undefined ? { localRules } : {}),
    });
    this.scopes = new ScopeTracker({
      position: () => this.store.lastSequence,
      now: () => this.clock.now(),
      correlationPrefix: options.correlation ? this.source.correlationPrefix : undefined,
      ...(options.correlation ? { correlationPath: options.correlation.path } : {}),
    });
  }

  /** Reads the mirrored rule (once, from `create()`), and prepares what its target receives. */
  private async readMirroredRule(localRules: LocalRules | undefined): Promise<MirroredRule> {
    const { rule, delivery } = await prepareMirror({ options: this.options, clients: this.clients, ...(localRules ? { localRules } : {}) });
    this.mirroredRule = rule;
    this.delivery = delivery;
    this.log(`mirroring rule ${rule.name} (${rule.from})${rule.target ? `, target ${rule.target.id}` : ''}`);
    return rule;
  }

  /** Creates the capture and waits until it provably delivers. On failure, call `stop()`. */
  async start(): Promise<void> {
    this.follower?.start();
    await this.source.create();
    this.source.deliverTo(this.store);
    await this.source.proveDelivery();
    this.store.openWindow();
    this.scopes.open();
    this.recorder?.ready();
  }

  /**
   * For runners without an adapter (and the library's own tests): a test of the file's top
   * level begins, before its beforeEach hooks. The Jest environment maps circus events instead.
   */
  beginTest(name = 'test'): void {
    this.scopes.beginTest(this.scopes.root, name);
    // The store's own window (`store.visible()` without a view) follows, for direct users.
    this.store.openWindow();
  }

  /** The test ended: what follows runs at the file's top level again. */
  endTest(): void {
    this.scopes.endTest(this.scopes.root);
    this.store.openWindow();
  }

  /**
   * Puts entries on the bus, in order, each stamped with the running scope's correlation id
   * when correlation scoping is on. Resolves with one result per entry; rejects with a
   * PutEventsError naming each entry EventBridge refused.
   */
  async put(entries: readonly PutEntry[]): Promise<PutResult[]> {
    const correlation = this.options.correlation;
    const id = this.scopes.currentCorrelationId();
    const stamped = entries.map((entry, index) =>
      correlation && id !== undefined ? stampCorrelation(entry, correlation.segments, id, index) : { entry, correlationId: undefined },
    );
    const requests = stamped.map(({ entry }, index) => toRequestEntry(entry, index, this.options.eventBusName));
    const sentAt = this.clock.now();
    const correlationIds = stamped.map(({ correlationId }) => correlationId);
    let ids: string[];
    try {
      ids = await sendPutEvents(this.clients.eventBridge, requests, this.putContext);
    } catch (error) {
      // A refused put is in the report too, with why: the test's timeline would otherwise lack it.
      this.recordForReport({ requests, ids: [], correlationIds, at: sentAt, error });
      throw error;
    }
    this.recordForDiagnosis(requests, ids);
    this.recordForReport({ requests, ids, correlationIds, at: sentAt });
    if (this.follower !== undefined) {
      const scope = this.scopes.current();
      const own = this.putIds.get(scope) ?? new Set<string>();
      for (const id of ids) if (id) own.add(id);
      this.putIds.set(scope, own);
    }
    return requests.map((request, index) => {
      const correlationId = stamped[index]?.correlationId;
      this.putLog(
        `put ${ids[index] ?? '(no id)'} ${request.Source ?? ''} ${request.DetailType ?? ''}${correlationId !== undefined ? ` correlation ${correlationId}` : ''}`,
      );
      this.payloadLog(`put ${ids[index] ?? '(no id)'} detail ${request.Detail ?? '{}'}`);
      return {
        eventId: ids[index] ?? '',
        source: request.Source ?? '',
        detailType: request.DetailType ?? '',
        ...(correlationId !== undefined ? { correlationId } : {}),
      };
    });
  }

  /** What the capture listens to and, with correlation, which ids the running scope sees: for failure messages. */
  describe(): string {
    const [own, ...enclosing] = this.options.correlation ? this.scopes.visibleCorrelationIds() : [];
    const scope = this.options.correlation
      ? `, scoped to correlation id ${own}${enclosing.length > 0 ? ` and its enclosing blocks' ${enclosing.join(', ')}` : ''} at ${this.options.correlation.path}`
      : '';
    const mirror = this.options.mirrorRule;
    const mirrored = mirror
      ? `, mirroring rule ${mirror.name}${mirror.target !== undefined ? ` (what its target ${mirror.target} receives)` : ''}`
      : '';
    return `${this.source.describe()}${mirrored}${scope}`;
  }

  /**
   * With local flows, the invocations the running scope's events caused: those whose routed
   * event is one the scope sees (so correlation scoping narrows them as it narrows events), in
   * the order they ended. Empty without local flows.
   */
  /** Whether this session follows the run's local flows (the `local` option). */
  get followsLocalFlows(): boolean {
    return this.follower !== undefined;
  }

  invocations(): InvocationRecord[] {
    if (this.follower === undefined) return [];
    const seen = this.visibleEventIds();
    return this.follower.records.filter((record) => seen.has(record.eventId));
  }

  /**
   * With local flows: waits until every event the running scope put or sees has been routed and
   * every invocation it caused has ended (retries included), then returns `invocations()`.
   * Events that arrive while it waits count too. Resolves at once without local flows, or when the
   * bus is not one local flows route.
   * @param timeoutMs the longest wait, in ms
   * @throws JestEventBridgeError naming how many events are unrouted or still running at the deadline
   */
  async waitForInvocations(timeoutMs: number): Promise<InvocationRecord[]> {
    const follower = this.follower;
    if (follower === undefined) return [];
    await follower.catchUp();
    if (!follower.buses.includes(this.options.eventBusName)) return this.invocations();
    const ids = (): Set<string> => this.visibleEventIds();
    const deadline = this.clock.now() + timeoutMs;
    while (!follower.settled(ids())) {
      const left = deadline - this.clock.now();
      if (left <= 0) {
        const waiting = [...ids()].filter((id) => !follower.settled([id]));
        throw new JestEventBridgeError(
          `waitForInvocations(): after ${timeoutMs} ms, ${waiting.length} of the events in view still ${waiting.length === 1 ? 'has' : 'have'} invocations running or not yet routed (${waiting.slice(0, 5).join(', ')}). Raise its timeout, or check the handlers in eventBridge.invocations.`,
        );
      }
      await new Promise<void>((resolve) => {
        const wake = (): void => {
          stopFollowing();
          stopStore();
          this.clock.clearTimeout(timer);
          resolve();
        };
        const stopFollowing = follower.subscribe(wake);
        const stopStore = this.store.subscribe(wake);
        const timer = this.clock.setTimeout(wake, left);
      });
    }
    return this.invocations();
  }

  /**
   * With local flows, the lines a failing matcher adds to its message: the invocations the
   * events it looked at caused. Reads the log once more first, so an attempt that ended a moment
   * ago is listed.
   */
  async failureNotes(eventIds: readonly string[]): Promise<string[]> {
    const follower = this.follower;
    if (follower === undefined) return [];
    await follower.catchUp();
    const detailTypes = new Map(this.store.captured().map((captured) => [captured.event.id, captured.event['detail-type']]));
    const notes = invocationNotes(follower.records, new Set(eventIds), (id) => detailTypes.get(id));
    return follower.error === undefined ? notes : [...notes, `Local invocations may be missing: ${follower.error}`];
  }

  /**
   * The lines a failing matcher adds about the events the running scope put on the bus: the
   * rules that route each one, or the nearest rule and where it fails. Reads the rules on the
   * first call of the file only (the bus's by ListRules; with local flows, the template's);
   * never rejects: a refused read is one line.
   */
  async ruleNotes(): Promise<string[]> {
    const scope = this.scopeIfKnown();
    return scope === undefined ? [] : this.diagnostics.notes(scope, busPlaceOf(this.source.resources().ruleArn, this.options));
  }

  /** After the entries went out: a put must not fail because its scope cannot be told (an unscoped concurrent test). */
  private recordForDiagnosis(requests: readonly PutEventsRequestEntry[], ids: readonly string[]): void {
    const scope = this.scopeIfKnown();
    if (scope !== undefined) this.diagnostics.record(scope, requests, ids);
  }

  /** Whether an event report is wanted: matchers then tell `recordOutcome` their verdicts. */
  get recordsReport(): boolean {
    return this.recorder !== undefined;
  }

  /**
   * For the event report, when a waiting matcher starts: what it records its verdict with, bound
   * to the scope running now; undefined when no report is wanted.
   */
  beginOutcome(): OutcomeRecorder | undefined {
    return this.recorder?.outcomeRecorder(this.scopeIfKnown());
  }

  /**
   * For the event report: the running test ended (the runner's adapter calls it after the
   * test's afterEach hooks, while the test is still the running scope).
   */
  recordTestEnded(): void {
    const scope = this.scopeIfKnown();
    if (this.recorder === undefined || scope === undefined) return;
    let view: EventView | undefined;
    try {
      view = this.scopes.view();
    } catch {
      // A concurrent test without correlation has no view of its own: its timeline keeps its puts and verdicts.
      view = undefined;
    }
    this.recorder.testEnded(scope, view, this.store.lastSequence);
  }

  /**
   * For the event report, before `stop()`: reads the local-flows log once more, so that attempts
   * that ended since the last read are in the part. Nothing without a report or local flows.
   */
  async catchUpForReport(): Promise<void> {
    if (this.recorder !== undefined) await this.follower?.catchUp();
  }

  /**
   * The file's part of the event report (call after `stop()`, so nothing more arrives); undefined
   * when no report is wanted. `error`: why `start()` failed, if it did.
   */
  reportPart(error?: unknown): FilePart | undefined {
    return this.recorder?.part({
      testPath: this.testPath,
      eventBusName: this.options.eventBusName,
      store: this.store,
      invocations: this.follower?.records ?? [],
      ...(error !== undefined ? { error } : {}),
      ...(this.options.correlation ? { viewOfUnended: (scope: Scope) => viewOf(scope, { correlation: true, finished: [] }) } : {}),
    });
  }

  /** Every put, a hook's or an unscoped one's too: the recorder collects their masked values' texts. */
  private recordForReport(put: Omit<RecordedPut, 'scope'>): void {
    if (this.recorder !== undefined) this.recorder.put({ ...put, scope: this.scopeIfKnown() });
  }

  private scopeIfKnown(): Scope | undefined {
    try {
      return this.scopes.current();
    } catch {
      return undefined;
    }
  }

  /** The events the running scope sees, and those it put (which may not be captured yet). */
  private visibleEventIds(): Set<string> {
    const own = this.putIds.get(this.scopes.current()) ?? [];
    return new Set([...own, ...this.store.visible(this.scopes.view()).map((captured) => captured.event.id)]);
  }

  /**
   * The capture stopping this session removes: its own, or none when it shares its worker's
   * (that one is removed by the run's teardown, or on a signal by the worker). For signal warnings.
   */
  captureNames(): readonly string[] {
    return this.sharesWorkerCapture ? [] : [this.names.resourceName];
  }

  /** The source's resources (the URL and ARN once `start()` has created them). */
  resources(): CaptureResourceNames {
    return this.source.resources();
  }

  /** Set while the source's receives keep failing: quoted in failure messages. */
  deliveryError(): string | undefined {
    return this.source.deliveryError;
  }

  /**
   * Stops consuming and removes everything, also after a failed or half-done `start()`.
   * With `keep`, leaves the queue and rule and returns their names instead.
   */
  stop(): Promise<{ kept: boolean }> {
    // One stop, shared: a signal handler and Jest's teardown may both ask, and the second
    // must wait for the first rather than return while resources are still being removed.
    this.stopping ??= this.removeAll();
    return this.stopping;
  }

  private async removeAll(): Promise<{ kept: boolean }> {
    const started = this.clock.now();
    this.log(
      this.sharesWorkerCapture
        ? `file done on the worker's capture ${this.names.resourceName} (kept for its next file), events captured: ${this.store.stats.stored}`
        : `teardown: ${this.names.resourceName}, events captured: ${this.store.stats.stored}`,
    );
    this.store.close();
    await this.follower?.stop();
    try {
      await this.source.stopDelivering();
      this.log('teardown: consumer stopped');
      if (this.options.keep) {
        this.warn(`keep: true: left ${this.source.describeResources()} for debugging.`);
        return { kept: true };
      }
      await this.source.remove();
      this.log(`teardown: done in ${Math.round(this.clock.now() - started)} ms`);
      return { kept: false };
    } finally {
      if (this.ownsClients) destroyAwsClients(this.clients);
    }
  }
}
