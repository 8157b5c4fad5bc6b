import { embedJson } from '../../../src/core/report/html/embedJson';
import { parseExactJson } from '../../../src/foundation/exactJson';

describe('embedJson', () => {
  const hostile = { note: '</script><img src=x onerror=alert(1)><!-- & -->', separators: 'a\u2028b\u2029c' };

  it('writes <, >, &, U+2028 and U+2029 as \\u escapes, so no text can end the script element', () => {
    expect(embedJson(hostile)).toBe(
      '{"note":"\\u003c/script\\u003e\\u003cimg src=x onerror=alert(1)\\u003e\\u003c!-- \\u0026 --\\u003e","separators":"a\\u2028b\\u2029c"}',
    );
  });

  it('reads back as the same value, integers beyond 2^53 exact', () => {
    const value = { ...hostile, ledgerId: 12345678901234567890n, amount: 4.5, list: [null, true] };
    expect(parseExactJson(embedJson(value))).toEqual(value);
  });

  it('refuses what JSON cannot write', () => {
    expect(() => embedJson(undefined)).toThrow(new TypeError('Cannot embed undefined as JSON: only a JSON value can be embedded.'));
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(() => embedJson(cycle)).toThrow(TypeError);
  });
});
