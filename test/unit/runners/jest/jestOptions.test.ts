import { jestTimeoutBound, validateJestOptions } from '../../../../src/runners/jest/jestOptions';
import { validateOptions } from '../../../../src/session/options/validateOptions';

describe('jestTimeoutBound', () => {
  it('defaults to 10 s, or 80 % of a shorter testTimeout', () => {
    expect(jestTimeoutBound(30_000).defaultTimeout).toBe(10_000);
    expect(jestTimeoutBound(5_000).defaultTimeout).toBe(4_000);
    expect(jestTimeoutBound(1_001).defaultTimeout).toBe(800);
  });

  it('refuses a timeout that is not below testTimeout, naming the option as given', () => {
    const bound = jestTimeoutBound(5_000);
    expect(bound.problem(4_999, '"timeout"')).toBeUndefined();
    expect(bound.problem(5_000, 'JEST_EVENTBRIDGE_TIMEOUT')).toBe(
      "JEST_EVENTBRIDGE_TIMEOUT (5000 ms) is not below Jest's testTimeout (5000 ms): Jest would stop the test before a matcher could report what arrived. Raise testTimeout (the jest-eventbridge preset sets 30000) or lower the timeout.",
    );
  });
});

describe('validateJestOptions', () => {
  it('is validateOptions when testTimeout is unknown', () => {
    expect(validateJestOptions({ eventBusName: 'orders' })).toEqual(validateOptions({ eventBusName: 'orders' }));
  });

  it('lists the testTimeout problem with the others', () => {
    expect(() => validateJestOptions({ eventBusName: 'orders', timeout: 6000, keep: 'yes' }, { testTimeout: 5000 })).toThrow(
      [
        'jest-eventbridge: invalid options.',
        '  - "testEnvironmentOptions.eventBridge.timeout" (6000 ms) is not below Jest\'s testTimeout (5000 ms): Jest would stop the test before a matcher could report what arrived. Raise testTimeout (the jest-eventbridge preset sets 30000) or lower the timeout.',
        '  - "testEnvironmentOptions.eventBridge.keep" must be true or false, got "yes".',
      ].join('\n'),
    );
  });
});
