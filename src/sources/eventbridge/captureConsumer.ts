import { stringifyExactJson } from '../../foundation/exactJson';
import { DeleteMessageBatchCommand, ReceiveMessageCommand, type Message, type SQSClient } from '@aws-sdk/client-sqs';
import type { EventBridgeEvent } from '../../core/events/envelope';
import { parseEnvelope } from '../../core/events/envelope';
import type { Clock } from '../../core/store/clock';
import type { EventSink } from '../source';
import { describeAwsError, isAbort } from '../../aws/awsErrors';
import { createLogger, createPayloadLogger, type Logger } from '../../foundation/log';

export interface ConsumerOptions {
  readonly sqs: SQSClient;
  readonly queueUrl: string;
  /** Where decoded events go (the session's store). */
  readonly store: EventSink;
  readonly clock: Clock;
  readonly log: Logger;
  /** Each event received (id, source, detail-type). @default the `jest-eventbridge:events` debug log */
  readonly eventLog?: Logger;
  /** Each event's detail. @default the `jest-eventbridge:payload` debug log */
  readonly payloadLog?: Logger;
  /**
   * Offered each decoded event first, with when SQS enqueued it (`SentTimestamp`, epoch ms of the
   * service's clock, when SQS gave it): true takes it out of the capture (the source's own probe
   * events, which the store must never see). @default none diverted
   */
  readonly divert?: (event: EventBridgeEvent, sentAt: number | undefined) => boolean;
  /**
   * Messages SQS enqueued before this (epoch ms of the service's clock, compared with their
   * `SentTimestamp`) are deleted unread: a capture reused by a later test file holds what arrived
   * between files, which belongs to none of this file's tests. @default none dropped
   */
  readonly sentSince?: number;
  /** Long-poll wait per receive, in seconds (SQS allows 0–20). @default 20 */
  readonly waitTimeSeconds?: number;
  /** How long a received message stays hidden before SQS hands it out again, in seconds. @default 5 */
  readonly visibilityTimeoutSeconds?: number;
}

/** Longest pause between receives after consecutive errors. */
const MAX_BACKOFF_MS = 2_000;

/**
 * Visibility timeout asked for on each receive, in place of the queue's default of 30 s. When a
 * receive's answer is lost on the way back (a reset connection, which the SDK retries as a new
 * receive), SQS has already hidden those messages: they come back only when this runs out. At
 * 30 s that is longer than a matcher's default 10 s window, so the events would miss the test
 * that waits for them. A short timeout is safe: the consumer stores a message as soon as it is
 * received, so the only cost is that a delete slower than this (retried under throttling, say)
 * lets the message come back once more, and the store drops that copy by its event id.
 */
const VISIBILITY_TIMEOUT_SECONDS = 5;

/**
 * Moves messages from the capture queue into the store: long-polls 10 at a time, parses each
 * body, stores envelopes (the store drops duplicate ids), and deletes what it read in one batch
 * call that runs while the next receive is already waiting. There is no sleep between receives:
 * a long poll returns the moment a message arrives, so waiting matchers are woken at once.
 */
export class CaptureConsumer {
  private readonly abort = new AbortController();
  /** Set by `stop('settle')`: the receive in flight ends by itself, and what it brings is nobody's. */
  private ending = false;
  private loop: Promise<void> | undefined;
  private readonly pendingDeletes = new Set<Promise<void>>();
  private failures = 0;
  private lastErrorText: string | undefined;
  private readonly eventLog: Logger;
  private readonly payloadLog: Logger;

  constructor(private readonly options: ConsumerOptions) {
    this.eventLog = options.eventLog ?? createLogger('events');
    this.payloadLog = options.payloadLog ?? createPayloadLogger();
  }

  start(): void {
    this.loop ??= this.run();
  }

  /** The latest receive error, while receives keep failing: matchers quote it in messages. */
  get lastError(): string | undefined {
    return this.failures > 0 ? this.lastErrorText : undefined;
  }

  /**
   * Stops receiving, then settles pending deletes.
   * - `'abort'` (a queue about to be deleted, a signal): aborts the long poll in flight at once.
   * - `'settle'` (a queue the next file reuses): lets the receive in flight end by itself (within
   *   `waitTimeSeconds`), and deletes unread what it brings. An aborted long poll is abandoned
   *   only on our side: SQS keeps it open for the rest of its wait and hands it the next message,
   *   which then stays hidden for the visibility timeout, and the next file would wait that long
   *   for its first event. Whatever the final receive brings was enqueued before the next file
   *   began, so the next file would drop it anyway.
   */
  async stop(how: 'abort' | 'settle' = 'abort'): Promise<void> {
    this.ending = true;
    if (how === 'abort') this.abort.abort();
    await this.loop;
    await Promise.allSettled([...this.pendingDeletes]);
  }

  private async run(): Promise<void> {
    const { sqs, queueUrl, log } = this.options;
    const signal = this.abort.signal;
    while (!signal.aborted && !this.ending) {
      try {
        const output = await sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: queueUrl,
            MaxNumberOfMessages: 10,
            WaitTimeSeconds: this.options.waitTimeSeconds ?? 20,
            VisibilityTimeout: this.options.visibilityTimeoutSeconds ?? VISIBILITY_TIMEOUT_SECONDS,
            // When SQS enqueued each message: a reused capture drops what came before its file.
            // Both names: SDKs before SQS's JSON protocol (the 3.428 floor) know only the
            // deprecated AttributeNames (typed for queue attributes now, so 'All', which SQS
            // reads as every message system attribute), and drop a field their model lacks.
            MessageSystemAttributeNames: ['SentTimestamp'],
            AttributeNames: ['All'],
          }),
          { abortSignal: signal },
        );
        this.failures = 0;
        const messages = output.Messages ?? [];
        if (messages.length > 0) {
          this.deleteLater(messages);
          if (this.ending) log(`dropped ${messages.length} message${messages.length === 1 ? '' : 's'} received after the file ended`);
          else this.accept(messages);
        }
      } catch (error) {
        if (signal.aborted || isAbort(error)) break;
        this.failures += 1;
        this.lastErrorText = describeAwsError(error, { action: 'Receiving from the capture queue' });
        log(`receive failed (${this.failures} in a row): ${this.lastErrorText}`);
        await this.pause(Math.min(MAX_BACKOFF_MS, 50 * 2 ** this.failures));
      }
    }
  }

  private accept(messages: readonly Message[]): void {
    const events: EventBridgeEvent[] = [];
    const { sentSince } = this.options;
    let early = 0;
    for (const message of messages) {
      const sentAt = sentTimestampOf(message);
      if (sentSince !== undefined && sentAt !== undefined && sentAt < sentSince) {
        early += 1;
        continue;
      }
      const parsed = parseEnvelope(message.Body);
      if (!parsed.ok) {
        this.options.store.reject(message.Body ?? '', parsed.reason);
        this.options.log(`kept a message that is not an EventBridge event: ${parsed.reason}`);
      } else if (this.options.divert?.(parsed.event, sentAt) !== true) {
        events.push(parsed.event);
        this.eventLog(`received ${parsed.event.id} ${parsed.event.source} ${parsed.event['detail-type']}`);
        // Exact JSON: a detail can hold BigInts (integers beyond 2^53), which JSON.stringify refuses.
        this.payloadLog(`received ${parsed.event.id} detail ${stringifyExactJson(parsed.event.detail) ?? '{}'}`);
      }
    }
    if (early > 0) this.options.log(`dropped ${early} message${early === 1 ? '' : 's'} enqueued before this file started`);
    if (events.length > 0) this.options.store.add(events);
  }

  private deleteLater(messages: readonly Message[]): void {
    const entries = messages
      .filter((m) => m.ReceiptHandle)
      .map((m, index) => ({ Id: String(index), ReceiptHandle: m.ReceiptHandle as string }));
    if (entries.length === 0) return;
    // Not awaited before the next receive: the delete overlaps the next long poll. A delete
    // that fails only means a redelivery later, which the store drops by event id.
    const pending: Promise<void> = this.options.sqs
      .send(new DeleteMessageBatchCommand({ QueueUrl: this.options.queueUrl, Entries: entries }))
      .then(
        (output) => {
          if (output.Failed?.length)
            this.options.log(`${output.Failed.length} message deletes failed; redeliveries will be dropped as duplicates`);
        },
        (error: unknown) => this.options.log(`message delete failed: ${describeAwsError(error, { action: 'DeleteMessageBatch' })}`),
      )
      .finally(() => this.pendingDeletes.delete(pending));
    this.pendingDeletes.add(pending);
  }

  private pause(ms: number): Promise<void> {
    const { clock } = this.options;
    const signal = this.abort.signal;
    return new Promise((resolve) => {
      const onAbort = (): void => {
        clock.clearTimeout(timer);
        resolve();
      };
      const timer = clock.setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }
}

/** The message's `SentTimestamp` attribute (epoch ms), when SQS sent a valid one. */
function sentTimestampOf(message: Message): number | undefined {
  const text = message.Attributes?.SentTimestamp;
  if (text === undefined) return undefined;
  const value = Number(text);
  return Number.isFinite(value) ? value : undefined;
}
