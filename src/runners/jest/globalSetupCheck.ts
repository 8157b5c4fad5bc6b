/**
 * Global work is never skipped in silence: `sweep: true` is done by our global setup, and a
 * config with a global setup of its own (which replaces the preset's) would otherwise drop it.
 */
import { GLOBAL_SETUP_ENV } from './globalSetup';
import type { ResolvedOptions } from '../../session/options/options';
import { writeStderr } from '../../foundation/log';

let warned = false;

/** Whether `sweep` is asked for in a run our global setup did not see; pure, for tests. */
export function sweepWithoutGlobalSetup(options: Pick<ResolvedOptions, 'sweep'>, env: NodeJS.ProcessEnv): boolean {
  return options.sweep && env[GLOBAL_SETUP_ENV] === undefined;
}

export const SWEEP_WITHOUT_GLOBAL_SETUP =
  "jest-eventbridge: `sweep: true` is set, but jest-eventbridge's global setup did not run, so nothing was swept. " +
  "Use `preset: 'jest-eventbridge'` or `globalSetup: 'jest-eventbridge/global-setup'`; with a global setup of your own, call ours from it " +
  '(see "Your own global setup" in the README).\n';

/** Prints the warning once per worker. */
export function warnWithoutGlobalSetup(
  options: Pick<ResolvedOptions, 'sweep'>,
  env: NodeJS.ProcessEnv = process.env,
  write: (text: string) => void = writeStderr,
): void {
  if (warned || !sweepWithoutGlobalSetup(options, env)) return;
  warned = true;
  write(SWEEP_WITHOUT_GLOBAL_SETUP);
}
