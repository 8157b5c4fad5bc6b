import { ConfigurationError } from '../../foundation/errors';
import { DEFAULT_TIMEOUT_MS, type ResolvedOptions } from '../../session/options/options';
import { validateOptions, type TimeoutBound } from '../../session/options/validateOptions';
import { applyEnvironmentSettings, readEnvironmentSettings } from '../../session/options/environmentSettings';

/** Where the options live in Vitest's config: the same `eventBridge` object as Jest's testEnvironmentOptions. */
export const VITEST_OPTIONS_SOURCE = 'test.environmentOptions.eventBridge';

/** The key under which our global setup hands the options to the workers (`project.provide` / `inject`). */
export const PROVIDE_KEY = 'jest-eventbridge';

/** What the global setup provides: serializable, read by every test file. */
export interface ProvidedOptions {
  /** `test.environmentOptions.eventBridge`, unchecked. */
  readonly eventBridge: unknown;
  /** Vitest's testTimeout, in ms. */
  readonly testTimeout?: number;
  /**
   * Whether a file starts with nothing of the files its worker ran before (`isolate`, or a vm
   * pool, which isolates whatever `isolate` says): then files cannot share a worker's capture.
   */
  readonly isolated?: boolean;
}

/** Whether Vitest runs each file of this project in a fresh module graph. */
export function isolatesFiles(config: { readonly isolate?: boolean; readonly pool?: string }): boolean {
  return config.isolate !== false || (config.pool ?? '').startsWith('vm');
}

/** Whether the global setup said files are isolated; unknown counts as isolated (nothing shared). */
export function providedIsolation(provided: unknown): boolean {
  if (typeof provided !== 'object' || provided === null) return true;
  return (provided as ProvidedOptions).isolated !== false;
}

const EXAMPLE = "test: { environmentOptions: { eventBridge: { eventBusName: 'my-bus' } } }";

/**
 * Vitest's bound on the matcher timeout, as Jest's: a test that runs past testTimeout fails
 * without saying what the matcher was waiting for, so a matcher must give up first.
 */
export function vitestTimeoutBound(testTimeout: number): TimeoutBound {
  return {
    defaultTimeout: Math.min(DEFAULT_TIMEOUT_MS, Math.floor(testTimeout * 0.8)),
    problem: (timeout, name) =>
      timeout >= testTimeout
        ? `${name} (${timeout} ms) is not below Vitest's testTimeout (${testTimeout} ms): Vitest would stop the test before a matcher could report what arrived. Raise test.testTimeout (the README's config sets 30000) or lower the timeout.`
        : undefined,
  };
}

/** Checks the options as given in Vitest's config, named by Vitest's keys in every message. */
export function validateVitestOptions(
  raw: unknown,
  testTimeout: number | undefined,
  origins: Partial<Record<string, string>> = {},
): ResolvedOptions {
  if (raw === undefined || raw === null) {
    throw new ConfigurationError(
      `jest-eventbridge: ${VITEST_OPTIONS_SOURCE} is missing. Add it to vitest.config.ts, for example ${EXAMPLE}.`,
    );
  }
  return validateOptions(raw, {
    source: VITEST_OPTIONS_SOURCE,
    origins,
    ...(testTimeout !== undefined ? { timeoutBound: vitestTimeoutBound(testTimeout) } : {}),
  });
}

/**
 * The options of a test file: what the global setup provided, with the JEST_EVENTBRIDGE_*
 * variables applied, checked.
 * @throws ConfigurationError when the global setup did not run, or the options are wrong
 */
export function readVitestOptions(provided: unknown, env: NodeJS.ProcessEnv): ResolvedOptions {
  if (typeof provided !== 'object' || provided === null) {
    throw new ConfigurationError(
      "jest-eventbridge/vitest: jest-eventbridge's global setup did not run, so this file has no options. Add 'jest-eventbridge/vitest/global-setup' to test.globalSetup in vitest.config.ts (with a global setup of your own, list ours beside it).",
    );
  }
  const { eventBridge, testTimeout } = provided as ProvidedOptions;
  const { raw, origins } = applyEnvironmentSettings(eventBridge, readEnvironmentSettings(env), false);
  return validateVitestOptions(raw, testTimeout, origins);
}

/** Vitest's testTimeout (ms) as the global setup provided it, when it did. */
export function providedTestTimeout(provided: unknown): number | undefined {
  if (typeof provided !== 'object' || provided === null) return undefined;
  const { testTimeout } = provided as ProvidedOptions;
  return typeof testTimeout === 'number' ? testTimeout : undefined;
}
