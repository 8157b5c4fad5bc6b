import {
  providedTestTimeout,
  readVitestOptions,
  validateVitestOptions,
  vitestTimeoutBound,
} from '../../../../src/runners/vitest/vitestOptions';

describe('readVitestOptions', () => {
  it('reads what the global setup provided', () => {
    const options = readVitestOptions({ eventBridge: { eventBusName: 'orders' }, testTimeout: 30_000 }, {});
    expect({ eventBusName: options.eventBusName, timeout: options.timeout }).toEqual({ eventBusName: 'orders', timeout: 10_000 });
  });

  it('fails naming the global setup when it did not run', () => {
    expect(() => readVitestOptions(undefined, {})).toThrow(
      "jest-eventbridge/vitest: jest-eventbridge's global setup did not run, so this file has no options. Add 'jest-eventbridge/vitest/global-setup' to test.globalSetup in vitest.config.ts (with a global setup of your own, list ours beside it).",
    );
  });

  it("fails naming Vitest's key when the options object is missing", () => {
    expect(() => readVitestOptions({ eventBridge: undefined }, {})).toThrow(
      "jest-eventbridge: test.environmentOptions.eventBridge is missing. Add it to vitest.config.ts, for example test: { environmentOptions: { eventBridge: { eventBusName: 'my-bus' } } }.",
    );
  });

  it('takes the bus from JEST_EVENTBRIDGE_EVENT_BUS_NAME, as under Jest', () => {
    expect(readVitestOptions({ eventBridge: undefined }, { JEST_EVENTBRIDGE_EVENT_BUS_NAME: 'staging-bus' }).eventBusName).toBe(
      'staging-bus',
    );
  });

  it("names Vitest's key in validation problems", () => {
    expect(() => validateVitestOptions({ eventBusName: 7 }, undefined)).toThrow(/"test\.environmentOptions\.eventBridge\.eventBusName"/);
  });
});

describe('vitestTimeoutBound', () => {
  it('defaults to 10 s, or 80 % of a shorter testTimeout', () => {
    expect([vitestTimeoutBound(30_000).defaultTimeout, vitestTimeoutBound(5_000).defaultTimeout]).toEqual([10_000, 4_000]);
  });

  it("refuses a timeout at or above Vitest's testTimeout", () => {
    expect(vitestTimeoutBound(5_000).problem(5_000, 'timeout')).toBe(
      "timeout (5000 ms) is not below Vitest's testTimeout (5000 ms): Vitest would stop the test before a matcher could report what arrived. Raise test.testTimeout (the README's config sets 30000) or lower the timeout.",
    );
    expect(vitestTimeoutBound(5_000).problem(4_999, 'timeout')).toBeUndefined();
  });
});

describe('providedTestTimeout', () => {
  it("reads Vitest's testTimeout from what the global setup provided, when it did", () => {
    expect(providedTestTimeout({ eventBridge: {}, testTimeout: 30_000 })).toBe(30_000);
    expect(providedTestTimeout({ eventBridge: {} })).toBeUndefined();
    expect(providedTestTimeout(undefined)).toBeUndefined();
  });
});
