/**
 * The checks each entry point makes before anything else, so that a wrong runner, or a Vitest
 * we do not support, fails with one error naming the fix instead of somewhere deep inside.
 */
import { ConfigurationError } from '../../foundation/errors';

/** Supported Vitest releases: 4.1 (aroundAll/aroundEach arrived in 4.1) up to, not including, 6. */
export const VITEST_RANGE = '>=4.1.0 <6';

const JEST_SETUP =
  "Under Jest, use preset: 'jest-eventbridge' (or testEnvironment: 'jest-eventbridge/environment' with setupFilesAfterEnv: ['jest-eventbridge/matchers']).";

/** Why `jest-eventbridge/vitest` cannot run here, or undefined when it can. */
export function vitestEntryProblem(entry: string, env: NodeJS.ProcessEnv): string | undefined {
  if (env.VITEST !== undefined) return undefined;
  if (env.JEST_WORKER_ID !== undefined) return `jest-eventbridge: ${entry} is for Vitest, and Jest is running it. ${JEST_SETUP}`;
  return `jest-eventbridge: ${entry} runs under Vitest only: list 'jest-eventbridge/vitest' in test.setupFiles and 'jest-eventbridge/vitest/global-setup' in test.globalSetup of vitest.config.ts.`;
}

/** Throws unless `version` (Vitest's, as resolved from our package) is 4.1 or later and below 6. */
export function checkVitestVersion(version: string): void {
  const match = /^(\d+)\.(\d+)\./.exec(version);
  const major = match ? Number(match[1]) : NaN;
  const minor = match ? Number(match[2]) : NaN;
  const supported = (major === 4 && minor >= 1) || major === 5;
  if (supported) return;
  const fix =
    major >= 6 || Number.isNaN(major)
      ? 'Install vitest 5 (npm i -D vitest@5), or a jest-eventbridge release that supports this one.'
      : 'Upgrade to vitest 4.1 or later (npm i -D vitest@^4.1), which has the aroundAll and aroundEach hooks the capture runs in.';
  throw new ConfigurationError(
    `jest-eventbridge/vitest supports vitest ${VITEST_RANGE}, and the vitest it resolved is ${version}. ${fix} (With several copies of vitest installed, this is the one jest-eventbridge's folder resolves: keep one.)`,
  );
}

/** Why a Jest entry cannot run here (it is Vitest running it), or undefined when it can. */
export function jestEntryProblem(entry: string, env: NodeJS.ProcessEnv): string | undefined {
  if (env.VITEST === undefined || env.JEST_WORKER_ID !== undefined) return undefined;
  return `jest-eventbridge: ${entry} is for Jest, and Vitest is running it. Under Vitest, list 'jest-eventbridge/vitest' in test.setupFiles and 'jest-eventbridge/vitest/global-setup' in test.globalSetup (see "Vitest" in the README).`;
}
