import { matcherErrorText, type MatcherContextLike } from '../../../../src/core/matchers/matcherContext';

/** A context whose utils print plainly; `matcherErrorMessage` only when given. */
function contextWith(matcherErrorMessage?: (hint: string, generic: string, specific?: string) => string): MatcherContextLike {
  return {
    customTesters: [],
    equals: () => false,
    utils: {
      matcherHint: (name) => `expect(eventBridge).${name}(expected)`,
      printExpected: String,
      printReceived: String,
      diff: () => null,
      printWithType: (name, value, print) => `${name}: ${print(value)}`,
      ...(matcherErrorMessage ? { matcherErrorMessage } : {}),
      EXPECTED_COLOR: (text) => text,
      RECEIVED_COLOR: (text) => text,
      iterableEquality: undefined,
      subsetEquality: undefined,
    },
  };
}

describe('matcherErrorText', () => {
  it("uses the runner's own layout when it has one (Jest)", () => {
    const text = matcherErrorText(
      contextWith((hint, generic, specific) => `${hint} | ${generic} | ${specific ?? '-'}`),
      'HINT',
      'times must be a whole number',
      'times: -1',
    );
    expect(text).toBe('HINT | times must be a whole number | times: -1');
  });

  it("falls back to Jest's layout where the runner has none (Vitest)", () => {
    expect(matcherErrorText(contextWith(), 'HINT', 'times must be a whole number', 'times: -1')).toBe(
      'HINT\n\nMatcher error: times must be a whole number\n\ntimes: -1',
    );
    expect(matcherErrorText(contextWith(), 'HINT', 'unknown option "x"')).toBe('HINT\n\nMatcher error: unknown option "x"');
  });
});
