import type { PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import type { MatcherOutcome, OutcomeRecorder } from '../../core/matchers/captureView';
import { FILE_PART_FORMAT, type FilePart, type RecordedTest } from '../../core/report/filePart';
import { pathsMatched, redactDelivered, redactDetail, redactEnvelope, scrubText, secretTexts, valuesAt } from '../../core/report/redact';
import { errorText, plainText } from '../../core/report/reportText';
import type { CapturedEntry, InvocationEntry, MatcherEntry, PutEntry, TimelineEntry } from '../../core/report/reportModel';
import type { EventView, Scope } from '../../core/scopes/testScopes';
import type { Clock } from '../../core/store/clock';
import type { CapturedEvent, EventStore } from '../../core/store/eventStore';
import { parseExactJson } from '../../foundation/exactJson';
import type { InvocationRecord } from '../../local/stackModel';

/** What a test did, as it happened; times on the session's clock. */
interface TestRecord {
  readonly scope: Scope;
  readonly puts: { readonly at: number; readonly entry: PutEntry }[];
  readonly matchers: { readonly at: number; readonly entry: MatcherEntry }[];
  /** Set when the runner said the test ended: what it saw, up to which arrival. */
  end?: { readonly at: number; readonly view: EventView | undefined; readonly upTo: number };
}

export interface FileRecorderInputs {
  readonly clock: Clock;
  /** Paths in `detail` to mask, validated (`detail.a.b`). */
  readonly redact: readonly string[];
  /** Most puts recorded for the file (the store's `maxStoredEvents`): later ones are counted, not kept. */
  readonly maxPuts?: number;
}

/** One `put()` call's entries, for the report. */
export interface RecordedPut {
  /** The scope that put them; undefined when it cannot be told (their secrets are still collected). */
  readonly scope: Scope | undefined;
  /** As sent, before redaction. */
  readonly requests: readonly PutEventsRequestEntry[];
  /** The ids EventBridge gave them ('' for a refused entry; none when the call threw). */
  readonly ids: readonly string[];
  readonly correlationIds: readonly (string | undefined)[];
  /** When they were sent, on the session's clock. */
  readonly at: number;
  /** Why the call failed (EventBridge refused entries, the request failed): every entry carries it. */
  readonly error?: unknown;
}

/** What the part needs from the session at teardown. */
export interface PartInputs {
  readonly testPath: string;
  readonly eventBusName: string;
  readonly store: EventStore;
  /** With local flows, every invocation attempt the file's follower saw; else empty. */
  readonly invocations: readonly InvocationRecord[];
  /** Why the capture could not be set up, if it could not. */
  readonly error?: unknown;
  /**
   * The view of a test the runner never said ended (Jest's `test.concurrent` tests run outside
   * the circus events that would say it), when one can be told without that: with correlation
   * scoping, a test sees the events carrying its ids, whenever they arrived. Absent: such a test
   * lists no captured events.
   */
  readonly viewOfUnended?: (scope: Scope) => EventView;
}

function detailOf(request: PutEventsRequestEntry): unknown {
  if (request.Detail === undefined) return undefined;
  try {
    return parseExactJson(request.Detail);
  } catch {
    return request.Detail;
  }
}

/**
 * Records, for the event report, what each test of one file did: its puts and matcher verdicts
 * as they happen, and when it ends, the view it had (not the events: those stay in the store,
 * within its bounds, until the part is written). Only tests are recorded; a hook's puts belong
 * to no test, but the texts of their masked values are collected like every other's. A session
 * builds one only while a report is wanted.
 */
export class FileRecorder {
  private readonly tests = new Map<Scope, TestRecord>();
  /** Epoch ms minus clock ms: the session's clock is monotonic, the report's times are epoch. */
  private readonly epochOffset: number;
  private readyAt: number | undefined;
  /**
   * The texts of the values `redact` masked, in every put and every event the store received
   * (forgotten ones too): the reporter masks them in the runner's failure messages.
   */
  private readonly secrets = new Set<string>();
  /** The `redact` paths that found a value in this file. */
  private readonly matched = new Set<string>();
  private putsKept = 0;
  private putsForgotten = 0;

  constructor(private readonly inputs: FileRecorderInputs) {
    this.epochOffset = Date.now() - inputs.clock.now();
  }

  /** The capture is ready: the file's start in the report. */
  ready(): void {
    this.readyAt = this.inputs.clock.now();
  }

  /**
   * Collects the masked values' texts of every event the store receives, as it receives them: an
   * event the store later forgets may still be printed in a runner's failure message.
   * @returns stops watching
   */
  watch(store: EventStore): () => void {
    if (this.inputs.redact.length === 0) return () => undefined;
    return store.subscribe((added) => {
      for (const { event } of added) this.keepSecrets(event.detail);
    });
  }

  /**
   * Entries a scope put (as sent, before redaction), with the ids EventBridge gave them, or the
   * error the call failed with. Up to `maxPuts` entries per file are kept; the rest are counted.
   */
  put(put: RecordedPut): void {
    const details = put.requests.map(detailOf);
    for (const detail of details) this.keepSecrets(detail);
    const test = put.scope === undefined ? undefined : this.testOf(put.scope);
    if (test === undefined) return;
    const error = put.error === undefined ? undefined : this.scrub(errorText(put.error));
    put.requests.forEach((request, index) => {
      if (this.putsKept >= (this.inputs.maxPuts ?? Number.POSITIVE_INFINITY)) {
        this.putsForgotten += 1;
        return;
      }
      this.putsKept += 1;
      const correlationId = put.correlationIds[index];
      const detail = redactDetail(details[index], this.inputs.redact);
      test.puts.push({
        at: put.at,
        entry: {
          kind: 'put',
          offsetMs: 0,
          eventId: put.ids[index] ?? '',
          source: request.Source ?? '',
          detailType: request.DetailType ?? '',
          ...(correlationId !== undefined ? { correlationId } : {}),
          entry: { ...request, ...(detail !== undefined ? { Detail: detail } : {}) },
          ...(error !== undefined ? { error } : {}),
        },
      });
    });
  }

  /**
   * What a waiting matcher records its verdict with, bound to `scope`, the scope running when it
   * was called (a verdict is filed under that test even when another runs by the time it ends).
   * Its masks are what the report's copy of a failure message is built from, so that copy never
   * holds a masked value.
   */
  outcomeRecorder(scope: Scope | undefined): OutcomeRecorder {
    const redact = this.inputs.redact;
    return {
      maskEvent: (captured) =>
        redact.length === 0
          ? captured
          : {
              ...captured,
              event: redactEnvelope(captured.event, redact) as CapturedEvent['event'],
              ...('delivered' in captured ? { delivered: this.maskDelivered(captured.delivered) } : {}),
            },
      maskExpected: (value) => redactEnvelope(value, redact),
      maskNotes: (text) => this.scrub(text),
      record: (outcome) => {
        if (scope !== undefined) this.outcome(scope, outcome);
      },
    };
  }

  /** A waiting matcher's verdict, in the scope that called it. */
  outcome(scope: Scope, outcome: MatcherOutcome): void {
    const test = this.testOf(scope);
    if (test === undefined) return;
    test.matchers.push({
      at: outcome.startedAt,
      entry: {
        kind: 'matcher',
        offsetMs: 0,
        durationMs: Math.round(outcome.waitedMs),
        matcher: outcome.matcher,
        isNot: outcome.isNot,
        expected: plainText(outcome.expected),
        windowMs: outcome.windowMs,
        verdict: outcome.passed ? 'pass' : 'fail',
        ...(outcome.message !== undefined ? { message: plainText(outcome.message) } : {}),
        ...(outcome.nearest
          ? {
              nearest: {
                eventId: outcome.nearest.eventId,
                reasons: outcome.nearest.reasons.map(plainText),
                format: outcome.nearest.format,
              },
            }
          : {}),
      },
    });
  }

  /**
   * The runner says the test ended (after its afterEach hooks): keep its view (undefined when it
   * has none, a concurrent test without correlation) and the last arrival it could have seen.
   */
  testEnded(scope: Scope, view: EventView | undefined, upTo: number): void {
    const test = this.testOf(scope);
    if (test !== undefined) test.end = { at: this.inputs.clock.now(), view, upTo };
  }

  /**
   * The file's part: every recorded test with its timeline, the events from what the store holds
   * now, and the texts of the values `redact` masked (for the runner's messages, which the
   * reporter masks: this file's tests' matcher messages in the part are built masked already).
   */
  part(inputs: PartInputs): FilePart {
    const now = this.inputs.clock.now();
    const captured = inputs.store.captured();
    // The store's own events too, for a recorder that did not watch it from the start.
    for (const { event } of captured) this.keepSecrets(event.detail);
    const tests = [...this.tests.values()].map((test) => this.recordedTest(test, captured, inputs));
    return {
      partFormat: FILE_PART_FORMAT,
      testPath: inputs.testPath,
      eventBusName: inputs.eventBusName,
      ...(this.readyAt !== undefined ? { startedAt: this.epoch(this.readyAt), durationMs: Math.round(now - this.readyAt) } : {}),
      ...(inputs.error !== undefined ? { error: this.scrub(errorText(inputs.error)) } : {}),
      eventsForgotten: inputs.store.stats.forgotten,
      ...(this.putsForgotten > 0 ? { putsForgotten: this.putsForgotten } : {}),
      ...(this.secrets.size > 0 ? { secrets: [...this.secrets] } : {}),
      redactMatched: [...this.matched],
      writtenAt: Date.now(),
      tests,
    };
  }

  private recordedTest(test: TestRecord, stored: readonly CapturedEvent[], inputs: PartInputs): RecordedTest {
    const start = test.scope.startedTime;
    const offset = (at: number): number => Math.round(at - start);
    const { end } = test;
    const view = end === undefined ? inputs.viewOfUnended?.(test.scope) : end.view;
    const upTo = end?.upTo ?? Number.POSITIVE_INFINITY;
    const seen = view === undefined ? [] : stored.filter((captured) => captured.sequence <= upTo && view.isVisible(captured));
    const captured = seen.map((event): TimelineEntry => ({ ...this.capturedEntry(event), offsetMs: offset(event.arrivedAt) }));
    const ids = new Set([...test.puts.map((put) => put.entry.eventId), ...seen.map((event) => event.event.id)]);
    const startEpoch = this.epoch(start);
    const invoked = inputs.invocations
      .filter((record) => ids.has(record.eventId))
      .map((record): InvocationEntry => this.invocationEntry(record, Math.round(record.startedAt - startEpoch)));
    const timeline: TimelineEntry[] = [
      ...test.puts.map(({ at, entry }) => ({ ...entry, offsetMs: offset(at) })),
      ...captured,
      ...invoked,
      ...test.matchers.map(({ at, entry }) => ({ ...entry, offsetMs: offset(at) })),
    ];
    return {
      title: test.scope.name,
      ancestors: ancestorsOf(test.scope),
      startedAt: startEpoch,
      ...(end !== undefined ? { durationMs: Math.round(end.at - start) } : {}),
      timeline: timeline.sort((a, b) => a.offsetMs - b.offsetMs),
    };
  }

  private capturedEntry(captured: CapturedEvent): CapturedEntry {
    const { event } = captured;
    const redact = this.inputs.redact;
    return {
      kind: 'captured',
      offsetMs: 0,
      eventId: event.id,
      source: event.source,
      detailType: event['detail-type'],
      ...(captured.correlationId !== undefined ? { correlationId: captured.correlationId } : {}),
      event: redactEnvelope(event, redact),
      ...('delivered' in captured ? { delivered: this.maskDelivered(captured.delivered) } : {}),
    };
  }

  /**
   * What a mirrored target received, masked at the paths, and the secret texts masked in its
   * strings: an InputTransformer's template may have put a masked value into a text.
   */
  private maskDelivered(delivered: unknown): unknown {
    return scrubStrings(redactDelivered(delivered, this.inputs.redact), (text) => this.scrub(text));
  }

  private keepSecrets(detail: unknown): void {
    if (this.inputs.redact.length === 0) return;
    for (const path of pathsMatched(detail, this.inputs.redact)) this.matched.add(path);
    for (const value of valuesAt(detail, this.inputs.redact)) for (const text of secretTexts(value)) this.secrets.add(text);
  }

  /** Text this library did not build (an error a handler threw, a target's text) with the secret texts masked. */
  private scrub(text: string): string {
    return this.secrets.size === 0 ? text : scrubText(text, this.secrets);
  }

  private invocationEntry(record: InvocationRecord, offsetMs: number): InvocationEntry {
    const { error } = record;
    return {
      kind: 'invocation',
      offsetMs,
      durationMs: record.durationMs,
      functionName: record.functionName,
      logicalId: record.logicalId,
      requestId: record.requestId,
      eventId: record.eventId,
      ruleName: record.ruleName,
      attempt: record.attempt,
      attempts: record.attempts,
      outcome: record.outcome,
      ...(error !== undefined
        ? {
            error: {
              name: error.name,
              message: this.scrub(error.message),
              ...(error.stack !== undefined ? { stack: this.scrub(error.stack) } : {}),
            },
          }
        : {}),
    };
  }

  private testOf(scope: Scope): TestRecord | undefined {
    if (scope.kind !== 'test') return undefined;
    let test = this.tests.get(scope);
    if (test === undefined) {
      test = { scope, puts: [], matchers: [] };
      this.tests.set(scope, test);
    }
    return test;
  }

  private epoch(at: number): number {
    return Math.round(at + this.epochOffset);
  }
}

/** The enclosing blocks' names, outermost first, without the file's top level. */
function ancestorsOf(scope: Scope): string[] {
  const names: string[] = [];
  for (let block = scope.block; block.parent !== undefined; block = block.parent) names.unshift(block.name);
  return names;
}

/** `value` with `scrub` applied to every string in it (through arrays and objects); the same value when nothing changed. */
function scrubStrings(value: unknown, scrub: (text: string) => string): unknown {
  if (typeof value === 'string') return scrub(value);
  if (Array.isArray(value)) {
    const items = value.map((item: unknown) => scrubStrings(item, scrub));
    return items.some((item, index) => item !== value[index]) ? items : value;
  }
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value).map(([key, inner]): [string, unknown] => [key, scrubStrings(inner, scrub)]);
  return entries.some(([key, inner]) => inner !== (value as Record<string, unknown>)[key]) ? Object.fromEntries(entries) : value;
}
