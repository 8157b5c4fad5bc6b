import type { CompiledExpectation } from '../../expectations/expectation';
import { subjectOf, type CapturedEvent } from '../../store/eventStore';
import type { CheckResult } from '../matcherDefinition';

/** For each expectation, the position (from 0) in the events checked of the event that satisfies it. */
export type Assignment = readonly (number | undefined)[];

/**
 * The events' positions, EventBridge's own `time` first (when the service stamped it), then
 * arrival: SQS does not keep order, so arrival alone would make `ordered` flaky. `time` has
 * one-second resolution, so events within a second fall back to arrival order.
 */
function chronological(events: readonly CapturedEvent[]): number[] {
  const timeOf = (index: number): number => {
    const parsed = Date.parse(events[index]?.event.time ?? '');
    return Number.isNaN(parsed) ? Number.POSITIVE_INFINITY : parsed;
  };
  const sequenceOf = (index: number): number => events[index]?.sequence ?? 0;
  return events.map((_, index) => index).sort((a, b) => timeOf(a) - timeOf(b) || sequenceOf(a) - sequenceOf(b));
}

/** In order: each expectation by the earliest matching event after the previous one's. */
function assignOrdered(expectations: readonly CompiledExpectation[], events: readonly CapturedEvent[]): Assignment {
  const sorted = chronological(events);
  const assignment: (number | undefined)[] = [];
  let from = 0;
  for (const expectation of expectations) {
    let found: number | undefined;
    for (let i = from; i < sorted.length; i += 1) {
      const candidate = sorted[i];
      const captured = candidate === undefined ? undefined : events[candidate];
      if (captured && expectation.test(subjectOf(captured))) {
        found = candidate;
        from = i + 1;
        break;
      }
    }
    assignment.push(found);
  }
  return assignment;
}

/**
 * Any order, one distinct event per expectation: a maximum bipartite matching (augmenting
 * paths), so `[{type: A}, {source: s}]` is satisfied whenever some assignment exists, not only
 * when the greedy first choice happens to work.
 */
function assignUnordered(expectations: readonly CompiledExpectation[], events: readonly CapturedEvent[]): Assignment {
  const candidates = expectations.map((expectation) =>
    events.flatMap((captured, index) => (expectation.test(subjectOf(captured)) ? [index] : [])),
  );
  const owner = new Map<number, number>();
  const tryAssign = (expectationIndex: number, visited: Set<number>): boolean => {
    for (const eventIndex of candidates[expectationIndex] ?? []) {
      if (visited.has(eventIndex)) continue;
      visited.add(eventIndex);
      const current = owner.get(eventIndex);
      if (current === undefined || tryAssign(current, visited)) {
        owner.set(eventIndex, expectationIndex);
        return true;
      }
    }
    return false;
  };
  expectations.forEach((_, index) => tryAssign(index, new Set()));
  const assignment: (number | undefined)[] = expectations.map(() => undefined);
  for (const [eventIndex, expectationIndex] of owner) assignment[expectationIndex] = eventIndex;
  return assignment;
}

/** What toEmitEvents' message reports. */
export interface EmitEventsData {
  readonly expectations: readonly CompiledExpectation[];
  readonly ordered: boolean;
  /** For each expectation, the position (from 0) among the events checked of the event assigned to it. */
  readonly assignment: Assignment;
  /** The first expectation left without an event, or -1 when every one has its event. */
  readonly firstMissing: number;
  /**
   * With `ordered`, the first event matching the first missing expectation (which therefore came
   * too early to follow the events matched before it), or -1.
   */
  readonly outOfOrder: number;
}

/**
 * "Events matching each of X1..Xn arrive" (distinct events; in order when `ordered`). Final as
 * soon as every expectation has its event; otherwise it waits out the window.
 */
export function emitEventsCheck(
  expectations: readonly CompiledExpectation[],
  ordered: boolean,
  events: readonly CapturedEvent[],
): CheckResult<EmitEventsData> {
  const assignment = ordered ? assignOrdered(expectations, events) : assignUnordered(expectations, events);
  const firstMissing = assignment.findIndex((index) => index === undefined);
  const missing = expectations[firstMissing];
  const outOfOrder = ordered && missing ? events.findIndex((captured) => missing.test(subjectOf(captured))) : -1;
  const pass = firstMissing < 0;
  return { pass, final: pass, data: { expectations, ordered, assignment, firstMissing, outOfOrder } };
}
