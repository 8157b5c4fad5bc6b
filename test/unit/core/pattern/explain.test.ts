import { compilePattern } from '../../../../src/core/pattern';

const orderPattern = {
  source: ['shop.billing', 'shop.orders'],
  'detail-type': [{ prefix: 'Order' }],
  detail: { total: [{ numeric: ['>', 100] }], currency: ['EUR'] },
};

function explain(pattern: Record<string, unknown>, event: unknown): string[] {
  return compilePattern(pattern)
    .explain(event)
    .map((m) => `${m.path}: ${m.reason}`);
}

describe('explain', () => {
  it('is empty when the event matches', () => {
    expect(
      explain(orderPattern, { source: 'shop.orders', 'detail-type': 'Order Placed', detail: { total: 180, currency: 'EUR' } }),
    ).toEqual([]);
  });

  it('lists every failing condition with its path', () => {
    expect(explain(orderPattern, { source: 'shop.x', 'detail-type': 'Invoice', detail: { total: 80 } })).toEqual([
      'source: "shop.x" is not one of "shop.billing", "shop.orders"',
      'detail-type: "Invoice" is not a string starting with "Order"',
      'detail.total: 80 is not > 100',
      'detail.currency: missing',
    ]);
  });

  it('names a missing parent by the leaf path', () => {
    expect(explain({ detail: { total: [{ numeric: ['>', 100] }] } }, { source: 'x' })).toEqual(['detail.total: missing']);
  });

  it('describes numeric ranges and numbers EventBridge does not compare', () => {
    const pattern = { n: [{ numeric: ['>=', 0, '<', 10] }] };
    expect(explain(pattern, { n: 10 })).toEqual(['n: 10 is not >= 0 and < 10']);
    expect(explain(pattern, { n: '5' })).toEqual(['n: "5" is not >= 0 and < 10']);
    expect(explain(pattern, { n: 1.0000001 })).toEqual([
      'n: 1.0000001 has more than 6 decimal places, so EventBridge does not compare it numerically',
    ]);
    expect(explain({ n: [{ numeric: ['>', 0] }] }, { n: 6e9 })).toEqual([
      'n: 6000000000 is outside the range EventBridge compares numerically (-5e9 to 5e9)',
    ]);
  });

  it('describes each operator', () => {
    const value = { v: 'abc' };
    expect(explain({ v: ['x'] }, value)).toEqual(['v: "abc" is not "x"']);
    expect(explain({ v: [{ suffix: { 'equals-ignore-case': '.PNG' } }] }, value)).toEqual([
      'v: "abc" is not a string ending with ".PNG" (ignoring case)',
    ]);
    expect(explain({ v: [{ 'equals-ignore-case': 'ABD' }] }, value)).toEqual(['v: "abc" is not "ABD" (ignoring case)']);
    expect(explain({ v: [{ wildcard: 'x*' }] }, value)).toEqual(['v: "abc" is not a string matching wildcard "x*"']);
    expect(explain({ v: [{ cidr: '10.0.0.0/8' }] }, value)).toEqual(['v: "abc" is not an IP address in 10.0.0.0/8']);
    expect(explain({ v: [{ 'anything-but': ['abc', 'def'] }] }, value)).toEqual(['v: "abc" is not anything but one of "abc", "def"']);
    expect(explain({ v: [{ 'anything-but': { prefix: 'a' } }] }, value)).toEqual([
      'v: "abc" is not anything but a string starting with "a"',
    ]);
    expect(explain({ v: [{ exists: false }] }, value)).toEqual(['v: present ("abc"), but must not exist']);
    expect(explain({ w: [{ exists: true }] }, value)).toEqual(['w: missing']);
    expect(explain({ v: ['x', { prefix: 'y' }, { numeric: ['>', 5] }] }, value)).toEqual([
      'v: "abc" is not any of: "x", a string starting with "y", > 5',
    ]);
  });

  it('explains values that are objects or arrays', () => {
    expect(explain({ detail: ['x'] }, { detail: { a: 1 } })).toEqual(['detail: {"a":1} is an object, not "x"']);
    expect(explain({ tags: ['x'] }, { tags: ['a', 'b'] })).toEqual(['tags: no element of ["a","b"] is "x"']);
    expect(explain({ tags: [{ exists: true }] }, { tags: [] })).toEqual(['tags: [] holds no values, so it is not present']);
  });

  it('reports the array element that came closest, with its index', () => {
    const pattern = { detail: { lines: { sku: ['SKU-2'], qty: [{ numeric: ['>=', 3] }] } } };
    expect(
      explain(pattern, {
        detail: {
          lines: [
            { sku: 'SKU-1', qty: 1 },
            { sku: 'SKU-2', qty: 2 },
          ],
        },
      }),
    ).toEqual(['detail.lines[1].qty: 2 is not >= 3']);
  });

  it('reports the $or alternative that came closest', () => {
    const pattern = {
      source: ['shop.orders'],
      $or: [{ detail: { status: ['PAID'], total: [{ numeric: ['>', 100] }] } }, { detail: { refunded: [true] } }],
    };
    expect(explain(pattern, { source: 'shop.orders', detail: { status: 'PAID', total: 50 } })).toEqual(['detail.total: 50 is not > 100']);
    expect(explain(pattern, { source: 'shop.orders', detail: { status: 'NEW', total: 50, refunded: false } })).toEqual([
      'detail.refunded: false is not true',
    ]);
  });

  it('agrees with matches on a dotted event key', () => {
    const compiled = compilePattern({ detail: { state: { status: ['running'] } } });
    const event = { detail: { 'state.status': 'stopped' } };
    expect(compiled.matches(event)).toBe(false);
    expect(compiled.explain(event)).toEqual([{ path: 'detail.state.status', reason: '"stopped" is not "running"' }]);
  });

  it('cuts long values so a reason stays one line', () => {
    const [reason] = explain({ v: ['x'] }, { v: 'y'.repeat(500) });
    expect(reason?.length).toBeLessThan(120);
    expect(reason).toContain('…');
  });
});
