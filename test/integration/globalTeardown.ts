/**
 * Jest global teardown of the integration tests: proves the suite left no capture queue or
 * rule behind (every file's teardown must have removed its own), then stops the emulator.
 */
import { INTEGRATION_BUSES, takeEmulatorHandle } from './globalSetup';
import { listCaptureResources } from './support/leftovers';

export default async function globalTeardown(): Promise<void> {
  const endpoint = process.env.JEST_EVENTBRIDGE_TEST_ENDPOINT_RESOLVED;
  try {
    if (endpoint) {
      const left = await listCaptureResources(endpoint, INTEGRATION_BUSES);
      if (left.queues.length > 0 || left.rules.length > 0) {
        throw new Error(
          `The integration suite left capture resources behind:\n  queues: ${left.queues.join(', ') || 'none'}\n  rules: ${left.rules.join(', ') || 'none'}`,
        );
      }
      process.stdout.write(`\nNo capture queue or rule left behind on ${INTEGRATION_BUSES.join(', ')}.\n`);
    }
  } finally {
    await takeEmulatorHandle()?.stop();
  }
}
