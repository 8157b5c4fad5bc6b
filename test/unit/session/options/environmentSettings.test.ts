import { applyEnvironmentSettings, readEnvironmentSettings } from '../../../../src/session/options/environmentSettings';
import { validateJestOptions } from '../../../../src/runners/jest/jestOptions';

const thrown = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('expected a throw');
};

/** What the environment does: read, apply, validate. */
const resolve = (raw: unknown, env: Record<string, string>, fromDocblock = false, testTimeout?: number) => {
  const applied = applyEnvironmentSettings(raw, readEnvironmentSettings(env), fromDocblock);
  return validateJestOptions(applied.raw, { origins: applied.origins, ...(testTimeout !== undefined ? { testTimeout } : {}) });
};

describe('readEnvironmentSettings', () => {
  it('reads nothing from an environment without the variables, or with empty ones', () => {
    expect(readEnvironmentSettings({ PATH: '/bin', JEST_EVENTBRIDGE_KEEP: '', JEST_EVENTBRIDGE_TIMEOUT: '  ' })).toEqual({
      options: {},
      origins: {},
    });
  });

  it('reads the bus name, keep and timeout, naming the variable of each', () => {
    expect(
      readEnvironmentSettings({
        JEST_EVENTBRIDGE_EVENT_BUS_NAME: 'orders-dev',
        JEST_EVENTBRIDGE_KEEP: 'TRUE',
        JEST_EVENTBRIDGE_TIMEOUT: '20000',
      }),
    ).toEqual({
      options: { eventBusName: 'orders-dev', keep: true, timeout: 20000 },
      origins: { eventBusName: 'JEST_EVENTBRIDGE_EVENT_BUS_NAME', keep: 'JEST_EVENTBRIDGE_KEEP', timeout: 'JEST_EVENTBRIDGE_TIMEOUT' },
    });
    expect(readEnvironmentSettings({ JEST_EVENTBRIDGE_KEEP: '0' }).options).toEqual({ keep: false });
    expect(
      readEnvironmentSettings({ JEST_EVENTBRIDGE_EVENT_BUS_NAME: 'arn:aws:events:eu-west-1:111122223333:event-bus/orders' }).options,
    ).toEqual({
      eventBusName: 'arn:aws:events:eu-west-1:111122223333:event-bus/orders',
    });
  });

  it('reads the capture scope', () => {
    expect(readEnvironmentSettings({ JEST_EVENTBRIDGE_CAPTURE_SCOPE: 'file' })).toEqual({
      options: { captureScope: 'file' },
      origins: { captureScope: 'JEST_EVENTBRIDGE_CAPTURE_SCOPE' },
    });
    expect(thrown(() => readEnvironmentSettings({ JEST_EVENTBRIDGE_CAPTURE_SCOPE: 'Worker' }))).toBe(
      'jest-eventbridge: invalid environment variables. JEST_EVENTBRIDGE_CAPTURE_SCOPE must be "worker" or "file", got "Worker".',
    );
  });

  it('reports every bad variable at once, by its name, with the fix', () => {
    expect(
      thrown(() =>
        readEnvironmentSettings({
          JEST_EVENTBRIDGE_EVENT_BUS_NAME: 'orders dev',
          JEST_EVENTBRIDGE_KEEP: 'yes',
          JEST_EVENTBRIDGE_TIMEOUT: '20s',
        }),
      ),
    ).toBe(
      [
        'jest-eventbridge: invalid environment variables.',
        '  - JEST_EVENTBRIDGE_EVENT_BUS_NAME "orders dev" is not a bus name (letters, digits, . - _ /, at most 256) or event-bus ARN.',
        '  - JEST_EVENTBRIDGE_KEEP must be "true" or "false" (or 1 or 0), got "yes".',
        '  - JEST_EVENTBRIDGE_TIMEOUT must be a whole number of milliseconds such as 20000, got "20s".',
      ].join('\n'),
    );
    expect(thrown(() => readEnvironmentSettings({ JEST_EVENTBRIDGE_TIMEOUT: '0' }))).toBe(
      'jest-eventbridge: invalid environment variables. JEST_EVENTBRIDGE_TIMEOUT must be a whole number of milliseconds such as 20000, got "0".',
    );
  });
});

describe('precedence: docblock, then environment, then config', () => {
  const env = { JEST_EVENTBRIDGE_EVENT_BUS_NAME: 'orders-dev', JEST_EVENTBRIDGE_TIMEOUT: '20000' };

  it('the environment overrides the config', () => {
    expect(resolve({ eventBusName: 'orders', timeout: 5000, keep: true }, env)).toMatchObject({
      eventBusName: 'orders-dev',
      timeout: 20000,
      keep: true,
    });
  });

  it('the environment alone is enough when the config has no eventBridge options', () => {
    expect(resolve(undefined, { JEST_EVENTBRIDGE_EVENT_BUS_NAME: 'orders-dev' })).toMatchObject({
      eventBusName: 'orders-dev',
      timeout: 10000,
    });
  });

  it('a docblock overrides the environment for what it sets, and needs no bus name of its own', () => {
    expect(resolve({ timeout: 3000 }, env, true)).toMatchObject({ eventBusName: 'orders-dev', timeout: 3000 });
    expect(resolve({ eventBusName: 'audit', timeout: 3000 }, env, true)).toMatchObject({ eventBusName: 'audit', timeout: 3000 });
  });

  it("names the variable when its value conflicts with Jest's testTimeout, and the option when the docblock set it", () => {
    expect(thrown(() => resolve({ eventBusName: 'orders' }, { JEST_EVENTBRIDGE_TIMEOUT: '30000' }, false, 30000))).toBe(
      "jest-eventbridge: invalid options. JEST_EVENTBRIDGE_TIMEOUT (30000 ms) is not below Jest's testTimeout (30000 ms): Jest would stop the test before a matcher could report what arrived. Raise testTimeout (the jest-eventbridge preset sets 30000) or lower the timeout.",
    );
    expect(
      thrown(() =>
        resolve({ timeout: 40000 }, { JEST_EVENTBRIDGE_TIMEOUT: '20000', JEST_EVENTBRIDGE_EVENT_BUS_NAME: 'orders' }, true, 30000),
      ),
    ).toMatch(/^jest-eventbridge: invalid options\. "testEnvironmentOptions\.eventBridge\.timeout" \(40000 ms\) is not below/);
  });

  it("leaves options that are not an object to validateOptions' own message", () => {
    expect(thrown(() => resolve('orders', env))).toBe(
      'jest-eventbridge: testEnvironmentOptions.eventBridge must be an object like { eventBusName: \'my-bus\' }, got "orders".',
    );
  });
});
