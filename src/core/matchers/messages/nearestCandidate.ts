import type { CompiledExpectation } from '../../expectations/expectation';
import { projectOnto } from '../../expectations/subsetScore';
import { subjectOf, type CapturedEvent } from '../../store/eventStore';
import type { Printer } from './printer';

/**
 * The event that came closest to an expectation, and how it differs; undefined when none did.
 * `skip` holds positions (from 0) in `events` not to consider; events are numbered by their place in `events`.
 */
export function describeNearest(
  expectation: CompiledExpectation,
  events: readonly CapturedEvent[],
  printer: Printer,
  skip: ReadonlySet<number> = new Set(),
): string | undefined {
  let best: { captured: CapturedEvent; index: number; score: number } | undefined;
  events.forEach((captured, index) => {
    if (skip.has(index)) return;
    const score = expectation.closeness(subjectOf(captured));
    // Later events win ties: the most recent near miss is usually the one the author is after.
    if (score !== undefined && score > 0 && (best === undefined || score >= best.score)) best = { captured, index, score };
  });
  if (!best) return undefined;
  const header = `Nearest candidate (event ${best.index + 1}):`;
  if (expectation.kind === 'pattern') {
    const reasons = expectation.explain(subjectOf(best.captured));
    return `${header}\n${reasons.map((line) => `  ${line}`).join('\n')}`;
  }
  const received = projectOnto(subjectOf(best.captured), expectation.expected);
  const diff = printer.diff(expectation.expected, received);
  return `${header}\n${diff ?? `  ${printer.received(received)}`}`;
}
