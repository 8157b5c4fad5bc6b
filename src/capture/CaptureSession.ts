import { basename } from 'node:path';
import { correlationOf, stampCorrelation } from '../events/correlation';
import type { EventBridgeEvent } from '../events/envelope';
import { toRequestEntry, type PutEntry } from '../events/putEntries';
import { sendPutEvents, type PutContext } from '../events/putEvents';
import { CaptureSetupError } from '../errors';
import { EventBridgeHandle, type PutResult } from '../handle/EventBridgeHandle';
import { createLogger, type Logger } from '../log';
import type { ResolvedOptions } from '../options/options';
import { systemClock, type Clock } from '../store/clock';
import { EventStore, type CapturedEvent } from '../store/eventStore';
import { createAwsClients, destroyAwsClients, type AwsClients } from './awsClients';
import { CaptureConsumer } from './captureConsumer';
import { chosenEndpoint } from './endpointInErrors';
import { CaptureResources, type CreatedCapture } from './captureResources';
import { CANARY_DETAIL_TYPE, CANARY_SOURCE } from './captureRulePattern';
import { captureNames, resolveRunId, type CaptureNames } from './resourceNames';

export interface CaptureSessionInputs {
  readonly options: ResolvedOptions;
  /** The test file (or any label of the unit being tested), for names, tags and messages. */
  readonly testPath: string;
  readonly workerId?: string;
  /** Injected clients (tests count round trips this way); by default built from the options. */
  readonly clients?: AwsClients;
  readonly clock?: Clock;
  readonly runId?: string;
  readonly log?: Logger;
  /** Where warnings go (capacity reached, kept resources). @default stderr */
  readonly warn?: (message: string) => void;
}

/**
 * One test file's capture, independent of any test runner: create the queue and rule, prove
 * they deliver, consume into a store, scope what each test sees, and tear everything down.
 * The Jest environment is a thin adapter over this class; a Vitest one can be too.
 */
export class CaptureSession {
  readonly names: CaptureNames;
  readonly store: EventStore;
  readonly handle: EventBridgeHandle;
  private readonly options: ResolvedOptions;
  private readonly clients: AwsClients;
  private readonly ownsClients: boolean;
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly warn: (message: string) => void;
  private readonly resources: CaptureResources;
  private consumer: CaptureConsumer | undefined;
  private created: CreatedCapture | undefined;
  private testIndex = 0;
  private inTest = false;
  private canarySeen: (() => void) | undefined;
  private stopping: Promise<{ kept: boolean }> | undefined;
  private readonly putContext: PutContext;

  constructor(private readonly inputs: CaptureSessionInputs) {
    this.options = inputs.options;
    this.putContext = { eventBusName: this.options.eventBusName, ...(this.options.endpoint ? { endpoint: this.options.endpoint } : {}) };
    this.clock = inputs.clock ?? systemClock;
    this.log = inputs.log ?? createLogger('capture');
    this.warn = inputs.warn ?? ((message) => process.stderr.write(`jest-eventbridge: ${message}\n`));
    this.names = captureNames({
      resourcePrefix: this.options.resourcePrefix,
      runId: inputs.runId ?? resolveRunId(),
      workerId: inputs.workerId ?? process.env.JEST_WORKER_ID ?? '0',
      testPath: inputs.testPath,
    });
    this.ownsClients = inputs.clients === undefined;
    this.clients = inputs.clients ?? createAwsClients(this.options);
    const segments = this.options.correlation?.segments;
    this.store = new EventStore({
      now: () => this.clock.now(),
      capacity: this.options.maxStoredEvents,
      ...(segments ? { correlationOf: (event: EventBridgeEvent) => correlationOf(event, segments) } : {}),
      onCapacityReached: (capacity) =>
        this.warn(`${basename(inputs.testPath)} captured more than ${capacity} events; the oldest are being forgotten (raise "maxStoredEvents" if a matcher needs them).`),
    });
    this.resources = new CaptureResources(this.clients, {
      resourceName: this.names.resourceName,
      runId: this.names.runId,
      testFile: inputs.testPath,
      eventBusName: this.options.eventBusName,
      canaryId: this.names.canaryId,
      ...(this.options.region ? { region: this.options.region } : {}),
      ...(this.options.endpoint ? { endpoint: this.options.endpoint } : {}),
      ...(this.options.eventBusArn ? { account: this.options.eventBusArn.account, partition: this.options.eventBusArn.partition } : {}),
      ...(this.options.capturePattern ? { capturePattern: this.options.capturePattern } : {}),
      ...(this.options.correlation ? { correlation: { segments: this.options.correlation.segments, prefix: this.names.correlationPrefix } } : {}),
    });
    this.handle = new EventBridgeHandle({
      eventBusName: this.options.eventBusName,
      testPath: inputs.testPath,
      view: {
        store: this.store,
        clock: this.clock,
        defaultTimeoutMs: this.options.timeout,
        consumerError: () => this.consumer?.lastError,
        describe: () => this.describe(),
        resources: () => ({
          queueName: this.names.resourceName,
          ruleName: this.names.resourceName,
          ...(this.created ? { queueUrl: this.created.queueUrl, ruleArn: this.created.ruleArn } : {}),
        }),
      },
      put: (entries) => this.put(entries),
      currentCorrelationId: () => this.currentCorrelationId(),
    });
  }

  /** Creates the capture and waits until it provably delivers. On failure, call `stop()`. */
  async start(): Promise<void> {
    this.created = await this.resources.create();
    this.log(`created ${this.names.resourceName} with pattern ${JSON.stringify(this.created.rulePattern)}`);
    const canaryArrived = new Promise<void>((resolve) => {
      this.canarySeen = resolve;
    });
    this.consumer = new CaptureConsumer({
      sqs: this.clients.sqs,
      queueUrl: this.created.queueUrl,
      store: this.store,
      clock: this.clock,
      log: this.log,
      onCanary: (event) => {
        if ((event.detail as { canaryId?: unknown }).canaryId === this.names.canaryId) this.canarySeen?.();
      },
    });
    this.consumer.start();
    await this.awaitReadiness(canaryArrived);
    this.store.openWindow();
  }

  /**
   * A new rule can take a moment to start matching, so the canary is put again, with growing
   * gaps, until one arrives or the bound passes. Each put is a real check, not a sleep.
   */
  private async awaitReadiness(arrived: Promise<void>): Promise<void> {
    const started = this.clock.now();
    const deadline = started + this.options.readinessTimeout;
    let gap = 1_000;
    for (;;) {
      try {
        await sendPutEvents(
          this.clients.eventBridge,
          [{ Source: CANARY_SOURCE, DetailType: CANARY_DETAIL_TYPE, Detail: JSON.stringify({ canaryId: this.names.canaryId }), EventBusName: this.options.eventBusName }],
          this.putContext,
        );
      } catch (error) {
        // The SDK has already retried what can be retried: a put that still fails (access
        // denied, say) will not succeed by waiting out the readiness bound.
        throw new CaptureSetupError(
          `jest-eventbridge: the readiness check of ${this.names.resourceName} could not put its canary event. ${error instanceof Error ? error.message : String(error)}`,
          { cause: error },
        );
      }
      const remaining = deadline - this.clock.now();
      if (remaining <= 0) break;
      const outcome = await this.raceTimer(arrived, Math.min(gap, remaining));
      if (outcome === 'arrived') {
        this.log(`ready after ${Math.round(this.clock.now() - started)} ms`);
        return;
      }
      if (this.clock.now() >= deadline) break;
      gap *= 2;
    }
    // The endpoint as the SDK resolved it: the option, AWS_ENDPOINT_URL(_EVENTBRIDGE) or a profile's.
    const endpoint = this.options.endpoint ?? (await chosenEndpoint(this.clients.eventBridge));
    throw new CaptureSetupError(
      [
        `jest-eventbridge: the capture rule ${this.names.resourceName} is not delivering: a readiness event put on bus "${this.options.eventBusName}" did not reach queue ${this.names.resourceName} within ${this.options.readinessTimeout} ms.`,
        'Check that:',
        `  - "eventBusName" is the bus your events go to (it exists: the rule was created on it);`,
        '  - the queue policy admits events.amazonaws.com from the rule (an SCP or permissions boundary can deny it, and a queue encrypted with the AWS-managed KMS key drops deliveries);',
        `  - the endpoint (${endpoint ?? "AWS's own, the SDK default"}) serves EventBridge and SQS together and routes rules to SQS targets (an emulator must);`,
        '  - the consumer can receive from the queue' + (this.consumer?.lastError ? ` (it reports: ${this.consumer.lastError})` : '') + '.',
        'Raise "readinessTimeout" if your account is just slow.',
      ].join('\n'),
    );
  }

  private raceTimer(arrived: Promise<void>, ms: number): Promise<'arrived' | 'timeout'> {
    return new Promise((resolve) => {
      const timer = this.clock.setTimeout(() => resolve('timeout'), ms);
      void arrived.then(() => {
        this.clock.clearTimeout(timer);
        resolve('arrived');
      });
    });
  }

  /** A test begins: it sees only events that arrive from now on (and, with correlation, its own). */
  beginTest(): void {
    this.testIndex += 1;
    this.inTest = true;
    const own = this.currentCorrelationId();
    const fileWide = this.fileCorrelationId();
    this.store.openWindow(
      this.options.correlation ? (captured: CapturedEvent) => captured.correlationId === own || captured.correlationId === fileWide : undefined,
    );
  }

  /** A test ended: hooks that follow (afterEach, afterAll) see what arrives from now on. */
  endTest(): void {
    this.inTest = false;
    this.store.openWindow();
  }

  private fileCorrelationId(): string {
    return `${this.names.correlationPrefix}file`;
  }

  private currentCorrelationId(): string | undefined {
    if (!this.options.correlation) return undefined;
    return this.inTest ? `${this.names.correlationPrefix}t${this.testIndex}` : this.fileCorrelationId();
  }

  private async put(entries: readonly PutEntry[]): Promise<PutResult[]> {
    const correlation = this.options.correlation;
    const id = this.currentCorrelationId();
    const stamped = entries.map((entry, index) =>
      correlation && id !== undefined ? stampCorrelation(entry, correlation.segments, id, index) : { entry, correlationId: undefined },
    );
    const requests = stamped.map(({ entry }, index) => toRequestEntry(entry, index, this.options.eventBusName));
    const ids = await sendPutEvents(this.clients.eventBridge, requests, this.putContext);
    return requests.map((request, index) => {
      const correlationId = stamped[index]?.correlationId;
      return {
        eventId: ids[index] ?? '',
        source: request.Source ?? '',
        detailType: request.DetailType ?? '',
        ...(correlationId !== undefined ? { correlationId } : {}),
      };
    });
  }

  private describe(): string {
    const scope = this.options.correlation ? `, scoped to correlation id ${this.currentCorrelationId()} at ${this.options.correlation.path}` : '';
    return `bus "${this.options.eventBusName}" via queue ${this.names.resourceName}${scope}`;
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
    this.store.close();
    try {
      await this.consumer?.stop();
      if (this.options.keep) {
        this.warn(`keep: true: left queue ${this.names.resourceName} and rule ${this.names.resourceName} on bus "${this.options.eventBusName}" for debugging.`);
        return { kept: true };
      }
      await this.resources.remove();
      return { kept: false };
    } finally {
      if (this.ownsClients) destroyAwsClients(this.clients);
    }
  }
}
