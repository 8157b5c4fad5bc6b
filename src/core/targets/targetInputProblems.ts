/**
 * What EventBridge's PutTargets would refuse in a target's input settings, found by a pure check
 * (`targetInputProblems`) and worded separately (`describeTargetInputProblem`), so that the
 * template reader can collect every problem of a stack and a later offline assertion can show
 * them its own way. Each message names the value and the fix.
 */
import { jsonPathProblem } from './jsonPaths';
import { placeholdersOf, RESERVED_PLACEHOLDERS } from './inputTemplate';
import { JestEventBridgeError } from '../../foundation/errors';
import type { TargetInputSpec, TargetKind } from './targetSpecs';

/** PutTargets' limits, as the EventBridge API reference gives them. */
export const MAX_INPUT_PATHS = 100;
export const MAX_INPUT_LENGTH = 8192;
export const MAX_INPUT_TEMPLATE_LENGTH = 8192;

export type TargetInputProblem =
  | { readonly code: 'several-inputs'; readonly fields: readonly string[] }
  | { readonly code: 'input-not-json'; readonly input: string; readonly reason: string }
  | { readonly code: 'input-too-long'; readonly field: 'Input' | 'InputTemplate'; readonly length: number; readonly limit: number }
  | { readonly code: 'input-path-invalid'; readonly path: string; readonly reason: string }
  | { readonly code: 'too-many-paths'; readonly count: number }
  | { readonly code: 'reserved-name'; readonly name: string }
  | { readonly code: 'path-invalid'; readonly name: string; readonly path: string; readonly reason: string }
  | { readonly code: 'template-empty' }
  | { readonly code: 'unknown-placeholder'; readonly name: string; readonly known: readonly string[] }
  | { readonly code: 'bus-target-input'; readonly fields: readonly string[] };

export interface TargetInputCheckOptions {
  /** The target's kind, when known: an event bus target takes no input settings. */
  readonly targetKind?: TargetKind | undefined;
}

function fieldsSet(spec: TargetInputSpec): string[] {
  const fields: string[] = [];
  if (spec.input !== undefined) fields.push('Input');
  if (spec.inputPath !== undefined) fields.push('InputPath');
  if (spec.inputTransformer !== undefined) fields.push('InputTransformer');
  return fields;
}

/** A key EventBridge keeps for itself: it refuses InputPathsMap keys that start with "AWS", and the reserved variables' names. */
function isReservedName(name: string): boolean {
  return name.startsWith('AWS') || name.toLowerCase().startsWith('aws.events.');
}

/** Every problem PutTargets would report for `spec`; [] when it would accept it. Pure. */
export function targetInputProblems(spec: TargetInputSpec, options: TargetInputCheckOptions = {}): TargetInputProblem[] {
  const problems: TargetInputProblem[] = [];
  const fields = fieldsSet(spec);
  if (fields.length > 1) problems.push({ code: 'several-inputs', fields });
  if (options.targetKind === 'event-bus' && fields.length > 0) problems.push({ code: 'bus-target-input', fields });

  if (spec.input !== undefined) {
    if (spec.input.length > MAX_INPUT_LENGTH)
      problems.push({ code: 'input-too-long', field: 'Input', length: spec.input.length, limit: MAX_INPUT_LENGTH });
    try {
      JSON.parse(spec.input);
    } catch (error) {
      problems.push({ code: 'input-not-json', input: spec.input, reason: error instanceof Error ? error.message : String(error) });
    }
  }

  if (spec.inputPath !== undefined) {
    const reason = jsonPathProblem(spec.inputPath);
    if (reason !== undefined) problems.push({ code: 'input-path-invalid', path: spec.inputPath, reason });
  }

  const transformer = spec.inputTransformer;
  if (transformer !== undefined) {
    const paths = transformer.inputPathsMap ?? {};
    const names = Object.keys(paths);
    if (names.length > MAX_INPUT_PATHS) problems.push({ code: 'too-many-paths', count: names.length });
    for (const name of names) {
      if (isReservedName(name)) problems.push({ code: 'reserved-name', name });
      const path = paths[name] ?? '';
      const reason = jsonPathProblem(path);
      if (reason !== undefined) problems.push({ code: 'path-invalid', name, path, reason });
    }
    const template = transformer.inputTemplate;
    if (template === '') problems.push({ code: 'template-empty' });
    if (template.length > MAX_INPUT_TEMPLATE_LENGTH)
      problems.push({ code: 'input-too-long', field: 'InputTemplate', length: template.length, limit: MAX_INPUT_TEMPLATE_LENGTH });
    const known = new Set(names);
    const reported = new Set<string>();
    for (const name of placeholdersOf(template)) {
      if (known.has(name) || RESERVED_PLACEHOLDERS.has(name) || reported.has(name)) continue;
      reported.add(name);
      problems.push({ code: 'unknown-placeholder', name, known: names });
    }
  }
  return problems;
}

const quote = (text: string): string => JSON.stringify(text);

/** One problem in words, naming the value and the fix. */
export function describeTargetInputProblem(problem: TargetInputProblem): string {
  switch (problem.code) {
    case 'several-inputs':
      return `${listed(problem.fields)} are ${problem.fields.length === 2 ? 'both' : 'all'} set; EventBridge takes at most one of Input, InputPath and InputTransformer: keep the one the target needs.`;
    case 'input-not-json':
      return `Input ${quote(problem.input)} is not JSON (${problem.reason}); EventBridge sends Input as JSON text: write it as JSON, e.g. ${quote('{"action":"refresh"}')} or ${quote('"text"')}.`;
    case 'input-too-long':
      return `${problem.field} is ${problem.length} characters long; EventBridge allows at most ${problem.limit}: shorten it.`;
    case 'input-path-invalid':
      return `InputPath ${quote(problem.path)} ${problem.reason}: write a JSONPath such as "$.detail" ("$" is the whole event).`;
    case 'too-many-paths':
      return `InputTransformer.InputPathsMap has ${problem.count} paths; EventBridge allows at most ${MAX_INPUT_PATHS}: remove the ones InputTemplate does not use, or select a common parent object once.`;
    case 'reserved-name':
      return `InputTransformer.InputPathsMap key ${quote(problem.name)} is reserved (keys must not start with "AWS" or name a predefined aws.events.* variable): rename it.`;
    case 'path-invalid':
      return `InputTransformer.InputPathsMap ${quote(problem.name)}: ${quote(problem.path)} ${problem.reason}: write a JSONPath such as "$.detail.id".`;
    case 'template-empty':
      return 'InputTransformer.InputTemplate is empty: write the text the target receives, e.g. "{\\"id\\": <id>}".';
    case 'unknown-placeholder': {
      const known =
        problem.known.length === 0
          ? 'InputPathsMap defines no names'
          : `InputPathsMap defines ${problem.known.map((name) => `<${name}>`).join(', ')}`;
      return `InputTransformer.InputTemplate uses <${problem.name}>, which is not in InputPathsMap (${known}; predefined: ${[...RESERVED_PLACEHOLDERS].map((name) => `<${name}>`).join(', ')}): add "${problem.name}" to InputPathsMap or fix the placeholder's name.`;
    }
    case 'bus-target-input':
      return `${problem.fields.join(', ')} set on an event bus target; EventBridge forwards the event itself to a bus: remove ${problem.fields.length === 1 ? 'it' : 'them'}, or transform the event in a rule on the destination bus.`;
  }
}

/** A target's Input, InputPath or InputTransformer that EventBridge would refuse. */
export class InvalidTargetInputError extends JestEventBridgeError {
  constructor(
    message: string,
    readonly problems: readonly TargetInputProblem[],
  ) {
    super(message);
  }
}

/**
 * Throws InvalidTargetInputError listing every problem of `spec`. `where` names the target in
 * the message (`Target "Confirm" of rule "OrderPlaced" (Resources.OrderPlaced.Properties.Targets[0])`).
 */
export function assertValidTargetInput(spec: TargetInputSpec, where: string, options: TargetInputCheckOptions = {}): void {
  const problems = targetInputProblems(spec, options);
  if (problems.length === 0) return;
  const lines = problems.map((problem) => describeTargetInputProblem(problem));
  const message =
    lines.length === 1
      ? `${where}: ${lines[0] ?? ''}`
      : `${where} has ${lines.length} input problems:\n${lines.map((line) => `  - ${line}`).join('\n')}`;
  throw new InvalidTargetInputError(message, problems);
}

/** `A and B`, `A, B and C`. */
function listed(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1) ?? ''}`;
}
