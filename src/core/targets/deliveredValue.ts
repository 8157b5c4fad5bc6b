import { parseExactJson } from '../../foundation/exactJson';

/**
 * What a target's input text is to a spec: the JSON value it holds (integers beyond 2^53 kept
 * as BigInts), or the text itself when it is not JSON (an input template can yield plain text).
 */
export function deliveredValue(text: string): unknown {
  try {
    return parseExactJson(text);
  } catch {
    return text;
  }
}
