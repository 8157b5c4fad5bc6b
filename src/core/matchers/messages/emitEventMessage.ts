import { subjectOf } from '../../store/eventStore';
import type { EmitEventData } from '../checks/emitEventCheck';
import { describeArrivals, describeWindow, eventLine } from './describeEvents';
import { consumerNote, type MessageContext } from './messageContext';
import { describeNearest } from './nearestCandidate';

/** The failure message of toEmitEvent (`pass` false) and of .not.toEmitEvent (`pass` true). */
export function emitEventMessage({ pass, data }: { pass: boolean; data: EmitEventData }, context: MessageContext): string {
  const { printer, events } = context;
  const { expectation, match } = data;
  const window = describeWindow(context.waitedMs, context.timedOut, events, context.where);
  if (pass) {
    return [
      context.hint,
      '',
      `Expected no event matching: ${printer.expected(expectation.expected)}`,
      match
        ? `But event ${match.index + 1} matched:\n${eventLine(match.captured, match.index, context.startedAt)}\n${printer.received(subjectOf(match.captured))}`
        : 'But one matched.',
      window,
      '',
      describeArrivals(events, context.startedAt),
    ].join('\n');
  }
  const nearest = describeNearest(expectation, events, printer, new Set(), context.nearestFound);
  return [
    context.hint,
    '',
    `Expected an event matching: ${printer.expected(expectation.expected)}`,
    `${window} None matched.`,
    ...consumerNote(context),
    ...(context.outsideView?.(expectation) ?? []),
    ...(nearest ? ['', nearest] : []),
    '',
    describeArrivals(events, context.startedAt),
  ].join('\n');
}
