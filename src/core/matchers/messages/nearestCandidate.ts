import type { CompiledExpectation } from '../../expectations/expectation';
import { projectOnto } from '../../expectations/subsetScore';
import { subjectOf, type CapturedEvent } from '../../store/eventStore';
import type { Printer } from './printer';

/** The event that came closest to an expectation, and why it did not match: what a message prints, as data. */
export interface NearestCandidate {
  readonly captured: CapturedEvent;
  /** Its position (from 0) among the events checked. */
  readonly index: number;
  /** For a pattern, one line per failing field; otherwise the diff's lines (as the printer colours them). */
  readonly reasons: readonly string[];
  /** `diff`: the lines of the runner's diff, printed as they are; `reasons`: one item each, indented. */
  readonly format: 'diff' | 'reasons';
}

/**
 * The event that came closest to an expectation, and how it differs; undefined when none did.
 * `skip` holds positions (from 0) in `events` not to consider.
 */
export function nearestCandidate(
  expectation: CompiledExpectation,
  events: readonly CapturedEvent[],
  printer: Printer,
  skip: ReadonlySet<number> = new Set(),
): NearestCandidate | undefined {
  let best: { captured: CapturedEvent; index: number; score: number } | undefined;
  events.forEach((captured, index) => {
    if (skip.has(index)) return;
    const score = expectation.closeness(subjectOf(captured));
    // Later events win ties: the most recent near miss is usually the one the author is after.
    if (score !== undefined && score > 0 && (best === undefined || score >= best.score)) best = { captured, index, score };
  });
  if (!best) return undefined;
  const { captured, index } = best;
  if (expectation.kind === 'pattern') return { captured, index, reasons: expectation.explain(subjectOf(captured)), format: 'reasons' };
  const received = projectOnto(subjectOf(captured), expectation.expected);
  const diff = printer.diff(expectation.expected, received);
  // A diff prints as it is; a value without one is indented like a pattern's reasons.
  return diff === null
    ? { captured, index, reasons: [printer.received(received)], format: 'reasons' }
    : { captured, index, reasons: diff.split('\n'), format: 'diff' };
}

/**
 * The nearest candidate as a message prints it; undefined when none came close. Events are
 * numbered by their place in `events`. `found` is told the candidate (the event report records it).
 */
export function describeNearest(
  expectation: CompiledExpectation,
  events: readonly CapturedEvent[],
  printer: Printer,
  skip: ReadonlySet<number> = new Set(),
  found?: (candidate: NearestCandidate) => void,
): string | undefined {
  const nearest = nearestCandidate(expectation, events, printer, skip);
  if (!nearest) return undefined;
  found?.(nearest);
  const lines = nearest.format === 'reasons' ? nearest.reasons.map((line) => `  ${line}`) : nearest.reasons;
  return `Nearest candidate (event ${nearest.index + 1}):\n${lines.join('\n')}`;
}
