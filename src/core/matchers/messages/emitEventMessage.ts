import { firstMatch } from '../checks/emitEventCheck';
import type { CompiledExpectation } from '../../expectations/expectation';
import type { Verdict } from '../../store/waitForVerdict';
import { describeArrivals, describeWindow, eventLine } from './describeEvents';
import { describeNearest } from './nearestCandidate';
import type { Printer } from './printer';

export interface MessageContext {
  readonly hint: string;
  readonly where: string;
  readonly startedAt: number;
  readonly consumerError: string | undefined;
  readonly printer: Printer;
  /** Lines on matching events that arrived outside the scope's view (none when undefined). */
  readonly outsideView?: (expectation: CompiledExpectation) => string[];
}

export function consumerNote(context: MessageContext): string[] {
  return context.consumerError ? [`The capture consumer is failing to receive: ${context.consumerError}`] : [];
}

/** The failure message of toEmitEvent (`pass` false) and of .not.toEmitEvent (`pass` true). */
export function emitEventMessage(expectation: CompiledExpectation, verdict: Verdict, context: MessageContext): string {
  const { printer } = context;
  const window = describeWindow(verdict.waitedMs, verdict.timedOut, verdict.events, context.where);
  if (verdict.pass) {
    const match = firstMatch(expectation, verdict.events);
    const index = match ? verdict.events.indexOf(match) : -1;
    return [
      context.hint,
      '',
      `Expected no event matching: ${printer.expected(expectation.expected)}`,
      match
        ? `But event ${index + 1} matched:\n${eventLine(match, index, context.startedAt)}\n${printer.received(match.event)}`
        : 'But one matched.',
      window,
      '',
      describeArrivals(verdict.events, context.startedAt),
    ].join('\n');
  }
  const nearest = describeNearest(expectation, verdict.events, printer);
  return [
    context.hint,
    '',
    `Expected an event matching: ${printer.expected(expectation.expected)}`,
    `${window} None matched.`,
    ...consumerNote(context),
    ...(context.outsideView?.(expectation) ?? []),
    ...(nearest ? ['', nearest] : []),
    '',
    describeArrivals(verdict.events, context.startedAt),
  ].join('\n');
}
