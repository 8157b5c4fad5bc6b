/**
 * The exact text a rule's target receives for an event, with EventBridge's semantics for
 * `Input`, `InputPath` and `InputTransformer` (InputPathsMap + InputTemplate). Pure: the same
 * function serves local flows (what a local handler, queue or topic gets) and offline rule
 * assertions. Numbers are kept exact: an integer beyond 2^53 in the event reaches the target
 * with all its digits, as it does in AWS.
 */
import { selectJsonPath } from './jsonPaths';
import { parseInputTemplate, type PlaceholderPosition, type TemplatePart } from './inputTemplate';
import { assertValidTargetInput } from './targetInputProblems';
import type { TargetInputSpec } from './targetSpecs';
import { stringifyExactJson } from '../../foundation/exactJson';
import type { EventBridgeEvent } from '../events/envelope';

/** What the predefined `<aws.events.*>` variables read besides the event. */
export interface TargetInputContext {
  readonly ruleArn: string;
  readonly ruleName: string;
  /** ISO 8601 time EventBridge received the event; the event's `time` when not given. */
  readonly ingestionTime?: string;
}

/** A target's input settings, validated and read once; call it per event. */
export type CompiledTargetInput = (event: EventBridgeEvent, context: TargetInputContext) => string;

function jsonText(value: unknown): string {
  return stringifyExactJson(value) ?? 'null';
}

/**
 * A value as EventBridge writes it at a placeholder. A path that selected nothing gives `null`
 * in a JSON value position (the template stays JSON) and nothing inside a string or plain text.
 * Strings are not escaped inside a JSON string: EventBridge does not escape extracted values.
 */
function renderValue(value: unknown, position: PlaceholderPosition): string {
  if (value === undefined) return position === 'value' ? 'null' : '';
  if (position === 'value') return jsonText(value);
  if (typeof value === 'string') return value;
  const text = jsonText(value);
  return position === 'in-string' && typeof value === 'object' && value !== null ? text.replace(/"/g, '') : text;
}

function reservedValue(name: string, event: EventBridgeEvent, context: TargetInputContext): unknown {
  switch (name) {
    case 'aws.events.rule-arn':
      return context.ruleArn;
    case 'aws.events.rule-name':
      return context.ruleName;
    case 'aws.events.event.ingestion-time':
      return context.ingestionTime ?? event.time;
    case 'aws.events.event': {
      // The envelope without its detail.
      const { detail: _detail, ...envelope } = event;
      return envelope;
    }
    case 'aws.events.event.json':
      return event;
    default:
      return undefined;
  }
}

function compileTransformer(transformer: NonNullable<TargetInputSpec['inputTransformer']>): CompiledTargetInput {
  const paths = Object.entries(transformer.inputPathsMap ?? {});
  const { parts } = parseInputTemplate(transformer.inputTemplate);
  const used = new Set(parts.flatMap((part: TemplatePart) => (part.kind === 'placeholder' ? [part.name] : [])));
  // Only the paths the template uses are evaluated, once per event each.
  const wanted = paths.filter(([name]) => used.has(name));
  const names = new Set(paths.map(([name]) => name));
  return (event, context) => {
    const values = new Map<string, unknown>(wanted.map(([name, path]) => [name, selectJsonPath(event, path)]));
    let text = '';
    for (const part of parts) {
      if (part.kind === 'text') text += part.text;
      else text += renderValue(names.has(part.name) ? values.get(part.name) : reservedValue(part.name, event, context), part.position);
    }
    return text;
  };
}

/**
 * Validates `spec` (throws InvalidTargetInputError naming each problem and its fix; `where`
 * names the target in that message) and returns the function giving a target's input text for
 * an event. Compile once per target, call per event.
 */
export function compileTargetInput(spec: TargetInputSpec, where = 'Target input'): CompiledTargetInput {
  assertValidTargetInput(spec, where);
  if (spec.input !== undefined) {
    const input = spec.input;
    return () => input;
  }
  if (spec.inputPath !== undefined) {
    const path = spec.inputPath;
    return (event) => jsonText(selectJsonPath(event, path));
  }
  if (spec.inputTransformer !== undefined) return compileTransformer(spec.inputTransformer);
  return (event) => jsonText(event);
}

const compiledBySpec = new WeakMap<TargetInputSpec, CompiledTargetInput>();

/**
 * The exact text a target with input settings `spec` receives for `event`:
 * - no setting: the whole event as JSON;
 * - `input`: that text, as it is;
 * - `inputPath`: the JSON of the value the path selects (`$` is the whole event; `null` when it selects nothing);
 * - `inputTransformer`: the template with each `<name>` filled from InputPathsMap or the predefined
 *   `<aws.events.rule-arn>`, `<aws.events.rule-name>`, `<aws.events.event.ingestion-time>`,
 *   `<aws.events.event>` (the envelope without detail) and `<aws.events.event.json>` (the whole event).
 * @throws InvalidTargetInputError when EventBridge would refuse `spec` (PutTargets' checks).
 */
export function targetInput(event: EventBridgeEvent, spec: TargetInputSpec, context: TargetInputContext): string {
  let compiled = compiledBySpec.get(spec);
  if (compiled === undefined) {
    compiled = compileTargetInput(spec);
    compiledBySpec.set(spec, compiled);
  }
  return compiled(event, context);
}
