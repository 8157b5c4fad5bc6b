import { SWEEP_WITHOUT_GLOBAL_SETUP, sweepWithoutGlobalSetup, warnWithoutGlobalSetup } from '../../../../src/runners/jest/globalSetupCheck';
import { GLOBAL_SETUP_ENV } from '../../../../src/runners/jest/globalSetup';

describe('sweep without our global setup', () => {
  it('is noticed only when sweep is on and the global setup did not run', () => {
    expect(sweepWithoutGlobalSetup({ sweep: true }, {})).toBe(true);
    expect(sweepWithoutGlobalSetup({ sweep: true }, { [GLOBAL_SETUP_ENV]: 'true' })).toBe(false);
    expect(sweepWithoutGlobalSetup({ sweep: false }, {})).toBe(false);
  });

  it('is warned about once per worker, naming the fix', () => {
    const written: string[] = [];
    warnWithoutGlobalSetup({ sweep: false }, {}, (text) => written.push(text));
    expect(written).toEqual([]);
    warnWithoutGlobalSetup({ sweep: true }, {}, (text) => written.push(text));
    warnWithoutGlobalSetup({ sweep: true }, {}, (text) => written.push(text));
    expect(written).toEqual([SWEEP_WITHOUT_GLOBAL_SETUP]);
    expect(SWEEP_WITHOUT_GLOBAL_SETUP).toBe(
      "jest-eventbridge: `sweep: true` is set, but jest-eventbridge's global setup did not run, so nothing was swept. " +
        "Use `preset: 'jest-eventbridge'` or `globalSetup: 'jest-eventbridge/global-setup'`; with a global setup of your own, call ours from it " +
        '(see "Your own global setup" in the README).\n',
    );
  });
});
