/**
 * Realm-independent checks and copies. A spec runs in Jest's sandbox, a separate V8 realm with
 * its own `Date`, `Array` and `Error`: a value made there fails `instanceof Date` here, and so it
 * fails the AWS SDK's own `instanceof` checks too (the SDK then sends a Date as the wrong shape).
 * Whatever a spec hands the library is checked with `node:util`'s `types`, which look at the
 * value itself rather than its prototype, and copied into this realm before it reaches the SDK.
 */
import { types } from 'node:util';

/** A Date from any realm. */
export function isAnyDate(value: unknown): value is Date {
  return types.isDate(value);
}

/** An Error from any realm (a sandbox `new Error()` is not `instanceof Error` here). */
export function isAnyError(value: unknown): value is Error {
  return types.isNativeError(value);
}

/** `value`'s message when it is an error from any realm, else its string form. */
export function messageOf(value: unknown): string {
  return isAnyError(value) ? value.message : String(value);
}

/** A Date of this realm at the same instant, so that the SDK's `instanceof Date` holds. */
export function toLocalDate(value: Date): Date {
  return new Date(Date.prototype.getTime.call(value));
}

/**
 * What JSON.stringify would turn into something other than the object it looks like: a Map or
 * Set becomes `{}`, a typed array or Buffer an object of indices or `{"type":"Buffer",...}`.
 * Named for messages ("a Map"), or undefined for a value that serialises as it reads.
 */
export function unserialisableKind(value: unknown): string | undefined {
  if (types.isMap(value)) return 'a Map';
  if (types.isSet(value)) return 'a Set';
  if (Buffer.isBuffer(value)) return 'a Buffer';
  if (types.isTypedArray(value)) return 'a typed array';
  if (types.isAnyArrayBuffer(value)) return 'an ArrayBuffer';
  if (types.isRegExp(value)) return 'a RegExp';
  if (types.isPromise(value)) return 'a Promise';
  return undefined;
}
