import type { PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import type { MatcherOutcome } from '../../core/matchers/captureView';
import { FILE_PART_FORMAT, type FilePart, type RecordedTest } from '../../core/report/filePart';
import { plainText } from '../../core/report/joinReport';
import { redactDelivered, redactDetail, redactEnvelope, scrubText, secretTexts, valuesAt } from '../../core/report/redact';
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

function errorText(error: unknown): string {
  return plainText(error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error));
}

/**
 * Records, for the event report, what each test of one file did: its puts and matcher verdicts
 * as they happen, and when it ends, the view it had (not the events: those stay in the store,
 * within its bounds, until the part is written). Only tests are recorded; a hook's puts belong
 * to no test. A session builds one only while a report is wanted.
 */
export class FileRecorder {
  private readonly tests = new Map<Scope, TestRecord>();
  /** Epoch ms minus clock ms: the session's clock is monotonic, the report's times are epoch. */
  private readonly epochOffset: number;
  private readyAt: number | undefined;
  /** The texts of the values `redact` masked in the test's puts, to mask in messages too. */
  private readonly secrets = new Set<string>();

  constructor(private readonly inputs: FileRecorderInputs) {
    this.epochOffset = Date.now() - inputs.clock.now();
  }

  /** The capture is ready: the file's start in the report. */
  ready(): void {
    this.readyAt = this.inputs.clock.now();
  }

  /** Entries a scope put (as sent, before redaction), with the ids EventBridge gave them. */
  put(
    scope: Scope,
    requests: readonly PutEventsRequestEntry[],
    ids: readonly string[],
    correlationIds: readonly (string | undefined)[],
    at: number,
  ): void {
    const test = this.testOf(scope);
    if (test === undefined) return;
    requests.forEach((request, index) => {
      const correlationId = correlationIds[index];
      const original = detailOf(request);
      this.keepSecrets(original);
      const detail = redactDetail(original, this.inputs.redact);
      test.puts.push({
        at,
        entry: {
          kind: 'put',
          offsetMs: 0,
          eventId: ids[index] ?? '',
          source: request.Source ?? '',
          detailType: request.DetailType ?? '',
          ...(correlationId !== undefined ? { correlationId } : {}),
          entry: { ...request, ...(detail !== undefined ? { Detail: detail } : {}) },
        },
      });
    });
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
        ...(outcome.nearest ? { nearest: { eventId: outcome.nearest.eventId, reasons: outcome.nearest.reasons.map(plainText) } } : {}),
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
   * now. Matcher messages print events' details, so the texts of the values `redact` masks in the
   * puts and the stored events are masked in them too.
   */
  part(inputs: PartInputs): FilePart {
    const now = this.inputs.clock.now();
    const captured = inputs.store.captured();
    if (this.inputs.redact.length > 0) {
      for (const { event } of captured) this.keepSecrets(event.detail);
    }
    return {
      partFormat: FILE_PART_FORMAT,
      testPath: inputs.testPath,
      eventBusName: inputs.eventBusName,
      ...(this.readyAt !== undefined ? { startedAt: this.epoch(this.readyAt), durationMs: Math.round(now - this.readyAt) } : {}),
      ...(inputs.error !== undefined ? { error: errorText(inputs.error) } : {}),
      eventsForgotten: inputs.store.stats.forgotten,
      tests: [...this.tests.values()].map((test) => this.recordedTest(test, captured, inputs)),
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
      .map((record): InvocationEntry => invocationEntry(record, Math.round(record.startedAt - startEpoch)));
    const timeline: TimelineEntry[] = [
      ...test.puts.map(({ at, entry }) => ({ ...entry, offsetMs: offset(at) })),
      ...captured,
      ...invoked,
      ...test.matchers.map(({ at, entry }) => ({ ...this.scrubbed(entry), offsetMs: offset(at) })),
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
      ...('delivered' in captured ? { delivered: redactDelivered(captured.delivered, redact) } : {}),
    };
  }

  private keepSecrets(detail: unknown): void {
    for (const value of valuesAt(detail, this.inputs.redact)) for (const text of secretTexts(value)) this.secrets.add(text);
  }

  /** A matcher's entry with the secret texts masked in its message and reasons. */
  private scrubbed(entry: MatcherEntry): MatcherEntry {
    if (this.secrets.size === 0) return entry;
    const scrub = (text: string): string => scrubText(text, this.secrets);
    return {
      ...entry,
      expected: scrub(entry.expected),
      ...(entry.message !== undefined ? { message: scrub(entry.message) } : {}),
      ...(entry.nearest ? { nearest: { eventId: entry.nearest.eventId, reasons: entry.nearest.reasons.map(scrub) } } : {}),
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

function invocationEntry(record: InvocationRecord, offsetMs: number): InvocationEntry {
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
    ...(record.error !== undefined ? { error: record.error } : {}),
  };
}
