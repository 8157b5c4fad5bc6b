import { EMULATOR_ENDPOINT_ENV, useRunEmulator } from '../../../src/session/runEmulator';
import { validateOptions } from '../../../src/session/options/validateOptions';

describe('a test file with emulator: true', () => {
  const options = (raw: Record<string, unknown>) => validateOptions({ eventBusName: 'orders', ...raw });

  it('points at the run’s emulator, in us-east-1 unless a region is set', () => {
    const env = { [EMULATOR_ENDPOINT_ENV]: 'http://127.0.0.1:4010' };
    expect(useRunEmulator(options({ emulator: true }), env)).toMatchObject({ endpoint: 'http://127.0.0.1:4010', region: 'us-east-1' });
    expect(useRunEmulator(options({ emulator: true }), { ...env, AWS_REGION: 'eu-west-1' })).toMatchObject({ region: 'eu-west-1' });
    expect(useRunEmulator(options({ emulator: true, region: 'ap-south-1' }), env)).toMatchObject({ region: 'ap-south-1' });
  });

  it('counts a file on the run’s emulator as on it, when its docblock left emulator out', () => {
    const endpoint = 'http://127.0.0.1:4010';
    const docblock = options({ eventBusName: 'payments' });
    expect(useRunEmulator(docblock, { [EMULATOR_ENDPOINT_ENV]: endpoint, AWS_ENDPOINT_URL: endpoint })).toMatchObject({
      emulator: true,
      endpoint,
      eventBusName: 'payments',
    });
    // Pointed elsewhere on purpose: left alone.
    expect(useRunEmulator(docblock, { [EMULATOR_ENDPOINT_ENV]: endpoint, AWS_ENDPOINT_URL: 'http://127.0.0.1:4566' })).toBe(docblock);
    const elsewhere = options({ endpoint: 'http://127.0.0.1:4566' });
    expect(useRunEmulator(elsewhere, { [EMULATOR_ENDPOINT_ENV]: endpoint, AWS_ENDPOINT_URL: endpoint })).toBe(elsewhere);
  });

  it('says so when our global setup ran, but with options that did not ask for the emulator', () => {
    expect(() => useRunEmulator(options({ emulator: true }), {}, true)).toThrow(
      "jest-eventbridge: `emulator: true` is set for this file, but jest-eventbridge's global setup ran with options that did not ask for the emulator, so none was started. " +
        "Jest runs one global setup per run, with one project's options: set `emulator: true` in the options of every project that shares it (a docblock alone cannot start the emulator).",
    );
  });

  it('is left alone without emulator: true', () => {
    const plain = options({});
    expect(useRunEmulator(plain, { [EMULATOR_ENDPOINT_ENV]: 'http://127.0.0.1:4010' })).toBe(plain);
  });

  it('fails with the fix when no global setup of ours started one', () => {
    expect(() => useRunEmulator(options({ emulator: true }), {})).toThrow(
      "jest-eventbridge: `emulator: true` needs jest-eventbridge's global setup and teardown, which start and stop the emulator once per run, but they did not run.",
    );
  });
});

describe('the emulator option', () => {
  it.each<[unknown, string]>([
    ['yes', 'jest-eventbridge: invalid options. "testEnvironmentOptions.eventBridge.emulator" must be true or false, got "yes".'],
    [
      true,
      'jest-eventbridge: invalid options. "testEnvironmentOptions.eventBridge.emulator" starts an emulator of its own, so "testEnvironmentOptions.eventBridge.endpoint" cannot be set too: remove "endpoint" to use the embedded emulator, or remove "emulator" to use the one at that endpoint.',
    ],
  ])('rejects %j (with an endpoint)', (emulator, message) => {
    expect(() => validateOptions({ eventBusName: 'orders', emulator, endpoint: 'http://127.0.0.1:4566' })).toThrow(message);
  });
});
