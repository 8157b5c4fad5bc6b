import { runInNewContext } from 'node:vm';
import { compilePattern, InvalidEventPatternError, matchesPattern, validatePattern } from '../../../../src/core/pattern';

const P = 'Event pattern is not valid. Reason: ';

// Reasons are EventBridge's own wording (as returned by PutRule / TestEventPattern) unless noted.
const invalidPatterns: ReadonlyArray<readonly [string, unknown, string | RegExp]> = [
  ['an array', ['source'], `${P}Filter is not an object`],
  ['null', null, `${P}Filter is not an object`],
  ['a number', 42, `${P}Filter is not an object`],
  ['JSON text of an array', '["not", "a", "dict"]', `${P}Filter is not an object`],
  ['JSON text that does not parse', '{"source": [', /^Event pattern is not valid\. Reason: Pattern is not valid JSON \(.+\)$/],
  ['an empty object', {}, `${P}Empty objects are not allowed`],
  ['an empty nested object', { detail: {} }, `${P}Empty objects are not allowed (at detail)`],
  ['a leaf that is not an array', { source: 'shop.orders' }, `${P}"source" must be an object or an array (at source)`],
  ['a nested leaf that is a number', { detail: { total: 42 } }, `${P}"total" must be an object or an array (at detail.total)`],
  ['an empty value list', { resources: [] }, `${P}Empty arrays are not allowed (at resources)`],
  [
    'an array inside a value list',
    { detail: { tags: [['a']] } },
    `${P}Match value must be String, number, true, false, or null (at detail.tags)`,
  ],
  ['an empty match expression', { source: [{}] }, `${P}Match expression name not found (at source)`],
  ['an unknown operator', { detail: { total: [{ foo: 1 }] } }, `${P}Unrecognized match type foo (at detail.total)`],
  [
    'an operator in the wrong case',
    { detail: { equal: [{ NUMERIC: ['=', 5] }] } },
    `${P}Unrecognized match type NUMERIC (at detail.equal)`,
  ],
  ['"exactly", which EventBridge does not document', { source: [{ exactly: 'x' }] }, `${P}Unrecognized match type exactly (at source)`],
  [
    'two operators in one expression',
    { source: [{ prefix: 'a', suffix: 'b' }] },
    `${P}Only one key allowed in match expression (at source)`,
  ],
  ['prefix with a number', { time: [{ prefix: 123 }] }, `${P}prefix match pattern must be a string (at time)`],
  ['prefix with a list', { time: [{ prefix: ['2022'] }] }, `${P}prefix match pattern must be a string (at time)`],
  [
    'prefix with an unknown option',
    { time: [{ prefix: { 'ignore-case': 'x' } }] },
    `${P}Unsupported prefix pattern: ignore-case (at time)`,
  ],
  ['prefix with an empty object', { time: [{ prefix: {} }] }, `${P}Prefix expression name not found (at time)`],
  [
    'prefix equals-ignore-case with a number',
    { time: [{ prefix: { 'equals-ignore-case': 1 } }] },
    `${P}equals-ignore-case match pattern must be a string (at time)`,
  ],
  ['suffix with a number', { FileName: [{ suffix: 123 }] }, `${P}suffix match pattern must be a string (at FileName)`],
  ['suffix with a list', { FileName: [{ suffix: ['.png'] }] }, `${P}suffix match pattern must be a string (at FileName)`],
  [
    'suffix with an unknown option',
    { FileName: [{ suffix: { wildcard: 'x' } }] },
    `${P}Unsupported suffix pattern: wildcard (at FileName)`,
  ],
  [
    'equals-ignore-case with a list',
    { 'detail-type': [{ 'equals-ignore-case': ['a'] }] },
    `${P}equals-ignore-case match pattern must be a string (at detail-type)`,
  ],
  [
    'equals-ignore-case with an object',
    { 'detail-type': [{ 'equals-ignore-case': { prefix: 'ec2' } }] },
    `${P}equals-ignore-case match pattern must be a string (at detail-type)`,
  ],
  ['wildcard with a number', { EventBusArn: [{ wildcard: 123 }] }, `${P}wildcard match pattern must be a string (at EventBusArn)`],
  [
    'wildcard with consecutive stars',
    { EventBusArn: [{ wildcard: 'arn:aws:events:us-east-1:**:event-bus/*' }] },
    `${P}Consecutive wildcard characters at pos 26 (at EventBusArn)`,
  ],
  ['wildcard with an escape of another character', { path: [{ wildcard: 'a\\b*' }] }, `${P}Invalid escape character at pos 2 (at path)`],
  ['wildcard ending in a lone backslash', { path: [{ wildcard: 'ab\\' }] }, `${P}Invalid escape character at pos 3 (at path)`],
  [
    'anything-but null',
    { state: [{ 'anything-but': null }] },
    `${P}Value of anything-but must be an array or single string/number value. (at state)`,
  ],
  [
    'anything-but true',
    { state: [{ 'anything-but': true }] },
    `${P}Value of anything-but must be an array or single string/number value. (at state)`,
  ],
  ['anything-but an empty list', { state: [{ 'anything-but': [] }] }, `${P}Empty arrays are not allowed (at state)`],
  [
    'anything-but a mixed list',
    { state: [{ 'anything-but': ['a', 1] }] },
    `${P}Inside anything but list, either all values are number or string, mixed type is not supported (at state)`,
  ],
  [
    'anything-but a list with null',
    { state: [{ 'anything-but': ['a', null] }] },
    `${P}Inside anything but list, start|null|boolean is not supported. (at state)`,
  ],
  [
    'anything-but an unknown nested operator',
    { state: [{ 'anything-but': { numeric: ['>', 1] } }] },
    `${P}Unsupported anything-but pattern: numeric (at state)`,
  ],
  ['anything-but an empty object', { state: [{ 'anything-but': {} }] }, `${P}Anything-But expression name not found (at state)`],
  [
    'anything-but prefix with a number',
    { state: [{ 'anything-but': { prefix: 123 } }] },
    `${P}prefix/suffix match pattern must be a string (at state)`,
  ],
  [
    'anything-but suffix list with a number',
    { FileName: [{ 'anything-but': { suffix: [123, '.txt'] } }] },
    `${P}prefix/suffix match pattern must be a string (at FileName)`,
  ],
  ['anything-but an empty prefix', { state: [{ 'anything-but': { prefix: '' } }] }, `${P}Null prefix/suffix not allowed (at state)`],
  [
    'anything-but prefix ignoring case',
    { FileName: [{ 'anything-but': { prefix: { 'equals-ignore-case': 'file' } } }] },
    `${P}Value of anything-but must be an array or single string/number value. (at FileName)`,
  ],
  [
    'anything-but equals-ignore-case with a number',
    { state: [{ 'anything-but': { 'equals-ignore-case': 123 } }] },
    `${P}Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported. (at state)`,
  ],
  [
    'anything-but wildcard with a number',
    { FilePath: [{ 'anything-but': { wildcard: 123 } }] },
    `${P}wildcard match pattern must be a string (at FilePath)`,
  ],
  [
    'anything-but wildcard with consecutive stars',
    { FilePath: [{ 'anything-but': { wildcard: '**/lib' } }] },
    `${P}Consecutive wildcard characters at pos 1 (at FilePath)`,
  ],
  [
    'anything-but a number out of range',
    { total: [{ 'anything-but': [6e9] }] },
    `${P}Value must be between -5.0E9 and 5.0E9, inclusive (at total)`,
  ],
  ['numeric that is not an array', { total: [{ numeric: 5 }] }, `${P}Value of numeric must be an array. (at total)`],
  ['numeric with an empty array', { total: [{ numeric: [] }] }, `${P}Empty arrays are not allowed (at total)`],
  ['numeric starting with a number', { total: [{ numeric: [5, '>'] }] }, `${P}Invalid member in numeric match: 5 (at total)`],
  ['numeric with an unknown comparator', { total: [{ numeric: ['==', 5] }] }, `${P}Unrecognized numeric range operator: == (at total)`],
  ['numeric = without a number', { total: [{ numeric: ['=', '5'] }] }, `${P}Value of equals must be numeric (at total)`],
  ['numeric = with extra terms', { total: [{ numeric: ['=', 5, '<', 6] }] }, `${P}Too many elements in numeric expression (at total)`],
  ['numeric with a missing upper operand', { 'c-count': [{ numeric: ['>', 0, '<'] }] }, `${P}Value of < must be numeric (at c-count)`],
  ['numeric with two lower bounds', { 'c-count': [{ numeric: ['>', 0, '>', 0] }] }, `${P}Bad numeric range operator: > (at c-count)`],
  [
    'numeric with the upper bound first',
    { total: [{ numeric: ['<', 10, '>', 0] }] },
    `${P}Too many elements in numeric expression (at total)`,
  ],
  ['numeric with a non-string second operator', { total: [{ numeric: ['>', 0, 10] }] }, `${P}Bad value in numeric range: 10 (at total)`],
  [
    'numeric with too many terms',
    { total: [{ numeric: ['>', 0, '<', 10, '<', 20] }] },
    `${P}Too many terms in numeric range expression (at total)`,
  ],
  [
    'an inverted numeric range',
    { detail: { total: [{ numeric: ['>', 10, '<', 5] }] } },
    `${P}Bottom must be less than top (at detail.total)`,
  ],
  [
    'an empty numeric range',
    { detail: { total: [{ numeric: ['>=', 5, '<=', 5] }] } },
    `${P}Bottom must be less than top (at detail.total)`,
  ],
  ['numeric above 5e9', { total: [{ numeric: ['>', 5000000001] }] }, `${P}Value must be between -5.0E9 and 5.0E9, inclusive (at total)`],
  ['numeric below -5e9', { total: [{ numeric: ['<', -6e9] }] }, `${P}Value must be between -5.0E9 and 5.0E9, inclusive (at total)`],
  ['numeric with seven decimals', { total: [{ numeric: ['=', 0.1234567] }] }, `${P}Only values upto 6 decimals are supported (at total)`],
  ['exists with a string', { total: [{ exists: 'true' }] }, `${P}exists match pattern must be either true or false. (at total)`],
  [
    'cidr with a list (EventBridge words this as a prefix error)',
    { ip: [{ cidr: ['10.0.0.0/8'] }] },
    `${P}cidr match pattern must be a string (at ip)`,
  ],
  ['cidr without a mask', { ip: [{ cidr: '10.0.0.0' }] }, `${P}Malformed CIDR, one '/' required (at ip)`],
  ['cidr with two masks', { ip: [{ cidr: '10.0.0.0/8/16' }] }, `${P}Malformed CIDR, one '/' required (at ip)`],
  ['cidr with a non-integer mask', { ip: [{ cidr: '10.0.0.0/abc' }] }, `${P}Malformed CIDR, mask bits must be an integer (at ip)`],
  ['cidr with a negative mask', { ip: [{ cidr: '10.0.0.0/-1' }] }, `${P}Malformed CIDR, mask bits must not be negative (at ip)`],
  ['cidr with a non-address', { ip: [{ cidr: 'xx.11.xx/24' }] }, `${P}Nonstandard IP address: xx.11.xx (at ip)`],
  [
    'cidr with an IPv6 non-address',
    { ip: [{ cidr: 'xxxx:db8:1234:1a00::/64' }] },
    `${P}Nonstandard IP address: xxxx:db8:1234:1a00:: (at ip)`,
  ],
  ['cidr with an octet above 255', { ip: [{ cidr: '10.0.0.256/24' }] }, `${P}Invalid IP address: 10.0.0.256 (at ip)`],
  ['cidr with a full IPv4 mask', { ip: [{ cidr: '10.0.0.1/32' }] }, `${P}IPv4 mask bits must be < 32 (at ip)`],
  ['cidr with a full IPv6 mask', { ip: [{ cidr: '2001:db8::1/128' }] }, `${P}IPv6 mask bits must be < 128 (at ip)`],
  ['$or that is not an array', { $or: { source: ['a'] } }, `${P}It must be an Array followed with $or. (at $or)`],
  ['$or with one alternative', { $or: [{ source: ['a'] }] }, `${P}There must have at least 2 Objects in $or relationship. (at $or)`],
  ['$or with no alternative', { detail: { $or: [] } }, `${P}There must have at least 2 Objects in $or relationship. (at detail.$or)`],
  [
    '$or with a non-object alternative',
    { $or: [{ source: ['a'] }, ['b']] },
    `${P}Only JSON object is allowed in array of $or relationship. (at $or[1])`,
  ],
  ['$or with an empty alternative', { $or: [{ source: ['a'] }, {}] }, `${P}Empty objects are not allowed (at $or[1])`],
  [
    '$or with an operator name as a field',
    { $or: [{ numeric: ['>', 1] }, { prefix: ['a'] }] },
    `${P}numeric is Ruler reserved fieldName which cannot be used inside $or. (at $or[0].numeric)`,
  ],
  [
    'an invalid operator inside $or',
    { $or: [{ a: [1] }, { detail: { b: [{ bad: 1 }] } }] },
    `${P}Unrecognized match type bad (at $or[1].detail.b)`,
  ],
  [
    'a nested $or with one alternative',
    { $or: [{ a: [1] }, { b: [2], $or: [{ c: [3] }] }] },
    `${P}There must have at least 2 Objects in $or relationship. (at $or[1].$or)`,
  ],
  [
    'a pattern over 4096 characters',
    { source: ['x'.repeat(4096)] },
    `${P}Event pattern is 4111 characters long; EventBridge accepts at most 4096`,
  ],
];

function thrownBy(action: () => unknown): Error {
  try {
    action();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

/** A regular expression matching exactly this text, so strings and patterns share one assertion. */
function exactly(text: string): RegExp {
  return new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
}

describe('invalid patterns', () => {
  it.each(invalidPatterns)('rejects %s', (_name, pattern, message) => {
    const error = thrownBy(() => validatePattern(pattern));
    expect(error).toBeInstanceOf(InvalidEventPatternError);
    expect(error.message).toMatch(typeof message === 'string' ? exactly(message) : message);
    expect(() => compilePattern(pattern)).toThrow(error.message);
  });

  it('carries the reason and the path separately', () => {
    const caught = thrownBy(() => validatePattern({ detail: { total: [{ numeric: ['>', 10, '<', 5] }] } }));
    expect(caught).toBeInstanceOf(InvalidEventPatternError);
    expect(caught).toBeInstanceOf(Error);
    expect(caught).toMatchObject({
      name: 'InvalidEventPatternError',
      reason: 'Bottom must be less than top',
      path: 'detail.total',
    });
  });

  it('rejects invalid patterns from matchesPattern too', () => {
    expect(() => matchesPattern({ source: 'shop' }, {})).toThrow(InvalidEventPatternError);
  });

  it('accepts a pattern of exactly 4096 characters', () => {
    const pattern = { source: ['x'.repeat(4096 - '{"source":[""]}'.length)] };
    expect(JSON.stringify(pattern)).toHaveLength(4096);
    expect(() => validatePattern(pattern)).not.toThrow();
  });

  it.each([
    ['the documented operators', { a: [{ prefix: 'x' }, { suffix: 'y' }, { 'equals-ignore-case': 'z' }, { wildcard: 'a*b' }] }],
    [
      'anything-but in every documented form',
      { a: [{ 'anything-but': 'x' }, { 'anything-but': [1, 2] }, { 'anything-but': { suffix: ['.a', '.b'] } }] },
    ],
    ['numeric at the limits', { a: [{ numeric: ['>=', -5e9, '<=', 5e9] }, { numeric: ['=', 0.000001] }] }],
    ['an empty prefix and an empty wildcard', { a: [{ prefix: '' }, { wildcard: '' }] }],
    ['escaped wildcards', { a: [{ wildcard: '\\*\\\\*' }] }],
    ['a field literally named with a dollar sign', { detail: { $ref: ['x'] } }],
    ['$or nested at several levels', { $or: [{ a: [1] }, { b: { $or: [{ c: [2] }, { d: [3] }] } }] }],
    ['numbers of any size in a value list', { account: [123456789012, 1.23456789] }],
    ['a mask of 0 and of 31 / 127', { a: [{ cidr: '0.0.0.0/0' }, { cidr: '10.0.0.0/31' }, { cidr: '::/127' }] }],
  ])('accepts %s', (_name, pattern) => {
    expect(() => validatePattern(pattern)).not.toThrow();
  });
});

describe('patterns from another realm', () => {
  it("accepts a pattern object made in another realm (Jest's sandbox) like one made here", () => {
    const foreign = runInNewContext('({ detail: { total: [{ numeric: [">", 100] }], state: [{ prefix: "ship" }] } })') as Record<
      string,
      unknown
    >;
    expect(Object.getPrototypeOf(foreign)).not.toBe(Object.prototype);
    expect(() => validatePattern(foreign)).not.toThrow();
    expect(matchesPattern(foreign, { detail: { total: 120, state: 'shipped' } })).toBe(true);
  });
});
