/**
 * The "which rule would route it" lines of a failing matcher's message: for each event the test
 * put, the rules of the bus that match it, or the nearest one and the field where it fails. The
 * verdicts come from core/targets' `rulesMatching`; this module only words them, short and in a
 * stable order.
 */
import type { EventBridgeEvent } from '../../events/envelope';
import { rulesMatching, type NearestRule, type RuleChecks } from '../../targets/rulesMatching';

/** How many put events a message covers before it counts the rest. */
export const MAX_DIAGNOSED_EVENTS = 5;
/** How many matching rules one line names before it counts the rest. */
export const MAX_NAMED_RULES = 5;
/** How many refused patterns the skip line names before it counts the rest. */
const MAX_NAMED_REFUSED = 3;
/** The characters of an event id a line shows: enough to tell the test's events apart. */
const SHOWN_ID_LENGTH = 8;

/** Where the rules were read: the bus itself (ListRules), or the template local flows route by. */
export type RuleOrigin = { readonly kind: 'bus' } | { readonly kind: 'template'; readonly file: string };

export interface RuleNotesInput {
  /** The bus the events were put on, by name. */
  readonly busName: string;
  readonly origin: RuleOrigin;
  /** The events the test put on that bus, as EventBridge built them, in put order. */
  readonly events: readonly EventBridgeEvent[];
  /** The bus's rules (captures excluded), compiled. */
  readonly checks: RuleChecks;
  /** Set when the listing stopped after this many rules with more on the bus (busRules' `truncated`). */
  readonly truncatedAfter?: number;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

function shortId(id: string): string {
  return id.length > SHOWN_ID_LENGTH ? `${id.slice(0, SHOWN_ID_LENGTH)}…` : id;
}

function names(list: readonly string[]): string {
  const shown = list.slice(0, MAX_NAMED_RULES).join(', ');
  return list.length > MAX_NAMED_RULES ? `${shown} and ${list.length - MAX_NAMED_RULES} more` : shown;
}

function describeNearest(nearest: NearestRule): string {
  const [first, ...rest] = nearest.mismatches;
  if (first === undefined) return `${nearest.name} matches it but is disabled (a disabled rule routes nothing)`;
  const more = rest.length > 0 ? `, and ${plural(rest.length, 'more condition')}` : '';
  return `${nearest.name}${nearest.enabled ? '' : ' (disabled)'} fails at ${first.path} (${first.reason})${more}`;
}

function eventLine(event: EventBridgeEvent, input: RuleNotesInput, where: string): string {
  const label = `${event['detail-type']} (id ${shortId(event.id)})`;
  const { matched, nearest } = rulesMatching(event, input.checks);
  if (matched.length > 0) return `  ${label} matched ${matched.length === 1 ? 'rule' : 'rules'} ${names(matched)} ${where}`;
  return `  ${label} matched no rule ${where}${nearest === undefined ? '' : `; nearest: ${describeNearest(nearest)}`}`;
}

/**
 * The lines for the events a test put, under one heading; none when it put none.
 * Deterministic: events in put order, rules in the order given (the reader sorts them by name).
 */
export function ruleNotes(input: RuleNotesInput): string[] {
  if (input.events.length === 0) return [];
  const { busName, origin, checks } = input;
  const where = origin.kind === 'bus' ? `on bus ${busName}` : `of ${origin.file} on bus ${busName}`;
  const heading =
    origin.kind === 'bus'
      ? `Rules on bus ${busName} for the events this test put (captures excluded${firstRead(input)}):`
      : `Rules of ${origin.file} on bus ${busName} (local flows route them) for the events this test put:`;
  if (checks.rules.length === 0) {
    // Said of the rules read, not of delivery: local flows started apart from the session route by rules that are not on the bus.
    const none =
      origin.kind === 'bus'
        ? `Bus ${busName} has no rule with an event pattern besides captures, so no rule on it routes`
        : `${origin.file} has no rule with an event pattern on bus ${busName}, so none of its rules routes`;
    const read = input.truncatedAfter === undefined ? '' : ` (first ${input.truncatedAfter} rules read)`;
    return [`${none} the ${plural(input.events.length, 'event')} this test put${read}.`, ...refusedLines(input)];
  }
  const shown = input.events.slice(0, MAX_DIAGNOSED_EVENTS);
  const more = input.events.length - shown.length;
  return [
    heading,
    ...shown.map((event) => eventLine(event, input, where)),
    ...(more > 0 ? [`  … and ${plural(more, 'more event')} this test put`] : []),
    ...refusedLines(input),
  ];
}

/** "; first 5000 rules read" when the listing stopped early: a rule it did not read may route the events. */
function firstRead(input: RuleNotesInput): string {
  return input.truncatedAfter === undefined ? '' : `; first ${input.truncatedAfter} rules read`;
}

function refusedLines(input: RuleNotesInput): string[] {
  const refused = input.checks.refused;
  if (refused.length === 0) return [];
  const listed = refused.slice(0, MAX_NAMED_REFUSED).map((rule) => `${rule.name} (${rule.reason})`);
  const more = refused.length - listed.length;
  return [
    `  Skipped ${plural(refused.length, 'rule')} whose pattern the pattern engine refuses: ${listed.join('; ')}${more > 0 ? `; and ${more} more` : ''}`,
  ];
}

/**
 * The one line that replaces the rules when they could not be read: a missing permission or a
 * failed call is a note, never a failure of its own.
 */
export function rulesUnreadableNote(busName: string, origin: RuleOrigin, reason: string): string {
  if (origin.kind === 'template') return `Could not read the rules of ${origin.file} to see which rule would route each event: ${reason}`;
  const fix = /AccessDenied/.test(reason)
    ? 'grant it to see which rule would route each event'
    : 'which rule would route each event is not known';
  return `Could not list the rules of bus ${busName} (events:ListRules): ${reason}; ${fix}.`;
}

/**
 * The line in place of the rule notes when reading the rules would outlast the runner's
 * testTimeout: `headroomMs` is what the matcher's wait left (0 when none).
 */
export function rulesOutOfTimeNote(headroomMs: number): string {
  const left = headroomMs === 0 ? 'no time' : `only ${headroomMs} ms`;
  return `Which rule would route each event was not read: the matcher's wait left ${left} before the test's timeout (lower the matcher's timeout or raise testTimeout to see it).`;
}
