/**
 * A JSON value as the text of a `<script type="application/json">` element. The HTML parser ends
 * a script element at the first `</script` whatever the JSON means, and `<!--` inside one changes
 * how it looks for the end; so every `<`, `>` and `&` is written as its `\u` escape, which
 * JSON.parse reads back as the same character. They can only occur inside JSON strings, where
 * such an escape is valid. U+2028 and U+2029 are escaped too: valid in JSON, they end a line
 * in older JavaScript and in some tools that read the page. Numbers stay exact (BigInts as their
 * digits: `stringifyExactJson`).
 */
import { stringifyExactJson } from '../../../foundation/exactJson';

const UNSAFE_IN_SCRIPT = /[<>&\u2028\u2029]/g;

/** `\u003c` for `<`, and so on: 4 hex digits, as JSON writes an escape. */
function unicodeEscape(character: string): string {
  return `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * The JSON text of `value`, safe as the whole content of a `<script type="application/json">`
 * element. Throws a TypeError for a value JSON cannot write (undefined, a function), and what
 * JSON.stringify throws for a cycle.
 */
export function embedJson(value: unknown): string {
  const text = stringifyExactJson(value);
  if (text === undefined) throw new TypeError(`Cannot embed ${typeof value} as JSON: only a JSON value can be embedded.`);
  return text.replace(UNSAFE_IN_SCRIPT, unicodeEscape);
}
