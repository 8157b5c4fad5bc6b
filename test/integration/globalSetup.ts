/**
 * Jest global setup of the integration tests: one emulator for the whole run, started through
 * the shipped launcher (tools/emulator.ts), or the one JEST_EVENTBRIDGE_TEST_ENDPOINT names. The environment
 * variables set here reach every test file, because Jest forks its workers after global setup.
 */
import { createEventBus, resolveTestEndpoint, TEST_REGION, type TestEmulator } from '../../tools/emulator';

/**
 * Event buses the integration tests use; created up front so that tests need not race to.
 * The suite runs on the embedded emulator, whose fix serializes PutEvents with rule changes, so
 * parallel files on one bus no longer crash each other's puts (moto as it ships does: see
 * emulator/deliveries.test.ts). Files still get a bus of their own where they count exactly
 * what the whole bus carries; files that share one narrow their capture (a source of their own,
 * or correlation scoping), and the correlation specs share 'orders' to prove exactly that.
 */
export const INTEGRATION_BUSES = [
  'orders',
  'integration',
  'lifecycle',
  'ordered',
  'faults',
  'environment',
  'scopes',
  'scopes-correlated',
  'concurrent',
  'port-style',
  'port-style-plain',
  'mirror',
  'rule-diagnosis',
  'worker-scope',
] as const;

/** Key on globalThis under which setup leaves the stop handle for teardown (they share a process). */
export const EMULATOR_HANDLE = Symbol.for('jest-eventbridge.integration.emulator');

type HandleHolder = typeof globalThis & { [EMULATOR_HANDLE]?: TestEmulator };

export default async function globalSetup(): Promise<void> {
  const emulator = await resolveTestEndpoint();
  (globalThis as HandleHolder)[EMULATOR_HANDLE] = emulator;
  try {
    process.env.AWS_ENDPOINT_URL = emulator.endpoint;
    process.env.AWS_REGION = TEST_REGION;
    process.env.AWS_ACCESS_KEY_ID = 'test';
    process.env.AWS_SECRET_ACCESS_KEY = 'test';
    // The SDK's notice about Node 20 support is not ours to act on here; keep test output clean.
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
    process.env.JEST_EVENTBRIDGE_TEST_ENDPOINT_RESOLVED = emulator.endpoint;
    for (const bus of INTEGRATION_BUSES) await createEventBus(emulator.endpoint, bus);
  } catch (error) {
    // Jest runs no global teardown when global setup fails, so the emulator is stopped here.
    await takeEmulatorHandle()?.stop();
    throw error;
  }
}

/** Removes and returns the handle, so that it is stopped once whoever gets to it first. */
export function takeEmulatorHandle(): TestEmulator | undefined {
  const holder = globalThis as HandleHolder;
  const emulator = holder[EMULATOR_HANDLE];
  delete holder[EMULATOR_HANDLE];
  return emulator;
}
