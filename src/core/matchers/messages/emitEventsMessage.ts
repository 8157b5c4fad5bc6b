import { assign } from '../checks/emitEventsCheck';
import type { CompiledExpectation } from '../../expectations/expectation';
import type { Verdict } from '../../store/waitForVerdict';
import { describeArrivals, describeWindow } from './describeEvents';
import { consumerNote, type MessageContext } from './emitEventMessage';
import { describeNearest } from './nearestCandidate';

/** The failure message of toEmitEvents (`pass` false) and of its .not (`pass` true). */
export function emitEventsMessage(
  expectations: readonly CompiledExpectation[],
  ordered: boolean,
  verdict: Verdict,
  context: MessageContext,
): string {
  const { printer } = context;
  const assignment = assign(expectations, verdict.events, ordered);
  const lines = expectations.map((expectation, index) => {
    const captured = assignment[index];
    const status = captured ? `matched by event ${verdict.events.indexOf(captured) + 1}` : 'not matched';
    return `  ${index + 1}. ${printer.expected(expectation.expected)} — ${status}`;
  });
  const matched = assignment.filter((captured) => captured !== undefined).length;
  const window = describeWindow(verdict.waitedMs, verdict.timedOut, verdict.events, context.where);
  const order = ordered ? ', in this order (by event time, then arrival)' : ', each by a different event';
  const firstMissing = expectations.findIndex((_, index) => assignment[index] === undefined);
  const missing = firstMissing >= 0 ? expectations[firstMissing] : undefined;
  let nearest: string | undefined;
  if (!verdict.pass && missing) {
    // In order, an event may match yet be unusable because it came before an earlier match.
    const outOfOrder = ordered ? verdict.events.findIndex((captured) => missing.test(captured.event)) : -1;
    nearest =
      outOfOrder >= 0
        ? `event ${outOfOrder + 1} matches it, but not after the events matched before it (by event time, then arrival).`
        : describeNearest(missing, verdict.events, printer);
  }
  return [
    context.hint,
    '',
    verdict.pass ? `Expected the events not all to arrive${order}:` : `Expected events matching${order}:`,
    ...lines,
    verdict.pass ? `But all ${expectations.length} arrived.` : `Matched ${matched} of ${expectations.length}.`,
    window,
    ...consumerNote(context),
    ...(!verdict.pass && missing ? (context.outsideView?.(missing) ?? []) : []),
    ...(nearest ? ['', `For expectation ${firstMissing + 1}: ${nearest}`] : []),
    '',
    describeArrivals(verdict.events, context.startedAt),
  ].join('\n');
}
