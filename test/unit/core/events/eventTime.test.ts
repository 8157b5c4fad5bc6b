import { runInNewContext } from 'node:vm';
import { toRequestEntry } from '../../../../src/core/events/putEntries';
import { parseRfc3339, toEventTime } from '../../../../src/core/events/eventTime';

const problemOf = (time: unknown): string => {
  try {
    toRequestEntry({ source: 's', detailType: 't', time: time as string }, 2, 'orders');
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected a throw');
};

describe("an entry's time", () => {
  it.each([
    ['2024-05-01T10:00:00Z', Date.UTC(2024, 4, 1, 10)],
    ['2024-05-01t10:00:00z', Date.UTC(2024, 4, 1, 10)],
    ['2024-05-01T12:00:00+02:00', Date.UTC(2024, 4, 1, 10)],
    ['2024-05-01T05:30:00-04:30', Date.UTC(2024, 4, 1, 10)],
    ['2024-05-01T10:00:00.1234Z', Date.UTC(2024, 4, 1, 10, 0, 0, 123)],
    ['2024-02-29T00:00:00Z', Date.UTC(2024, 1, 29)],
    // Date.UTC would read year 99 as 1999.
    ['0099-12-31T23:59:59Z', -59_011_459_201_000],
  ])('reads the RFC 3339 timestamp %s exactly', (text, expected) => {
    expect(parseRfc3339(text)).toEqual({ ok: true, time: new Date(expected) });
  });

  it.each([
    [
      '1',
      'put(): entry 2 "time" "1" is not an RFC 3339 timestamp: write a date, "T", a time and an offset ("Z" or ±hh:mm), such as "2024-05-01T10:00:00Z"; pass a Date, an RFC 3339 timestamp such as "2024-05-01T10:00:00Z", or epoch milliseconds.',
    ],
    [
      'May 1, 2024',
      'put(): entry 2 "time" "May 1, 2024" is not an RFC 3339 timestamp: write a date, "T", a time and an offset ("Z" or ±hh:mm), such as "2024-05-01T10:00:00Z"; pass a Date, an RFC 3339 timestamp such as "2024-05-01T10:00:00Z", or epoch milliseconds.',
    ],
    [
      '12/31/2024',
      'put(): entry 2 "time" "12/31/2024" is not an RFC 3339 timestamp: write a date, "T", a time and an offset ("Z" or ±hh:mm), such as "2024-05-01T10:00:00Z"; pass a Date, an RFC 3339 timestamp such as "2024-05-01T10:00:00Z", or epoch milliseconds.',
    ],
    [
      '2024-05-01T10:00:00',
      'put(): entry 2 "time" "2024-05-01T10:00:00" is not an RFC 3339 timestamp: write a date, "T", a time and an offset ("Z" or ±hh:mm), such as "2024-05-01T10:00:00Z"; pass a Date, an RFC 3339 timestamp such as "2024-05-01T10:00:00Z", or epoch milliseconds.',
    ],
    [
      '2024-02-30T00:00:00Z',
      'put(): entry 2 "time" "2024-02-30T00:00:00Z" is not a real date: February 2024 has 29 days; pass a Date, an RFC 3339 timestamp such as "2024-05-01T10:00:00Z", or epoch milliseconds.',
    ],
    [
      '2023-02-29T00:00:00Z',
      'put(): entry 2 "time" "2023-02-29T00:00:00Z" is not a real date: February 2023 has 28 days; pass a Date, an RFC 3339 timestamp such as "2024-05-01T10:00:00Z", or epoch milliseconds.',
    ],
    [
      '2024-13-01T00:00:00Z',
      'put(): entry 2 "time" "2024-13-01T00:00:00Z" has month 13; months run from 01 to 12; pass a Date, an RFC 3339 timestamp such as "2024-05-01T10:00:00Z", or epoch milliseconds.',
    ],
    [
      '2024-05-01T24:00:00Z',
      'put(): entry 2 "time" "2024-05-01T24:00:00Z" has time 24:00; hours run to 23 and minutes to 59; pass a Date, an RFC 3339 timestamp such as "2024-05-01T10:00:00Z", or epoch milliseconds.',
    ],
    [
      '2016-12-31T23:59:60Z',
      'put(): entry 2 "time" "2016-12-31T23:59:60Z" has second 60; a JavaScript Date cannot hold a leap second, and seconds run to 59; pass a Date, an RFC 3339 timestamp such as "2024-05-01T10:00:00Z", or epoch milliseconds.',
    ],
    [
      '2024-05-01T10:00:00+24:00',
      'put(): entry 2 "time" "2024-05-01T10:00:00+24:00" has offset +24:00; offsets run to ±23:59; pass a Date, an RFC 3339 timestamp such as "2024-05-01T10:00:00Z", or epoch milliseconds.',
    ],
    [
      1.5,
      'put(): entry 2 "time" 1.5 is not a whole number of epoch milliseconds within a Date\'s range (±8640000000000000); pass a Date, an RFC 3339 timestamp such as "2024-05-01T10:00:00Z", or epoch milliseconds.',
    ],
    [
      true,
      'put(): entry 2 "time" true is not a Date, a string or a number; pass a Date, an RFC 3339 timestamp such as "2024-05-01T10:00:00Z", or epoch milliseconds.',
    ],
    [
      new Date(NaN),
      'put(): entry 2 "time" is an Invalid Date; pass a Date, an RFC 3339 timestamp such as "2024-05-01T10:00:00Z", or epoch milliseconds.',
    ],
  ])('refuses %p, naming the entry', (time, expected) => {
    expect(problemOf(time)).toBe(expected);
  });

  it('takes whole epoch milliseconds', () => {
    expect(toRequestEntry({ source: 's', detailType: 't', time: Date.UTC(2024, 4, 1, 10) }, 0, 'orders').Time).toEqual(
      new Date('2024-05-01T10:00:00Z'),
    );
  });

  it("hands the SDK a Date of its own realm, also for a Date made in another realm (Jest's sandbox)", () => {
    const foreign: unknown = runInNewContext('new Date(Date.UTC(2024, 4, 1, 10))');
    expect(foreign instanceof Date).toBe(false);
    const read = toEventTime(foreign);
    expect(read.ok && read.time instanceof Date && read.time.toISOString()).toBe('2024-05-01T10:00:00.000Z');
    const request = toRequestEntry({ source: 's', detailType: 't', time: foreign as Date }, 0, 'orders');
    expect(request.Time instanceof Date && request.Time.toISOString()).toBe('2024-05-01T10:00:00.000Z');
  });
});

describe('values from another realm', () => {
  it("copies resources into this realm's Array", () => {
    const foreign = runInNewContext('["arn:aws:s3:::a"]') as string[];
    const request = toRequestEntry({ source: 's', detailType: 't', resources: foreign }, 0, 'orders');
    expect(request.Resources instanceof Array).toBe(true);
    expect(request.Resources).toEqual(['arn:aws:s3:::a']);
  });

  it.each([
    ['new Map([["a", 1]])', 'a Map'],
    ['new Set([1])', 'a Set'],
    ['new Uint8Array([1])', 'a typed array'],
  ])('refuses a detail that JSON would turn into something else: %s', (source, kind) => {
    const detail = runInNewContext(source) as Record<string, unknown>;
    expect(() => toRequestEntry({ source: 's', detailType: 't', detail }, 1, 'orders')).toThrow(
      `put(): entry 1 "detail" is ${kind}, which JSON turns into something else; pass a plain object or a JSON string.`,
    );
  });

  it('reports the message of an error thrown by a toJSON in another realm', () => {
    const detail = runInNewContext('({ a: { toJSON() { throw new Error("no JSON for you") } } })') as Record<string, unknown>;
    expect(() => toRequestEntry({ source: 's', detailType: 't', detail }, 0, 'orders')).toThrow(
      'put(): entry 0 "detail" cannot be serialised to JSON: no JSON for you.',
    );
  });
});
