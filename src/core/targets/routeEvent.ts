/**
 * Which targets an event reaches, with EventBridge's semantics rather than an emulator's: the
 * rule is on the event's bus, ENABLED, and its pattern matches by the library's own pattern
 * engine. Rules are compiled once (patterns and target inputs validated and read up front, an
 * invalid one refused before any event is routed); routing an event then only matches and fills.
 */
import { compileTargetInput, type CompiledTargetInput } from './targetInput';
import { assertValidTargetInput } from './targetInputProblems';
import type { RoutableRule, RoutableTarget } from './targetSpecs';
import { compilePattern, InvalidEventPatternError, type CompiledPattern } from '../pattern';
import { stringifyExactJson } from '../../foundation/exactJson';
import type { EventBridgeEvent } from '../events/envelope';

interface CompiledTarget<T extends RoutableTarget> {
  readonly target: T;
  readonly input: CompiledTargetInput;
}

interface CompiledRule<R extends RoutableRule> {
  readonly rule: R;
  readonly busName: string;
  readonly pattern: CompiledPattern;
  readonly targets: readonly CompiledTarget<R['targets'][number]>[];
}

/** Rules ready to route events: made by `compileRouting`, read by `routeEvent`. */
export interface Routing<R extends RoutableRule = RoutableRule> {
  readonly rules: readonly R[];
  /** @internal the enabled, event-pattern rules, compiled. */
  readonly compiled: readonly CompiledRule<R>[];
}

/** One delivery an event causes: the rule that matched, its target, and the exact text the target receives. */
export interface RoutedTarget<R extends RoutableRule = RoutableRule> {
  readonly rule: R;
  readonly target: R['targets'][number];
  readonly input: string;
}

export interface RouteOptions {
  /** The bus the event was put on: a name or an event-bus ARN. `default` when not given. */
  readonly eventBusName?: string;
  /** ISO 8601 time the bus received the event (`<aws.events.event.ingestion-time>`); the event's `time` when not given. */
  readonly ingestionTime?: string;
}

const EVENT_BUS_ARN_NAME = /^arn:[^:]+:events:[^:]*:[^:]*:event-bus\/(.+)$/;

/** The bus name in a name or an event-bus ARN. */
export function busNameOf(nameOrArn: string): string {
  return EVENT_BUS_ARN_NAME.exec(nameOrArn)?.[1] ?? nameOrArn;
}

function describeRule(rule: RoutableRule): string {
  return `Rule "${rule.name}"${rule.templatePath ? ` (${rule.templatePath})` : ''}`;
}

function describeTarget(rule: RoutableRule, target: RoutableTarget): string {
  return `Target "${target.id}" of rule "${rule.name}"${target.templatePath ? ` (${target.templatePath})` : ''}`;
}

/**
 * Validates and compiles every rule's pattern and every target's input settings once.
 * Disabled and scheduled rules (no pattern) are validated too but never match.
 * @throws InvalidEventPatternError for a pattern EventBridge would refuse (its message names the rule)
 * @throws InvalidTargetInputError for input settings PutTargets would refuse, or any on an event bus target
 */
export function compileRouting<R extends RoutableRule>(rules: readonly R[]): Routing<R> {
  const compiled: CompiledRule<R>[] = [];
  for (const rule of rules) {
    const targets = rule.targets.map((target) => {
      const where = describeTarget(rule, target);
      return { target, input: compileInputOf(target, where) };
    });
    if (rule.eventPattern === undefined) continue;
    let pattern: CompiledPattern;
    try {
      pattern = compilePattern(rule.eventPattern);
    } catch (error) {
      // Same class and reason, with the rule named: the pattern came from a template, not from the spec.
      if (error instanceof InvalidEventPatternError) error.message = `${describeRule(rule)}: ${error.message}`;
      throw error;
    }
    if (rule.state === 'ENABLED') compiled.push({ rule, busName: busNameOf(rule.eventBusName), pattern, targets });
  }
  return { rules, compiled };
}

/** A bus target gets the event itself; input settings there are refused, as PutTargets does. */
function compileInputOf(target: RoutableTarget, where: string): CompiledTargetInput {
  if (target.kind !== 'event-bus') return compileTargetInput(target, where);
  assertValidTargetInput(target, where, { targetKind: 'event-bus' });
  return (event) => stringifyExactJson(event) ?? 'null';
}

/**
 * Every (rule, target, input text) an event reaches, in the order of the rules and their targets.
 * `[]` when no rule on the event's bus matches.
 */
export function routeEvent<R extends RoutableRule>(
  event: EventBridgeEvent,
  routing: Routing<R>,
  options: RouteOptions = {},
): RoutedTarget<R>[] {
  const busName = busNameOf(options.eventBusName ?? 'default');
  const context = options.ingestionTime === undefined ? {} : { ingestionTime: options.ingestionTime };
  const routed: RoutedTarget<R>[] = [];
  for (const { rule, busName: ruleBus, pattern, targets } of routing.compiled) {
    if (ruleBus !== busName || !pattern.matches(event)) continue;
    for (const { target, input } of targets) {
      routed.push({ rule, target, input: input(event, { ruleArn: rule.arn, ruleName: rule.name, ...context }) });
    }
  }
  return routed;
}
