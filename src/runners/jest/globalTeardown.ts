/**
 * The preset's global teardown (`jest-eventbridge/global-teardown`), run once after all tests:
 * stops the embedded emulator that `emulator: true` started, and restores the variables that
 * pointed the workers at it. Does nothing otherwise.
 */
import { stopRunEmulator } from '../../session/runEmulator';
import { stopRunLocalFlows } from '../../session/runLocalFlows';

export default async function globalTeardown(): Promise<void> {
  // The handlers first: they use the emulator until they stop.
  try {
    await stopRunLocalFlows();
  } finally {
    await stopRunEmulator();
  }
}
