import type { Glob } from './types';

const STAR = 0x2a;
const BACKSLASH = 0x5c;

function utf8Width(codeUnit: number): number {
  if (codeUnit < 0x80) return 1;
  if (codeUnit < 0x800) return 2;
  // A surrogate pair is 4 UTF-8 bytes; counting 2 per half keeps the running offset right.
  if (codeUnit >= 0xd800 && codeUnit <= 0xdfff) return 2;
  return 3;
}

/**
 * Splits a wildcard operand on its unescaped `*`. Throws the reason EventBridge gives for a bad one;
 * positions are counted as event-ruler counts them (UTF-8 bytes of the operand with its opening
 * quote), so they agree with AWS's messages.
 */
export function parseWildcard(value: string): Glob {
  const parts: string[] = [];
  let current = '';
  let bytePos = 1;
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    if (unit === STAR) {
      if (value.charCodeAt(i + 1) === STAR) throw new Error(`Consecutive wildcard characters at pos ${bytePos}`);
      parts.push(current);
      current = '';
      bytePos += 1;
    } else if (unit === BACKSLASH) {
      const next = value.charCodeAt(i + 1);
      if (next !== STAR && next !== BACKSLASH) throw new Error(`Invalid escape character at pos ${bytePos}`);
      current += value[i + 1];
      i += 1;
      bytePos += 2;
    } else {
      current += value[i];
      bytePos += utf8Width(unit);
    }
  }
  parts.push(current);
  return { parts };
}

/**
 * Glob matching with `*` only: the first and last literal parts are anchored and the middle ones are
 * taken leftmost, which is exact for this grammar and linear in practice (no regex backtracking).
 */
export function matchesGlob(glob: Glob, text: string): boolean {
  const parts = glob.parts;
  const first = parts[0] ?? '';
  if (parts.length === 1) return text === first;
  const last = parts[parts.length - 1] ?? '';
  if (text.length < first.length + last.length) return false;
  if (!text.startsWith(first) || !text.endsWith(last)) return false;
  let position = first.length;
  const end = text.length - last.length;
  for (let i = 1; i < parts.length - 1; i++) {
    const part = parts[i] ?? '';
    const found = text.indexOf(part, position);
    if (found === -1 || found + part.length > end) return false;
    position = found + part.length;
  }
  return true;
}
