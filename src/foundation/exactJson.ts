/**
 * JSON with its numbers kept exact. JSON.parse reads every number as a double, so an order id
 * 12345678901234567890 becomes 12345678901234567000 and 9007199254740993 becomes …992: two
 * distinct ids then compare equal and messages print both rounded.
 *
 * Reading: an integer beyond ±(2^53-1) becomes a BigInt (exact); every other number stays a
 * double, which holds it exactly or, for a decimal with more than 15 significant digits, to the
 * nearest double. The parsing of such texts is lossless-json's (a maintained parser made for
 * this: it hands each number's text to a callback); chosen over json-bigint, which is
 * unmaintained and turns every large number into a BigNumber object, and over our own parser.
 * Text without a run of 16 digits cannot hold an inexact number, so it takes the fast JSON.parse.
 *
 * Writing: BigInts are written as their digits; everything else as JSON.stringify would.
 */
import { parse as parseLossless, stringify as stringifyLossless } from 'lossless-json';

/** Up to 15 significant digits always survive a double; a number with more has a run of 16 digits or dots. */
const MAY_BE_INEXACT = /\d[\d.]{15,}/;
const INTEGER = /^-?\d+$/;

/** One JSON number's text as a value: BigInt for an integer a double cannot hold, else a number. */
export function readJsonNumber(text: string): number | bigint {
  const value = Number(text);
  if (INTEGER.test(text) && !Number.isSafeInteger(value)) return BigInt(text);
  return value;
}

/**
 * Parses JSON text like JSON.parse (with its error messages), but reads integers beyond
 * ±(2^53-1) as BigInts. Throws JSON.parse's SyntaxError for text that is not JSON.
 */
export function parseExactJson(text: string): unknown {
  const value: unknown = JSON.parse(text);
  if (!MAY_BE_INEXACT.test(text)) return value;
  try {
    return parseLossless(text, null, readJsonNumber);
  } catch {
    // lossless-json refuses duplicate keys, which JSON (and JSON.parse: the last one wins) allows.
    return value;
  }
}

/** Whether JSON.stringify failed because of a BigInt (its TypeError, from any realm). */
function isBigIntError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && /BigInt/.test(String((error as { message?: unknown }).message));
}

/**
 * JSON text of `value` as JSON.stringify writes it, except that BigInts are written as their
 * digits (`12345678901234567890`) instead of throwing. Throws what JSON.stringify throws for
 * anything else (a cycle, a throwing toJSON); returns undefined where JSON.stringify does.
 */
export function stringifyExactJson(value: unknown): string | undefined {
  try {
    return JSON.stringify(value);
  } catch (error) {
    if (!isBigIntError(error)) throw error;
    return stringifyLossless(value);
  }
}
