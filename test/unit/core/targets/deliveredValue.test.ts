import { deliveredValue } from '../../../../src/core/targets/deliveredValue';

describe('deliveredValue', () => {
  it("is the JSON value a target's input text holds, integers beyond 2^53 kept", () => {
    expect(deliveredValue('{"orderId":"o-1","total":9007199254740993}')).toEqual({ orderId: 'o-1', total: 9007199254740993n });
    expect(deliveredValue('"text"')).toBe('text');
    expect(deliveredValue('42')).toBe(42);
  });

  it('is the text itself when it is not JSON (an input template can yield plain text)', () => {
    expect(deliveredValue('Order o-1 confirmed')).toBe('Order o-1 confirmed');
  });
});
