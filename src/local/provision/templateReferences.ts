/**
 * The names a piece of a CloudFormation template refers to, read from its intrinsic functions:
 * resources and parameters (`Ref`, `Fn::GetAtt`, `Fn::Sub`'s `${Name}` and `${Name.Attr}`),
 * mappings (`Fn::FindInMap`), conditions (`Fn::If`, `Condition`) and other stacks' exports
 * (`Fn::ImportValue`). Pseudo parameters
 * (`AWS::Region`, ...) are no one's. Pure: provisioning uses it to cut a sub-template whose every
 * reference stays inside it.
 */

export interface References {
  /** Names `Ref`, `Fn::GetAtt` and `Fn::Sub` use: a resource's logical id or a parameter's name. */
  readonly names: Set<string>;
  readonly mappings: Set<string>;
  readonly conditions: Set<string>;
  /** What `Fn::ImportValue` reads from other stacks' exports (the export names written as text). */
  readonly imports: Set<string>;
}

export const emptyReferences = (): References => ({ names: new Set(), mappings: new Set(), conditions: new Set(), imports: new Set() });

/** `${Name}` and `${Name.Attr}` in a Sub string; `${!Literal}` is text. */
const SUB_VARIABLE = /\$\{(?!!)([^}]+)\}/g;

function isPseudo(name: string): boolean {
  return name.startsWith('AWS::');
}

function addName(references: References, name: string, local: ReadonlySet<string> = new Set()): void {
  const base = name.trim().split('.')[0] ?? '';
  if (base !== '' && !isPseudo(base) && !local.has(base)) references.names.add(base);
}

function collectSub(value: unknown, references: References): void {
  const [text, variables]: readonly unknown[] = Array.isArray(value) ? (value as unknown[]) : [value, undefined];
  const local = new Set<string>();
  if (typeof variables === 'object' && variables !== null) {
    for (const [name, inner] of Object.entries(variables as Record<string, unknown>)) {
      local.add(name);
      collect(inner, references);
    }
  }
  if (typeof text === 'string') for (const match of text.matchAll(SUB_VARIABLE)) addName(references, match[1] ?? '', local);
  else collect(text, references);
}

function collect(value: unknown, references: References): void {
  if (Array.isArray(value)) {
    for (const item of value) collect(item, references);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  const entries = Object.entries(value);
  if (entries.length === 1) {
    const [key, argument] = entries[0] as [string, unknown];
    switch (key) {
      case 'Ref':
        if (typeof argument === 'string') addName(references, argument);
        return;
      case 'Fn::GetAtt':
        if (typeof argument === 'string') addName(references, argument);
        else if (Array.isArray(argument)) {
          if (typeof argument[0] === 'string') addName(references, argument[0]);
          collect(argument.slice(1), references);
        }
        return;
      case 'Fn::Sub':
        collectSub(argument, references);
        return;
      case 'Fn::FindInMap':
        if (Array.isArray(argument) && typeof argument[0] === 'string') references.mappings.add(argument[0]);
        collect(Array.isArray(argument) ? argument.slice(typeof argument[0] === 'string' ? 1 : 0) : argument, references);
        return;
      case 'Fn::ImportValue':
        references.imports.add(typeof argument === 'string' ? argument : JSON.stringify(argument));
        collect(argument, references);
        return;
      case 'Fn::If':
        if (Array.isArray(argument) && typeof argument[0] === 'string') references.conditions.add(argument[0]);
        collect(Array.isArray(argument) ? argument.slice(1) : argument, references);
        return;
      case 'Condition':
        // Inside a condition's definition, `{ "Condition": "Other" }` refers to another condition.
        if (typeof argument === 'string') {
          references.conditions.add(argument);
          return;
        }
        break;
      default:
        break;
    }
  }
  for (const [, inner] of entries) collect(inner, references);
}

/** Every name `value` (any part of a template) refers to. */
export function referencesOf(value: unknown): References {
  const references = emptyReferences();
  collect(value, references);
  return references;
}
