/**
 * A template's content as plain values, with its numbers kept exact: a number a double holds
 * exactly is a `number`; any other (an integer beyond 2^53, a decimal with more digits than a
 * double keeps, an overflow) is lossless-json's `LosslessNumber`, which keeps the number's text.
 * lossless-json writes it back as that text, so an order id 12345678901234567890 in a rule's
 * EventPattern reaches the pattern's JSON unchanged.
 */
import { isLosslessNumber, isSafeNumber, LosslessNumber, stringify as stringifyLossless } from 'lossless-json';
import { isRecord } from '../../foundation/objects';

export type TemplateScalar = string | number | boolean | null | LosslessNumber;
export type TemplateValue = TemplateScalar | readonly TemplateValue[] | TemplateObject;
export interface TemplateObject {
  readonly [key: string]: TemplateValue;
}

/** A JSON number's text. */
const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/**
 * The value of a number written as `text`: a double when the double is exact, else the text
 * kept. `text` that is not a JSON number (YAML's `0x1F`, `.inf`, `+1`) gives `parsed`.
 */
export function exactNumber(text: string, parsed: number): number | LosslessNumber {
  if (!JSON_NUMBER.test(text) || isSafeNumber(text)) return parsed;
  return new LosslessNumber(text);
}

export function isTemplateObject(value: unknown): value is TemplateObject {
  return isRecord(value) && !isLosslessNumber(value);
}

export function isTemplateArray(value: unknown): value is readonly TemplateValue[] {
  return Array.isArray(value);
}

/**
 * The function's name when `value` is an intrinsic function call (an object whose one key is
 * `Ref` or `Fn::…`; `Condition` too inside a condition); undefined for any other value.
 */
export function intrinsicName(value: unknown): string | undefined {
  if (!isTemplateObject(value)) return undefined;
  const keys = Object.keys(value);
  const [only] = keys;
  return keys.length === 1 && only !== undefined && (only === 'Ref' || only === 'Condition' || only.startsWith('Fn::')) ? only : undefined;
}

/** A scalar as CloudFormation turns it into a string (a number's text, `true`); undefined for lists, objects and null. */
export function scalarText(value: TemplateValue | undefined): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (isLosslessNumber(value)) return value.toString();
  return undefined;
}

/** JSON text of a resolved value, exact numbers written as their text. */
export function templateJson(value: TemplateValue): string {
  return stringifyLossless(value) ?? 'null';
}
