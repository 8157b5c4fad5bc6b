import type { OutsideEvent } from '../checks/outsideView';
import type { HiddenReason } from '../../scopes/testScopes';

function oneDecimal(ms: number): string {
  return `${(Math.abs(ms) / 1000).toFixed(1)} s`;
}

function matching(n: number): string {
  return `${n} matching event${n === 1 ? '' : 's'}`;
}

function span(times: readonly number[]): string {
  const low = Math.min(...times);
  const high = Math.max(...times);
  return oneDecimal(low) === oneDecimal(high) ? oneDecimal(low) : `${oneDecimal(low)} to ${oneDecimal(high)}`;
}

/** A stable key for grouping events hidden for the same reason. */
function keyOf(reason: HiddenReason): string {
  switch (reason.kind) {
    case 'before-window':
      return `w:${reason.opener}`;
    case 'cleared':
      return 'c';
    case 'sibling-block':
      return `s:${reason.block}`;
    case 'other-correlation':
      return `o:${reason.correlationId}`;
    case 'no-correlation':
      return 'n';
  }
}

function sentence(group: readonly OutsideEvent[], viewer: string, correlationPath: string | undefined): string {
  const first = group[0];
  if (!first) return '';
  const reason = first.reason;
  const count = matching(group.length);
  switch (reason.kind) {
    case 'before-window':
      return `${count} arrived ${span(group.map((e) => reason.windowStartedTime - e.captured.arrivedAt))} before ${reason.opener}, outside ${viewer}'s window.`;
    case 'cleared':
      return `${count} arrived ${span(group.map((e) => reason.clearedTime - e.captured.arrivedAt))} before eventBridge.clear() hid ${group.length === 1 ? 'it' : 'them'} from ${viewer}.`;
    case 'sibling-block':
      return `${count} arrived while ${reason.block} was running; without correlation scoping an event counts for the block running when it arrives, not for ${viewer}.`;
    case 'other-correlation':
      return `${count} ${group.length === 1 ? 'carries' : 'carry'} correlation id ${reason.correlationId}, ${reason.owner ? `of ${reason.owner}` : 'not of this file (another file or run)'}: not counted for ${viewer}.`;
    case 'no-correlation':
      return `${count} ${group.length === 1 ? 'carries' : 'carry'} no correlation id${correlationPath ? ` at ${correlationPath}` : ''}, so no test counts ${group.length === 1 ? 'it' : 'them'} (the service must copy the id of the event it handles onto the events it emits).`;
  }
}

/**
 * Lines for a failure message: matching events that arrived but are outside the scope's view,
 * grouped by reason ("1 matching event arrived 3.2 s before this test began, outside this
 * test's window."). Empty when there are none.
 */
export function outsideViewNote(outside: readonly OutsideEvent[], viewer: string, correlationPath?: string): string[] {
  if (outside.length === 0) return [];
  const groups = new Map<string, OutsideEvent[]>();
  for (const entry of outside) {
    const key = keyOf(entry.reason);
    const group = groups.get(key) ?? [];
    group.push(entry);
    groups.set(key, group);
  }
  return ['', 'Not counted:', ...[...groups.values()].map((group) => `  ${sentence(group, viewer, correlationPath)}`)];
}
