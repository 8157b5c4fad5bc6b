import { stringify } from '../../../../../src/core/matchers/messages/printer';

describe('stringify', () => {
  it('writes values as compact JSON', () => {
    expect(stringify({ orderId: '1', items: [1, 2], ok: true, none: null })).toBe('{"orderId":"1","items":[1,2],"ok":true,"none":null}');
    expect(stringify('text')).toBe('"text"');
    expect(stringify(12.5)).toBe('12.5');
    expect(stringify({})).toBe('{}');
  });

  it('writes BigInts as their digits instead of throwing', () => {
    expect(stringify({ id: 12345678901234567890n })).toBe('{"id":12345678901234567890}');
  });

  it('names functions, anonymous or not', () => {
    function isPlaced(): boolean {
      return true;
    }
    expect(stringify(isPlaced)).toBe('[Function isPlaced]');
    expect(stringify([() => true][0])).toBe('[Function]');
  });

  it('falls back to String() where JSON has no text', () => {
    expect(stringify(undefined)).toBe('undefined');
    expect(stringify(Symbol('s'))).toBe('Symbol(s)');
  });

  it('falls back to String() where JSON throws (a cycle)', () => {
    const cyclic: { self?: unknown; toString(): string } = { toString: () => 'cyclic!' };
    cyclic.self = cyclic;
    expect(stringify(cyclic)).toBe('cyclic!');
  });
});
