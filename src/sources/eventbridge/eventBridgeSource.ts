import type { PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { messageOf } from '../../foundation/realm';
import { stringifyExactJson } from '../../foundation/exactJson';
import { CaptureSetupError } from '../../foundation/errors';
import type { Logger } from '../../foundation/log';
import { raceTimer, TIMED_OUT } from '../../foundation/timers';
import type { EventBridgeEvent } from '../../core/events/envelope';
import { compilePattern, type CompiledPattern } from '../../core/pattern/compilePattern';
import type { Clock } from '../../core/store/clock';
import type { CaptureResourceNames } from '../../core/matchers/captureView';
import type { EventBusArn } from '../../aws/arns';
import type { AwsClients } from '../../aws/awsClients';
import { chosenEndpoint } from '../../aws/endpointInErrors';
import { sendPutEvents, type PutContext } from '../../aws/putEvents';
import type { CaptureSource, EventSink } from '../source';
import { CaptureConsumer } from './captureConsumer';
import { CaptureResources, type CreatedCapture } from './captureResources';
import { CANARY_DETAIL_TYPE, CANARY_SOURCE, HAND_OVER_FIELD } from './captureRulePattern';
import type { CaptureNames } from './resourceNames';

/** What the EventBridge source needs to know: the options that concern it, and one file's names. */
export interface EventBridgeSourceSpec {
  readonly clients: AwsClients;
  readonly names: CaptureNames;
  /** The test file, for tags, descriptions and messages. */
  readonly testPath: string;
  readonly eventBusName: string;
  /** The bus's account and region when it was given as an ARN. */
  readonly eventBusArn?: EventBusArn;
  readonly region?: string;
  readonly endpoint?: string;
  readonly capturePattern?: Readonly<Record<string, unknown>>;
  /**
   * With `mirrorRule`: reads the mirrored rule's pattern, which the capture then uses in place
   * of `capturePattern`. Called once by `create()`, before anything is created, so a rule that
   * cannot be mirrored leaves nothing behind.
   */
  readonly mirroredPattern?: () => Promise<Readonly<Record<string, unknown>>>;
  /** Where correlation ids are stamped, when correlation scoping is on. */
  readonly correlationSegments?: readonly string[];
  /** Whether the capture serves one file or every file of a worker (`captureScope`). @default 'file' */
  readonly captureScope?: 'file' | 'worker';
  /** How long `proveDelivery()` waits for the canary, in ms. */
  readonly readinessTimeout: number;
  readonly clock: Clock;
  readonly log: Logger;
}

/**
 * Events put on an EventBridge bus, captured by a rule whose target is an SQS queue of the
 * file's own. Readiness is a canary event (its source and detail-type reserved for the library)
 * that the rule forwards and the consumer diverts instead of storing: nothing outside this
 * folder knows it exists.
 */
export class EventBridgeSource implements CaptureSource {
  private readonly queueAndRule: CaptureResources;
  private readonly putContext: PutContext;
  private consumer: CaptureConsumer | undefined;
  private created: CreatedCapture | undefined;
  private canarySeen: (() => void) | undefined;
  /** With a mirrored rule: its own pattern, which every captured event must match. */
  private mirrorCheck: CompiledPattern | undefined;
  private readonly canaryArrived: Promise<void>;
  /**
   * The service's clock minus ours (`clock.now()`), at most: the own canary's `SentTimestamp` less
   * our time on receiving it, which is the true offset less the delivery's latency (SQS enqueued
   * it before we received it). Erring low only lets in more. Known once the canary came.
   */
  private serviceClockOffset: number | undefined;

  constructor(private readonly spec: EventBridgeSourceSpec) {
    const { names } = spec;
    this.putContext = { eventBusName: spec.eventBusName, ...(spec.endpoint ? { endpoint: spec.endpoint } : {}) };
    this.canaryArrived = new Promise<void>((resolve) => {
      this.canarySeen = resolve;
    });
    this.queueAndRule = new CaptureResources(spec.clients, {
      resourceName: names.resourceName,
      runId: names.runId,
      testFile: spec.testPath,
      eventBusName: spec.eventBusName,
      canaryId: names.canaryId,
      log: spec.log,
      captureScope: spec.captureScope ?? 'file',
      ...(spec.region ? { region: spec.region } : {}),
      ...(spec.endpoint ? { endpoint: spec.endpoint } : {}),
      ...(spec.eventBusArn ? { account: spec.eventBusArn.account, partition: spec.eventBusArn.partition } : {}),
      ...(spec.capturePattern ? { capturePattern: spec.capturePattern } : {}),
      ...(spec.correlationSegments ? { correlation: { segments: spec.correlationSegments, prefix: names.correlationPrefix } } : {}),
    });
  }

  get correlationPrefix(): string {
    return this.spec.names.correlationPrefix;
  }

  async create(): Promise<void> {
    const pattern = this.spec.mirroredPattern ? await this.spec.mirroredPattern() : this.spec.capturePattern;
    // The capture rule puts the correlation prefix where the mirrored rule had its own condition
    // on that field: each event is checked against the rule's own pattern, so the capture shows
    // exactly what the rule routes.
    if (this.spec.mirroredPattern && pattern !== undefined) this.mirrorCheck = compilePattern(pattern);
    this.created = await this.queueAndRule.create(pattern);
    // Exact JSON: a capture pattern can hold BigInts (integers beyond 2^53).
    this.spec.log(`created ${this.spec.names.resourceName} with pattern ${stringifyExactJson(this.created.rulePattern) ?? '{}'}`);
  }

  /**
   * @param reuse for a capture the files of a worker share:
   *   - `since`: with a capture reused by a later file, that file's start (`clock.now()`); what
   *     SQS provably enqueued before it is dropped unread. Needs `proveDelivery()` to have
   *     succeeded once (it learns the service's clock from the canary); otherwise nothing is dropped.
   *   - `waitTimeSeconds`: a shorter long poll, so that `stopDelivering('settle')` is quick;
   *   - `log`: the file's own debug log, for its consumer's lines.
   */
  deliverTo(sink: EventSink, reuse: { readonly since?: number; readonly waitTimeSeconds?: number; readonly log?: Logger } = {}): void {
    if (!this.created) throw new Error('EventBridgeSource.deliverTo() before create()');
    const offset = this.serviceClockOffset;
    const { since, waitTimeSeconds } = reuse;
    this.consumer = new CaptureConsumer({
      ...(since !== undefined && offset !== undefined ? { sentSince: sentSinceOf(since, offset) } : {}),
      ...(waitTimeSeconds !== undefined ? { waitTimeSeconds } : {}),
      sqs: this.spec.clients.sqs,
      queueUrl: this.created.queueUrl,
      store: sink,
      clock: this.spec.clock,
      log: reuse.log ?? this.spec.log,
      divert: (event, sentAt) => this.divertCanary(event, sentAt),
    });
    this.consumer.start();
  }

  /**
   * Canaries are never stored: this file's settles readiness, another file's is dropped. With a
   * mirrored rule, neither is an event its own pattern does not match.
   */
  private divertCanary(event: EventBridgeEvent, sentAt: number | undefined): boolean {
    if (event.source !== CANARY_SOURCE) {
      if (this.mirrorCheck === undefined || this.mirrorCheck.matches(event)) return false;
      this.spec.log(`dropped ${event.id}: the mirrored rule's own pattern does not match it`);
      return true;
    }
    if ((event.detail as { canaryId?: unknown }).canaryId === this.spec.names.canaryId) {
      if (sentAt !== undefined && this.serviceClockOffset === undefined) this.serviceClockOffset = sentAt - this.spec.clock.now();
      this.canarySeen?.();
    }
    return true;
  }

  /**
   * The readiness canary, as a PutEvents entry: only this capture's rule forwards it. `handOver`:
   * one that only wakes a file's last receive (told apart for whoever counts readiness proofs).
   */
  private canaryEntry(handOver = false): PutEventsRequestEntry {
    return {
      Source: CANARY_SOURCE,
      DetailType: CANARY_DETAIL_TYPE,
      Detail: JSON.stringify({ canaryId: this.spec.names.canaryId, ...(handOver ? { [HAND_OVER_FIELD]: true } : {}) }),
      EventBusName: this.spec.eventBusName,
    };
  }

  /**
   * A new rule can take a moment to start matching, so the canary is put again, with growing
   * gaps, until one arrives or the bound passes. Each put is a real check, not a sleep.
   */
  async proveDelivery(): Promise<void> {
    const { spec } = this;
    const { clock, log, names, eventBusName, readinessTimeout } = spec;
    const started = clock.now();
    const deadline = started + readinessTimeout;
    let gap = 1_000;
    for (let attempt = 1; ; attempt += 1) {
      log(`readiness: putting canary ${attempt} on bus "${eventBusName}"`);
      try {
        await sendPutEvents(spec.clients.eventBridge, [this.canaryEntry()], this.putContext);
      } catch (error) {
        // The SDK has already retried what can be retried: a put that still fails (access
        // denied, say) will not succeed by waiting out the readiness bound.
        throw new CaptureSetupError(
          `jest-eventbridge: the readiness check of ${names.resourceName} could not put its canary event. ${messageOf(error)}`,
          { cause: error },
        );
      }
      const remaining = deadline - clock.now();
      if (remaining <= 0) break;
      log(`readiness: waiting up to ${Math.min(gap, remaining)} ms for canary ${attempt}`);
      const outcome = await raceTimer(this.canaryArrived, Math.min(gap, remaining), { timers: clock });
      if (outcome !== TIMED_OUT) {
        log(`ready after ${Math.round(clock.now() - started)} ms`);
        return;
      }
      if (clock.now() >= deadline) break;
      gap *= 2;
    }
    // The endpoint as the SDK resolved it: the option, AWS_ENDPOINT_URL(_EVENTBRIDGE) or a profile's.
    const endpoint = spec.endpoint ?? (await chosenEndpoint(spec.clients.eventBridge));
    throw new CaptureSetupError(
      [
        `jest-eventbridge: the capture rule ${names.resourceName} is not delivering: a readiness event put on bus "${eventBusName}" did not reach queue ${names.resourceName} within ${readinessTimeout} ms.`,
        'Check that:',
        `  - "eventBusName" is the bus your events go to (it exists: the rule was created on it);`,
        '  - the queue policy admits events.amazonaws.com from the rule (an SCP or permissions boundary can deny it, and a queue encrypted with the AWS-managed KMS key drops deliveries);',
        `  - the endpoint (${endpoint ?? "AWS's own, the SDK default"}) serves EventBridge and SQS together and routes rules to SQS targets (an emulator must);`,
        '  - the consumer can receive from the queue' + (this.deliveryError ? ` (it reports: ${this.deliveryError})` : '') + '.',
        'Raise "readinessTimeout" if your account is just slow.',
      ].join('\n'),
    );
  }

  describe(): string {
    return `bus "${this.spec.eventBusName}" via queue ${this.spec.names.resourceName}`;
  }

  describeResources(): string {
    const name = this.spec.names.resourceName;
    return `queue ${name} and rule ${name} on bus "${this.spec.eventBusName}"`;
  }

  resources(): CaptureResourceNames {
    const name = this.spec.names.resourceName;
    return {
      queueName: name,
      ruleName: name,
      ...(this.created ? { queueUrl: this.created.queueUrl, ruleArn: this.created.ruleArn } : {}),
    };
  }

  get deliveryError(): string | undefined {
    return this.consumer?.lastError;
  }

  /**
   * @param how `'settle'` for a capture the next file reuses (see CaptureConsumer.stop): a canary
   *   is put too, so the receive in flight returns as soon as it arrives rather than at the end of
   *   its wait (a canary is never stored; one that comes after is dropped by the next file).
   * @default 'abort'
   */
  async stopDelivering(how: 'abort' | 'settle' = 'abort'): Promise<void> {
    const consumer = this.consumer;
    if (consumer === undefined) return;
    if (how === 'abort') return consumer.stop('abort');
    const stopped = consumer.stop('settle');
    await Promise.all([
      stopped,
      // Only a shortcut: if the put fails, the receive ends at its wait all the same.
      sendPutEvents(this.spec.clients.eventBridge, [this.canaryEntry(true)], this.putContext).catch((error: unknown) =>
        this.spec.log(`could not wake the last receive: ${messageOf(error)}`),
      ),
    ]);
  }

  remove(): Promise<void> {
    return this.queueAndRule.remove();
  }

  /** Tags the queue and rule as in use now (a worker's capture taken up by another file); see CaptureResources. */
  markInUse(at: Date = new Date()): Promise<void> {
    return this.queueAndRule.markInUse(at);
  }
}

/**
 * The `SentTimestamp` (the service's epoch ms) before which a message was provably enqueued
 * before `since` (our clock): with `offset` at most the true offset, a message enqueued at our
 * time T has SentTimestamp = T + true offset >= T + offset, so one below `since + offset` came
 * before `since`. Messages in the gap (a delivery's latency) are kept.
 */
export function sentSinceOf(since: number, offset: number): number {
  return Math.floor(since + offset);
}
