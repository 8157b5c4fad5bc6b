import type { EmitEventTimesData } from '../checks/emitEventTimesCheck';
import { describeArrivals, describeWindow } from './describeEvents';
import { consumerNote, type MessageContext } from './messageContext';
import { describeNearest } from './nearestCandidate';

function events(n: number): string {
  return `${n} event${n === 1 ? '' : 's'}`;
}

/** The failure message of toEmitEventTimes (`pass` false) and of its .not (`pass` true). */
export function emitEventTimesMessage({ pass, data }: { pass: boolean; data: EmitEventTimesData }, context: MessageContext): string {
  const { printer } = context;
  const { expectation, times, matching } = data;
  const count = matching.length;
  const window = describeWindow(context.waitedMs, context.timedOut, context.events, context.where);
  const which = count > 0 ? ` (event${count === 1 ? '' : 's'} ${matching.map((index) => index + 1).join(', ')})` : '';
  const head = pass
    ? [
        `Expected a number of events other than ${times} matching: ${printer.expected(expectation.expected)}`,
        `But exactly ${events(count)} matched${which}.`,
      ]
    : [
        `Expected exactly ${events(times)} matching: ${printer.expected(expectation.expected)}`,
        count > times
          ? `But ${events(count)} matched${which}: more than ${times}, so it stopped waiting.`
          : `But ${events(count)} matched${which}.`,
      ];
  const tooFew = !pass && count < times;
  const matched = new Set(matching);
  // The matching events are skipped, not filtered out, so the candidate keeps its number in the arrival list.
  const nearest = tooFew ? describeNearest(expectation, context.events, printer, matched, context.nearestFound) : undefined;
  return [
    context.hint,
    '',
    ...head,
    window,
    ...consumerNote(context),
    ...(tooFew ? (context.outsideView?.(expectation) ?? []) : []),
    ...(nearest ? ['', nearest] : []),
    '',
    describeArrivals(context.events, context.startedAt),
  ].join('\n');
}
