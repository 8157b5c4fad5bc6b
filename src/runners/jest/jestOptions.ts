import type { ResolvedOptions } from '../../session/options/options';
import { DEFAULT_TIMEOUT_MS } from '../../session/options/options';
import { validateOptions, type TimeoutBound, type ValidationContext } from '../../session/options/validateOptions';

/**
 * Jest's bound on the matcher timeout: Jest fails a test that runs past its `testTimeout` (ms)
 * without saying what the matcher was waiting for, so a matcher must give up first. The default
 * timeout is 10 s, or 80 % of a shorter testTimeout; a `timeout` at or above it is refused.
 */
export function jestTimeoutBound(testTimeout: number): TimeoutBound {
  return {
    defaultTimeout: Math.min(DEFAULT_TIMEOUT_MS, Math.floor(testTimeout * 0.8)),
    problem: (timeout, name) =>
      timeout >= testTimeout
        ? `${name} (${timeout} ms) is not below Jest's testTimeout (${testTimeout} ms): Jest would stop the test before a matcher could report what arrived. Raise testTimeout (the jest-eventbridge preset sets 30000) or lower the timeout.`
        : undefined,
  };
}

export interface JestValidationContext extends Omit<ValidationContext, 'timeoutBound'> {
  /** Jest's testTimeout for this file (`globalConfig.testTimeout`), in ms, when known. */
  readonly testTimeout?: number;
}

/** validateOptions, with Jest's testTimeout bounding the matcher timeout. */
export function validateJestOptions(raw: unknown, context: JestValidationContext = {}): ResolvedOptions {
  const { testTimeout, ...rest } = context;
  return validateOptions(raw, { ...rest, ...(testTimeout !== undefined ? { timeoutBound: jestTimeoutBound(testTimeout) } : {}) });
}
