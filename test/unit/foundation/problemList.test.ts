import { describe, expect, it } from '@jest/globals';
import { formatProblemList } from '../../../src/foundation/problemList';

describe('formatProblemList', () => {
  it('puts one problem on the heading line', () => {
    expect(formatProblemList('jest-eventbridge: invalid options.', ['"keep" must be true or false, got 1.'])).toBe(
      'jest-eventbridge: invalid options. "keep" must be true or false, got 1.',
    );
  });

  it('lists several problems below the heading, one per line', () => {
    expect(formatProblemList('jest-eventbridge: invalid options.', ['a.', 'b.'])).toBe(
      'jest-eventbridge: invalid options.\n  - a.\n  - b.',
    );
  });

  it('gives a lone problem alone when the heading is only for lists', () => {
    expect(formatProblemList('invalid arguments:', ['missing command: sweep, emulator.'], { headingForOne: false })).toBe(
      'missing command: sweep, emulator.',
    );
    expect(formatProblemList('invalid arguments:', ['a.', 'b.'], { headingForOne: false })).toBe('invalid arguments:\n  - a.\n  - b.');
  });
});
