/**
 * Reads an entry's `time`: a Date (from any realm), an RFC 3339 timestamp, or epoch milliseconds.
 *
 * Why not `new Date(text)`: it reads "1" as 2001-01-01, rolls "2024-02-30" over to 1 March, and
 * reads "May 1, 2024" or a timestamp without an offset in the machine's local time zone. Why not
 * a date library: date-fns' parseISO and the like read the broader ISO 8601 (week dates, no
 * offset = local time), which is the ambiguity to refuse, and the strict parsers are Temporal
 * polyfills far larger than RFC 3339's one fixed line of grammar, which this module checks field
 * by field.
 */
import { isAnyDate, toLocalDate } from '../../foundation/realm';

export const TIME_EXAMPLE = '"2024-05-01T10:00:00Z"';

const RFC_3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

/** The Date range of ECMAScript: ±8.64e15 ms around 1970. */
const MAX_EPOCH_MS = 8.64e15;

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Days in `month` (1 to 12) of `year`: day 0 of the next month is the last of this one. */
function daysIn(year: number, month: number): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month, 0);
  return date.getUTCDate();
}

export type EventTime = { readonly ok: true; readonly time: Date } | { readonly ok: false; readonly problem: string };

/** Reads an RFC 3339 timestamp exactly; the problem names what is wrong with it. */
export function parseRfc3339(text: string): EventTime {
  const match = RFC_3339.exec(text);
  if (!match) {
    return {
      ok: false,
      problem: `is not an RFC 3339 timestamp: write a date, "T", a time and an offset ("Z" or ±hh:mm), such as ${TIME_EXAMPLE}`,
    };
  }
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const fraction = match[7] ?? '';
  if (month < 1 || month > 12) return { ok: false, problem: `has month ${match[2]}; months run from 01 to 12` };
  const days = daysIn(year, month);
  if (day < 1 || day > days) return { ok: false, problem: `is not a real date: ${MONTHS[month - 1]} ${year} has ${days} days` };
  if (hour > 23 || minute > 59) return { ok: false, problem: `has time ${match[4]}:${match[5]}; hours run to 23 and minutes to 59` };
  if (second > 59)
    return { ok: false, problem: `has second ${match[6]}; a JavaScript Date cannot hold a leap second, and seconds run to 59` };
  let offsetMinutes = 0;
  if (match[8] === undefined) {
    const offsetHours = Number(match[10]);
    const offsetRest = Number(match[11]);
    if (offsetHours > 23 || offsetRest > 59)
      return { ok: false, problem: `has offset ${match[9]}${match[10]}:${match[11]}; offsets run to ±23:59` };
    offsetMinutes = (match[9] === '-' ? -1 : 1) * (offsetHours * 60 + offsetRest);
  }
  // Date.UTC reads years 0 to 99 as 1900 to 1999; setUTCFullYear does not.
  const utc = new Date(Date.UTC(2000, month - 1, day, hour, minute, second, Number(fraction.slice(0, 3).padEnd(3, '0'))));
  utc.setUTCFullYear(year);
  return { ok: true, time: new Date(utc.getTime() - offsetMinutes * 60_000) };
}

/**
 * Turns an entry's `time` into a Date of this realm (the AWS SDK checks `instanceof Date`, which
 * a Date made in Jest's sandbox fails). Accepts a valid Date from any realm, an RFC 3339 string,
 * or whole epoch milliseconds; anything else gets a problem naming why.
 */
export function toEventTime(value: unknown): EventTime {
  if (isAnyDate(value)) {
    const local = toLocalDate(value);
    return Number.isNaN(local.getTime()) ? { ok: false, problem: 'is an Invalid Date' } : { ok: true, time: local };
  }
  if (typeof value === 'string') return parseRfc3339(value);
  if (typeof value === 'number') {
    if (!Number.isInteger(value) || Math.abs(value) > MAX_EPOCH_MS) {
      return { ok: false, problem: `is not a whole number of epoch milliseconds within a Date's range (±${MAX_EPOCH_MS})` };
    }
    return { ok: true, time: new Date(value) };
  }
  return { ok: false, problem: 'is not a Date, a string or a number' };
}

/**
 * A time as EventBridge writes it in an envelope: RFC 3339 in UTC, whole seconds (the
 * fraction dropped), `2024-05-01T10:00:00Z`.
 */
export function envelopeTimeText(time: Date): string {
  return new Date(Math.floor(time.getTime() / 1000) * 1000).toISOString().replace(/\.000Z$/, 'Z');
}
