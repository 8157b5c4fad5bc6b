import { compilePattern, matchesPattern, validatePattern } from '../../../../src/core/pattern';
import { parseEnvelope } from '../../../../src/core/events/envelope';

/** An event as the capture reads it from its queue: through the exact parser. */
function delivered(detailText: string): unknown {
  const parsed = parseEnvelope(`{"id":"1","source":"s","detail-type":"t","detail":${detailText}}`);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.event;
}

describe('numbers beyond 2^53 in the pattern language', () => {
  const a = delivered('{"orderId": 12345678901234567890}');
  const b = delivered('{"orderId": 12345678901234567891}');

  it('tells two distinct large integers apart, in a pattern given as JSON text', () => {
    const pattern = compilePattern('{"detail": {"orderId": [12345678901234567890]}}');
    expect(pattern.matches(a)).toBe(true);
    expect(pattern.matches(b)).toBe(false);
  });

  it('tells them apart in a pattern written with a BigInt', () => {
    expect(matchesPattern({ detail: { orderId: [12345678901234567891n] } }, b)).toBe(true);
    expect(matchesPattern({ detail: { orderId: [12345678901234567891n] } }, a)).toBe(false);
  });

  it('matches a JS number by the JSON text EventBridge would receive for it', () => {
    // 12345678901234567890 as a double is 12345678901234567168, written 12345678901234567000.
    // eslint-disable-next-line no-loss-of-precision
    const rounded = { detail: { orderId: [12345678901234567890] } };
    expect(matchesPattern(rounded, a)).toBe(false);
    expect(matchesPattern(rounded, delivered('{"orderId": 12345678901234567000}'))).toBe(true);
  });

  it('keeps safe integers and decimals numeric: 2^53-1, 300 and 300.0', () => {
    expect(matchesPattern({ detail: { n: [9007199254740991n] } }, delivered('{"n": 9007199254740991}'))).toBe(true);
    expect(matchesPattern({ detail: { n: [300] } }, delivered('{"n": 300.0}'))).toBe(true);
    expect(matchesPattern({ detail: { n: [5n] } }, delivered('{"n": 5}'))).toBe(true);
  });

  it('never satisfies numeric with an integer beyond 2^53, as EventBridge compares only within ±5e9', () => {
    expect(matchesPattern({ detail: { orderId: [{ numeric: ['>', 0] }] } }, a)).toBe(false);
    expect(matchesPattern({ detail: { orderId: [{ 'anything-but': [100] }] } }, a)).toBe(true);
    expect(matchesPattern({ detail: { orderId: [{ exists: true }] } }, a)).toBe(true);
  });

  it('refuses BigInt operands beyond the range EventBridge accepts, with its message', () => {
    expect(() => validatePattern({ detail: { n: [{ numeric: ['>', 12345678901234567890n] }] } })).toThrow(
      'Value must be between -5.0E9 and 5.0E9, inclusive (at detail.n)',
    );
    expect(() => validatePattern({ detail: { n: [{ 'anything-but': [12345678901234567890n] }] } })).toThrow(
      'Value must be between -5.0E9 and 5.0E9, inclusive (at detail.n)',
    );
    expect(() => validatePattern('{"detail": {"n": [{"numeric": ["=", 12345678901234567890]}]}}')).toThrow(
      'Value must be between -5.0E9 and 5.0E9, inclusive (at detail.n)',
    );
  });

  it('prints exact numbers in explanations and descriptions', () => {
    const compiled = compilePattern('{"detail": {"orderId": [12345678901234567890]}}');
    expect(compiled.describe()).toBe('{"detail":{"orderId":[12345678901234567890]}}');
    expect(compiled.explain(b)).toEqual([{ path: 'detail.orderId', reason: '12345678901234567891 is not 12345678901234567890' }]);
    expect(compilePattern({ detail: { orderId: [{ numeric: ['<', 10] }] } }).explain(a)).toEqual([
      { path: 'detail.orderId', reason: '12345678901234567890 is outside the range EventBridge compares numerically (-5e9 to 5e9)' },
    ]);
  });
});
