/** Jest global teardown of the demo: the order service first (its rule and queue), then the emulator. */
import { stopDemo } from './globalSetup';

export default async function globalTeardown(): Promise<void> {
  await stopDemo();
}
