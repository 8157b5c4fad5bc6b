import { checkVitestVersion, jestEntryProblem, vitestEntryProblem } from '../../../../src/runners/vitest/runnerGuard';

describe('checkVitestVersion', () => {
  it.each(['4.1.0', '4.1.12', '4.2.3', '5.0.0', '5.1.2', '5.0.0-beta.1'])('accepts %s', (version) => {
    expect(() => checkVitestVersion(version)).not.toThrow();
  });

  it('refuses 4.0, naming the upgrade and the hooks it needs', () => {
    expect(() => checkVitestVersion('4.0.18')).toThrow(
      "jest-eventbridge/vitest supports vitest >=4.1.0 <6, and the vitest it resolved is 4.0.18. Upgrade to vitest 4.1 or later (npm i -D vitest@^4.1), which has the aroundAll and aroundEach hooks the capture runs in. (With several copies of vitest installed, this is the one jest-eventbridge's folder resolves: keep one.)",
    );
  });

  it('refuses 3.x the same way', () => {
    expect(() => checkVitestVersion('3.2.4')).toThrow(/the vitest it resolved is 3\.2\.4\. Upgrade to vitest 4\.1 or later/);
  });

  it('refuses 6 and later, naming the supported major', () => {
    expect(() => checkVitestVersion('6.0.0')).toThrow(
      'jest-eventbridge/vitest supports vitest >=4.1.0 <6, and the vitest it resolved is 6.0.0. Install vitest 5 (npm i -D vitest@5), or a jest-eventbridge release that supports this one.',
    );
  });

  it('refuses a version it cannot read', () => {
    expect(() => checkVitestVersion('next')).toThrow(/the vitest it resolved is next\. Install vitest 5/);
  });
});

describe('vitestEntryProblem', () => {
  it('is undefined under Vitest', () => {
    expect(vitestEntryProblem('jest-eventbridge/vitest', { VITEST: 'true' })).toBeUndefined();
  });

  it('names the Jest setup when Jest runs the Vitest entry', () => {
    expect(vitestEntryProblem('jest-eventbridge/vitest', { JEST_WORKER_ID: '1' })).toBe(
      "jest-eventbridge: jest-eventbridge/vitest is for Vitest, and Jest is running it. Under Jest, use preset: 'jest-eventbridge' (or testEnvironment: 'jest-eventbridge/environment' with setupFilesAfterEnv: ['jest-eventbridge/matchers']).",
    );
  });

  it('names the Vitest config outside any runner', () => {
    expect(vitestEntryProblem('jest-eventbridge/vitest/global-setup', {})).toBe(
      "jest-eventbridge: jest-eventbridge/vitest/global-setup runs under Vitest only: list 'jest-eventbridge/vitest' in test.setupFiles and 'jest-eventbridge/vitest/global-setup' in test.globalSetup of vitest.config.ts.",
    );
  });
});

describe('jestEntryProblem', () => {
  it('is undefined under Jest, and outside any runner', () => {
    expect(jestEntryProblem('jest-eventbridge/matchers', { JEST_WORKER_ID: '2' })).toBeUndefined();
    expect(jestEntryProblem('jest-eventbridge/matchers', {})).toBeUndefined();
  });

  it('names the Vitest entries when Vitest loads a Jest entry', () => {
    expect(jestEntryProblem('jest-eventbridge/environment', { VITEST: 'true' })).toBe(
      "jest-eventbridge: jest-eventbridge/environment is for Jest, and Vitest is running it. Under Vitest, list 'jest-eventbridge/vitest' in test.setupFiles and 'jest-eventbridge/vitest/global-setup' in test.globalSetup (see \"Vitest\" in the README).",
    );
  });
});
