import { formatAge, formatDuration, parseDuration } from '../../../src/foundation/duration';

describe('parseDuration', () => {
  it.each([
    ['0s', 0],
    ['45s', 45_000],
    ['30m', 1_800_000],
    ['2h', 7_200_000],
    ['1d', 86_400_000],
    ['90m', 5_400_000],
    [' 1h ', 3_600_000],
  ])('reads %j as %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', '1', 'h', '1 h', '1H', '1.5h', '-1h', '1h30m', '2w', '10ms', '99999999999999999d'])('rejects %j', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });
});

describe('formatAge', () => {
  it.each([
    [0, '0s'],
    [-5_000, '0s'],
    [59_999, '59s'],
    [60_000, '1m'],
    [3_599_000, '59m'],
    [3_600_000, '1h'],
    [3_720_000, '1h 2m'],
    [86_400_000, '1d'],
    [2 * 86_400_000 + 5 * 3_600_000 + 59 * 60_000, '2d 5h'],
  ])('shows %d ms as %j', (ms, text) => {
    expect(formatAge(ms)).toBe(text);
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [90_000, '90s'],
    [1_800_000, '30m'],
    [3_600_000, '1h'],
    [5_400_000, '90m'],
    [172_800_000, '2d'],
  ])('spells %d ms as %j', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
