import type { CapturedEvent } from '../../store/eventStore';
import { stringify } from './printer';

/** How many arrived events a message lists before it says "… and N more". */
export const LISTED_EVENTS = 10;
const LINE_WIDTH = 160;

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

function truncate(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

/**
 * One line per event: when it arrived relative to the matcher's start, what it is, its detail;
 * with a mirrored target, what the target received in place of the detail (after `→`).
 */
export function eventLine(captured: CapturedEvent, index: number, startedAt: number): string {
  const offset = captured.arrivedAt - startedAt;
  const when = offset >= 0 ? `+${seconds(offset)}` : `-${seconds(-offset)}`;
  const { event } = captured;
  const shown = 'delivered' in captured ? `→ ${stringify(captured.delivered)}` : stringify(event.detail);
  return truncate(`  ${index + 1}. ${when}  ${event.source}  ${event['detail-type']}  ${shown}`, LINE_WIDTH);
}

/** A numbered, truncated list of what arrived in the window. */
export function describeArrivals(events: readonly CapturedEvent[], startedAt: number): string {
  if (events.length === 0) return 'No events arrived.';
  const lines = events.slice(0, LISTED_EVENTS).map((captured, index) => eventLine(captured, index, startedAt));
  if (events.length > LISTED_EVENTS) lines.push(`  … and ${events.length - LISTED_EVENTS} more (read eventBridge.events for all of them)`);
  return `Events that arrived (${events.length}):\n${lines.join('\n')}`;
}

export function describeWindow(waitedMs: number, timedOut: boolean, events: readonly CapturedEvent[], where: string): string {
  const count = `${events.length} event${events.length === 1 ? '' : 's'}`;
  return timedOut
    ? `Waited ${seconds(waitedMs)} on ${where}; ${count} arrived in that window.`
    : `Decided after ${seconds(waitedMs)} on ${where}; ${count} had arrived by then.`;
}

export { seconds };
