/**
 * The preset's global teardown (`jest-eventbridge/global-teardown`), run once after all tests:
 * removes the workers' captures (`captureScope: 'worker'`), stops the run's local flows and the
 * embedded emulator that `emulator: true` started, and restores the variables that pointed the
 * workers at it.
 */
import { runGlobalTeardown } from '../shared/runGlobalSetup';

export default async function globalTeardown(): Promise<void> {
  await runGlobalTeardown();
}
