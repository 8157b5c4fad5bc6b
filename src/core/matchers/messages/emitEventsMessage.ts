import type { EmitEventsData } from '../checks/emitEventsCheck';
import { describeArrivals, describeWindow } from './describeEvents';
import { consumerNote, type MessageContext } from './messageContext';
import { describeNearest } from './nearestCandidate';

/** The failure message of toEmitEvents (`pass` false) and of its .not (`pass` true). */
export function emitEventsMessage({ pass, data }: { pass: boolean; data: EmitEventsData }, context: MessageContext): string {
  const { printer } = context;
  const { expectations, ordered, assignment, firstMissing, outOfOrder } = data;
  const lines = expectations.map((expectation, index) => {
    const position = assignment[index];
    const status = position === undefined ? 'not matched' : `matched by event ${position + 1}`;
    return `  ${index + 1}. ${printer.expected(expectation.expected)} — ${status}`;
  });
  const matched = assignment.filter((position) => position !== undefined).length;
  const window = describeWindow(context.waitedMs, context.timedOut, context.events, context.where);
  const order = ordered ? ', in this order (by event time, then arrival)' : ', each by a different event';
  const missing = expectations[firstMissing];
  let nearest: string | undefined;
  if (!pass && missing) {
    // In order, an event may match yet be unusable because it came before an earlier match.
    nearest =
      outOfOrder >= 0
        ? `event ${outOfOrder + 1} matches it, but not after the events matched before it (by event time, then arrival).`
        : describeNearest(missing, context.events, printer, new Set(), context.nearestFound);
  }
  return [
    context.hint,
    '',
    pass ? `Expected the events not all to arrive${order}:` : `Expected events matching${order}:`,
    ...lines,
    pass ? `But all ${expectations.length} arrived.` : `Matched ${matched} of ${expectations.length}.`,
    window,
    ...consumerNote(context),
    ...(!pass && missing ? (context.outsideView?.(missing) ?? []) : []),
    ...(nearest ? ['', `For expectation ${firstMissing + 1}: ${nearest}`] : []),
    '',
    describeArrivals(context.events, context.startedAt),
  ].join('\n');
}
