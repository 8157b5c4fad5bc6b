/**
 * An InputTemplate read once into text and placeholders, each placeholder knowing where it
 * stands, because EventBridge fills a placeholder differently there:
 * - `value`: a JSON value position of a JSON template (`{"id": <id>}`): the value's JSON, a string quoted;
 * - `in-string`: inside a JSON string (`"Order <id> shipped"`): a string's text without quotes, an
 *   object's or array's JSON with its quotes removed (EventBridge's rule, so the string stays a string);
 * - `text`: a template that is not JSON (`Order <id> shipped`, for an SQS or SNS target): a string's
 *   text as it is, anything else as JSON.
 * A template is JSON when it parses as JSON once its placeholders are stood in for.
 */

/** The predefined variables a template may use without an InputPathsMap entry. */
export const RESERVED_PLACEHOLDERS: ReadonlySet<string> = new Set([
  'aws.events.rule-arn',
  'aws.events.rule-name',
  'aws.events.event.ingestion-time',
  'aws.events.event',
  'aws.events.event.json',
]);

/** `<name>`: the names InputPathsMap keys and the predefined variables use. */
const PLACEHOLDER = /<([A-Za-z0-9_.-]+)>/g;

export type PlaceholderPosition = 'value' | 'in-string' | 'text';

export type TemplatePart =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'placeholder'; readonly name: string; readonly position: PlaceholderPosition };

export interface ParsedTemplate {
  /** Whether the template is JSON (with its placeholders stood in for). */
  readonly json: boolean;
  readonly parts: readonly TemplatePart[];
}

/** Every placeholder name in `template`, in order, repeats included. */
export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((match) => match[1] ?? '');
}

/** Whether position `index` of `template` is inside a JSON string, for each placeholder start. */
function insideStrings(template: string, starts: readonly number[]): boolean[] {
  const result: boolean[] = [];
  let inString = false;
  let next = 0;
  for (let i = 0; i <= template.length && next < starts.length; i += 1) {
    while (next < starts.length && starts[next] === i) {
      result.push(inString);
      next += 1;
    }
    const char = template[i];
    if (inString && char === '\\') i += 1;
    else if (char === '"') inString = !inString;
  }
  return result;
}

/** Reads `template` into parts. Placeholders are kept whatever their names (validation is separate). */
export function parseInputTemplate(template: string): ParsedTemplate {
  const matches = [...template.matchAll(PLACEHOLDER)];
  const inString = insideStrings(
    template,
    matches.map((match) => match.index),
  );
  // Stand-ins: `null` for a value, nothing inside a string; the result parses when the template is JSON.
  let standIn = '';
  let offset = 0;
  matches.forEach((match, i) => {
    standIn += template.slice(offset, match.index) + (inString[i] === true ? '' : 'null');
    offset = match.index + match[0].length;
  });
  standIn += template.slice(offset);
  let json = true;
  try {
    JSON.parse(standIn);
  } catch {
    json = false;
  }

  const parts: TemplatePart[] = [];
  offset = 0;
  matches.forEach((match, i) => {
    if (match.index > offset) parts.push({ kind: 'text', text: template.slice(offset, match.index) });
    const position: PlaceholderPosition = !json ? 'text' : inString[i] === true ? 'in-string' : 'value';
    parts.push({ kind: 'placeholder', name: match[1] ?? '', position });
    offset = match.index + match[0].length;
  });
  if (offset < template.length) parts.push({ kind: 'text', text: template.slice(offset) });
  return { json, parts };
}
