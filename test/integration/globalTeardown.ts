/** Jest global teardown of the integration tests: stops the emulator global setup started. */
import { takeEmulatorHandle } from './globalSetup';

export default async function globalTeardown(): Promise<void> {
  await takeEmulatorHandle()?.stop();
}
