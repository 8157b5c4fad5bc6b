import { parseExactJson, readJsonNumber, stringifyExactJson } from '../../../src/foundation/exactJson';

describe('exact JSON numbers', () => {
  it.each([
    ['12345678901234567890', 12345678901234567890n],
    ['9007199254740993', 9007199254740993n],
    ['-9007199254740993', -9007199254740993n],
    ['12345678901234567000', 12345678901234567000n],
    ['9007199254740991', 9007199254740991],
    ['1.10', 1.1],
    ['3.0e2', 300],
    ['-0', -0],
  ])('reads %s as %p', (text, value) => {
    expect(readJsonNumber(text)).toEqual(value);
    expect(parseExactJson(`{"n":${text}}`)).toEqual({ n: value });
  });

  it('keeps two distinct large integers distinct', () => {
    const [a, b] = parseExactJson('[12345678901234567890, 12345678901234567891]') as bigint[];
    expect(a === b).toBe(false);
  });

  it("fails on text that is not JSON with JSON.parse's own error", () => {
    expect(() => parseExactJson('{"n": 12345678901234567890')).toThrow(SyntaxError);
  });

  it('reads duplicate keys as JSON.parse does (the last wins)', () => {
    expect(parseExactJson('{"a": 12345678901234567890, "a": 1}')).toEqual({ a: 1 });
  });

  it('writes BigInts as their digits and everything else as JSON.stringify does', () => {
    expect(stringifyExactJson({ a: 12345678901234567890n, d: new Date(0), u: undefined, s: 'x' })).toBe(
      '{"a":12345678901234567890,"d":"1970-01-01T00:00:00.000Z","s":"x"}',
    );
    expect(stringifyExactJson({ a: 1 })).toBe('{"a":1}');
    expect(stringifyExactJson(undefined)).toBeUndefined();
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(() => stringifyExactJson(cycle)).toThrow(/circular/);
  });
});
