import { describe, expect, it } from '@jest/globals';
import { describeValue } from '../../../src/foundation/describeValue';

describe('describeValue', () => {
  it.each([
    ['abc', '"abc"'],
    ['', '""'],
    [42, '42'],
    [NaN, 'NaN'],
    [-Infinity, '-Infinity'],
    [true, 'true'],
    [12345678901234567890n, '12345678901234567890'],
    [null, 'null'],
    [undefined, 'undefined'],
    [Symbol('id'), 'Symbol(id)'],
    [[1, 2], 'an array'],
    [{ secret: 'x' }, 'an object'],
    [new Date(0), 'an object'],
    [() => 'source text', 'a function'],
  ])('describes %p as %s', (value, shown) => {
    expect(describeValue(value)).toBe(shown);
  });
});
