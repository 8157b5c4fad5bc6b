import { messageOf } from '../foundation/realm';
import { stringifyExactJson } from '../foundation/exactJson';
import { basename } from 'node:path';
import { correlationOf, stampCorrelation } from '../core/events/correlation';
import type { EventBridgeEvent } from '../core/events/envelope';
import { toRequestEntry, type PutEntry } from '../core/events/putEntries';
import { sendPutEvents, type PutContext } from '../aws/putEvents';
import { CaptureSetupError } from '../foundation/errors';
import { EventBridgeHandle, type PutResult } from '../handle/EventBridgeHandle';
import { createLogger, createPayloadLogger, type Logger } from '../foundation/log';
import type { ResolvedOptions } from './options/options';
import { systemClock, type Clock } from '../core/store/clock';
import { EventStore } from '../core/store/eventStore';
import { createAwsClients, destroyAwsClients, type AwsClients } from '../aws/awsClients';
import { CaptureConsumer } from '../sources/eventbridge/captureConsumer';
import { chosenEndpoint } from '../aws/endpointInErrors';
import { CaptureResources, type CreatedCapture } from '../sources/eventbridge/captureResources';
import { CANARY_DETAIL_TYPE, CANARY_SOURCE } from '../sources/eventbridge/captureRulePattern';
import { captureNames, resolveRunId, type CaptureNames } from '../sources/eventbridge/resourceNames';
import { ScopeTracker } from '../core/scopes/testScopes';

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
  /** Which test or hook is running, and what it sees; a runner's adapter drives it. */
  readonly scopes: ScopeTracker;
  private readonly options: ResolvedOptions;
  private readonly clients: AwsClients;
  private readonly ownsClients: boolean;
  private readonly clock: Clock;
  private readonly log: Logger;
  private readonly putLog = createLogger('put');
  private readonly payloadLog = createPayloadLogger();
  private readonly warn: (message: string) => void;
  private readonly resources: CaptureResources;
  private consumer: CaptureConsumer | undefined;
  private created: CreatedCapture | undefined;
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
      workerId: inputs.workerId ?? '0',
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
        this.warn(
          `${basename(inputs.testPath)} captured more than ${capacity} events; the oldest are being forgotten (raise "maxStoredEvents" if a matcher needs them).`,
        ),
    });
    this.scopes = new ScopeTracker({
      position: () => this.store.lastSequence,
      now: () => this.clock.now(),
      correlationPrefix: this.options.correlation ? this.names.correlationPrefix : undefined,
      ...(this.options.correlation ? { correlationPath: this.options.correlation.path } : {}),
    });
    this.resources = new CaptureResources(this.clients, {
      resourceName: this.names.resourceName,
      runId: this.names.runId,
      testFile: inputs.testPath,
      eventBusName: this.options.eventBusName,
      canaryId: this.names.canaryId,
      log: this.log,
      ...(this.options.region ? { region: this.options.region } : {}),
      ...(this.options.endpoint ? { endpoint: this.options.endpoint } : {}),
      ...(this.options.eventBusArn ? { account: this.options.eventBusArn.account, partition: this.options.eventBusArn.partition } : {}),
      ...(this.options.capturePattern ? { capturePattern: this.options.capturePattern } : {}),
      ...(this.options.correlation
        ? { correlation: { segments: this.options.correlation.segments, prefix: this.names.correlationPrefix } }
        : {}),
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
        view: () => this.scopes.view(),
        clear: () => this.scopes.clear(),
        ...(this.options.correlation ? { correlationPath: this.options.correlation.path } : {}),
        resources: () => ({
          queueName: this.names.resourceName,
          ruleName: this.names.resourceName,
          ...(this.created ? { queueUrl: this.created.queueUrl, ruleArn: this.created.ruleArn } : {}),
        }),
      },
      put: (entries) => this.put(entries),
      currentCorrelationId: () => this.scopes.currentCorrelationId(),
    });
  }

  /** Creates the capture and waits until it provably delivers. On failure, call `stop()`. */
  async start(): Promise<void> {
    this.created = await this.resources.create();
    // Exact JSON: a capture pattern can hold BigInts (integers beyond 2^53).
    this.log(`created ${this.names.resourceName} with pattern ${stringifyExactJson(this.created.rulePattern) ?? '{}'}`);
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
    this.scopes.open();
  }

  /**
   * A new rule can take a moment to start matching, so the canary is put again, with growing
   * gaps, until one arrives or the bound passes. Each put is a real check, not a sleep.
   */
  private async awaitReadiness(arrived: Promise<void>): Promise<void> {
    const started = this.clock.now();
    const deadline = started + this.options.readinessTimeout;
    let gap = 1_000;
    for (let attempt = 1; ; attempt += 1) {
      this.log(`readiness: putting canary ${attempt} on bus "${this.options.eventBusName}"`);
      try {
        await sendPutEvents(
          this.clients.eventBridge,
          [
            {
              Source: CANARY_SOURCE,
              DetailType: CANARY_DETAIL_TYPE,
              Detail: JSON.stringify({ canaryId: this.names.canaryId }),
              EventBusName: this.options.eventBusName,
            },
          ],
          this.putContext,
        );
      } catch (error) {
        // The SDK has already retried what can be retried: a put that still fails (access
        // denied, say) will not succeed by waiting out the readiness bound.
        throw new CaptureSetupError(
          `jest-eventbridge: the readiness check of ${this.names.resourceName} could not put its canary event. ${messageOf(error)}`,
          { cause: error },
        );
      }
      const remaining = deadline - this.clock.now();
      if (remaining <= 0) break;
      this.log(`readiness: waiting up to ${Math.min(gap, remaining)} ms for canary ${attempt}`);
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

  private async put(entries: readonly PutEntry[]): Promise<PutResult[]> {
    const correlation = this.options.correlation;
    const id = this.scopes.currentCorrelationId();
    const stamped = entries.map((entry, index) =>
      correlation && id !== undefined ? stampCorrelation(entry, correlation.segments, id, index) : { entry, correlationId: undefined },
    );
    const requests = stamped.map(({ entry }, index) => toRequestEntry(entry, index, this.options.eventBusName));
    const ids = await sendPutEvents(this.clients.eventBridge, requests, this.putContext);
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

  private describe(): string {
    const [own, ...enclosing] = this.options.correlation ? this.scopes.visibleCorrelationIds() : [];
    const scope = this.options.correlation
      ? `, scoped to correlation id ${own}${enclosing.length > 0 ? ` and its enclosing blocks' ${enclosing.join(', ')}` : ''} at ${this.options.correlation.path}`
      : '';
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
    const started = this.clock.now();
    this.log(`teardown: ${this.names.resourceName}, events captured: ${this.store.stats.stored}`);
    this.store.close();
    try {
      await this.consumer?.stop();
      this.log('teardown: consumer stopped');
      if (this.options.keep) {
        this.warn(
          `keep: true: left queue ${this.names.resourceName} and rule ${this.names.resourceName} on bus "${this.options.eventBusName}" for debugging.`,
        );
        return { kept: true };
      }
      await this.resources.remove();
      this.log(`teardown: done in ${Math.round(this.clock.now() - started)} ms`);
      return { kept: false };
    } finally {
      if (this.ownsClients) destroyAwsClients(this.clients);
    }
  }
}
