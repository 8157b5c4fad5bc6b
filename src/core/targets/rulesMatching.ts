/**
 * Which rules of a bus route an event, and when none does, which rule came nearest and where it
 * fails: the pure part of the "which rule would route it" lines of failure messages. Built on the
 * library's pattern engine, so its verdicts agree with `toMatchEventPattern` and local flows.
 */
import { compilePattern, type CompiledPattern, type PatternMismatch } from '../pattern';
import { messageOf } from '../../foundation/realm';

/** A rule as ListRules (or a template) describes it: all the diagnosis needs. */
export interface RuleToCheck {
  readonly name: string;
  /** The pattern as an object or its JSON text; undefined for a scheduled rule (no event matches it). */
  readonly eventPattern?: unknown;
  /** `ENABLED`, `DISABLED` or `ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS`. @default 'ENABLED' */
  readonly state?: string;
}

/** A rule whose pattern the engine refuses: skipped, and said once. */
export interface RefusedRule {
  readonly name: string;
  readonly reason: string;
}

interface CheckedRule {
  readonly name: string;
  readonly enabled: boolean;
  readonly pattern: CompiledPattern;
}

/** Rules compiled once for many events: made by `compileRuleChecks`, read by `rulesMatching`. */
export interface RuleChecks {
  /** The rules with a valid pattern, in the order given (the tie-break of "nearest"). */
  readonly rules: readonly CheckedRule[];
  /** Rules whose pattern the engine refuses, in the order given. */
  readonly refused: readonly RefusedRule[];
  /** How many rules have no pattern (scheduled rules): they never match an event. */
  readonly scheduled: number;
}

/** The rule that came nearest to routing an event that no enabled rule routes. */
export interface NearestRule {
  readonly name: string;
  /** False for a disabled rule (which does not route even when its pattern matches). */
  readonly enabled: boolean;
  /** The conditions the event fails, as `explainMismatch` gives them; [] when the pattern matches (a disabled rule). */
  readonly mismatches: readonly PatternMismatch[];
}

/** What the rules make of one event. */
export interface RulesMatchingResult {
  /** The enabled rules whose pattern matches: those that route the event, in the order given. */
  readonly matched: readonly string[];
  /** When `matched` is empty and some rule has a pattern: the nearest rule. */
  readonly nearest?: NearestRule;
}

/** States in which a rule routes events (EventBridge's API reference, `PutRule`'s `State`). */
function isEnabled(state: string | undefined): boolean {
  return state === undefined || state === 'ENABLED' || state === 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS';
}

/** Validates and compiles every rule's pattern once; refused patterns are set aside, never thrown. */
export function compileRuleChecks(rules: readonly RuleToCheck[]): RuleChecks {
  const checked: CheckedRule[] = [];
  const refused: RefusedRule[] = [];
  let scheduled = 0;
  for (const rule of rules) {
    if (rule.eventPattern === undefined || rule.eventPattern === null || rule.eventPattern === '') {
      scheduled += 1;
      continue;
    }
    try {
      checked.push({ name: rule.name, enabled: isEnabled(rule.state), pattern: compilePattern(rule.eventPattern) });
    } catch (error) {
      refused.push({ name: rule.name, reason: messageOf(error) });
    }
  }
  return { rules: checked, refused, scheduled };
}

/** Fewer failing conditions wins; at a tie an enabled rule (one that would route, once fixed) beats a disabled one. */
function closer(candidate: Pick<NearestRule, 'mismatches' | 'enabled'>, best: NearestRule): boolean {
  if (candidate.mismatches.length !== best.mismatches.length) return candidate.mismatches.length < best.mismatches.length;
  return candidate.enabled && !best.enabled;
}

/**
 * The enabled rules whose pattern matches `event` (an envelope as EventBridge builds it) and,
 * when there is none, the nearest rule: the one with the fewest failing conditions, a disabled
 * rule whose pattern matches counting as none; at a tie an enabled rule goes before a disabled
 * one, then the earlier rule.
 */
export function rulesMatching(event: unknown, checks: RuleChecks): RulesMatchingResult {
  const matched = checks.rules.filter((rule) => rule.enabled && rule.pattern.matches(event)).map((rule) => rule.name);
  if (matched.length > 0) return { matched };
  let nearest: NearestRule | undefined;
  for (const rule of checks.rules) {
    const mismatches = rule.pattern.explain(event);
    if (nearest === undefined || closer({ mismatches, enabled: rule.enabled }, nearest)) {
      nearest = { name: rule.name, enabled: rule.enabled, mismatches };
    }
  }
  return nearest === undefined ? { matched } : { matched, nearest };
}
