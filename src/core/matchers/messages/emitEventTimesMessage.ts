import { countMatches } from '../checks/emitEventTimesCheck';
import type { CompiledExpectation } from '../../expectations/expectation';
import type { Verdict } from '../../store/waitForVerdict';
import { describeArrivals, describeWindow } from './describeEvents';
import { consumerNote, type MessageContext } from './emitEventMessage';
import { describeNearest } from './nearestCandidate';

function events(n: number): string {
  return `${n} event${n === 1 ? '' : 's'}`;
}

/** The failure message of toEmitEventTimes (`pass` false) and of its .not (`pass` true). */
export function emitEventTimesMessage(expectation: CompiledExpectation, times: number, verdict: Verdict, context: MessageContext): string {
  const { printer } = context;
  const count = countMatches(expectation, verdict.events);
  const window = describeWindow(verdict.waitedMs, verdict.timedOut, verdict.events, context.where);
  const matching = verdict.events
    .map((captured, index) => ({ captured, index }))
    .filter(({ captured }) => expectation.test(captured.event))
    .map(({ index }) => index + 1);
  const which = matching.length > 0 ? ` (event${matching.length === 1 ? '' : 's'} ${matching.join(', ')})` : '';
  const head = verdict.pass
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
  const nearest =
    !verdict.pass && count < times
      ? describeNearest(
          expectation,
          verdict.events.filter((c) => !expectation.test(c.event)),
          printer,
        )
      : undefined;
  return [
    context.hint,
    '',
    ...head,
    window,
    ...consumerNote(context),
    ...(!verdict.pass && count < times ? (context.outsideView?.(expectation) ?? []) : []),
    ...(nearest ? ['', nearest] : []),
    '',
    describeArrivals(verdict.events, context.startedAt),
  ].join('\n');
}
