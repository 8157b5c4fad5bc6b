import type { CompiledExpectation } from '../../expectations/expectation';
import type { CapturedEvent } from '../../store/eventStore';
import type { NearestCandidate } from './nearestCandidate';
import type { Printer } from './printer';

/**
 * What every message reads besides its check's data: the hint, what the wait saw (the events
 * the check last looked at, how long it waited), the capture, and how to print values.
 */
export interface MessageContext {
  readonly hint: string;
  /** A line saying what the capture listens to. */
  readonly where: string;
  /** The events in the scope's view when the wait ended, in arrival order: the check's input. */
  readonly events: readonly CapturedEvent[];
  /** How long it waited, in ms. */
  readonly waitedMs: number;
  /** True when the whole window ran out, false when the check settled early. */
  readonly timedOut: boolean;
  /** The capture clock's time when the matcher started, for arrival offsets. */
  readonly startedAt: number;
  readonly consumerError: string | undefined;
  readonly printer: Printer;
  /** Lines on matching events that arrived outside the scope's view (none when undefined). */
  readonly outsideView?: (expectation: CompiledExpectation) => string[];
  /** Told the nearest candidate when the message names one (the event report records it as data). */
  readonly nearestFound?: (candidate: NearestCandidate) => void;
}

export function consumerNote(context: MessageContext): string[] {
  return context.consumerError ? [`The capture consumer is failing to receive: ${context.consumerError}`] : [];
}
