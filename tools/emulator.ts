/**
 * The emulator for this repository's tests, demo and bench: the shipped launcher
 * (src/emulator, what `emulator: true` and `npx jest-eventbridge emulator` run), or an emulator
 * that is already running (LocalStack, say) when `JEST_EVENTBRIDGE_TEST_ENDPOINT` names one.
 * `JEST_EVENTBRIDGE_PLAIN_MOTO=1` starts moto without the launcher's fixes, for comparisons.
 */
import { DeleteEventBusCommand, EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { createEventBuses, emulatorClientConfig } from '../src/emulator/eventBuses';
import { startEmulator, type EmulatorOptions } from '../src/emulator/startEmulator';

/** What the tools hand out: the launcher's emulator, or one that was already running. */
export interface TestEmulator {
  readonly endpoint: string;
  stop(): Promise<void>;
}

export interface AwsTestClientConfig {
  readonly endpoint: string;
  readonly region: string;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
}

/** Points the suite at an emulator that is already running instead of starting one. */
export const TEST_ENDPOINT_ENV = 'JEST_EVENTBRIDGE_TEST_ENDPOINT';
/** Starts moto without the fixes (bench comparisons only). */
export const PLAIN_MOTO_ENV = 'JEST_EVENTBRIDGE_PLAIN_MOTO';
export const TEST_REGION = 'us-east-1';

/** Client settings for the emulator: fixed fake credentials, so that no real account is ever used. */
export function awsTestClientConfig(endpoint: string): AwsTestClientConfig {
  return emulatorClientConfig(endpoint, TEST_REGION);
}

/** The emulator named by `JEST_EVENTBRIDGE_TEST_ENDPOINT` (left running on stop), else a fresh one. */
export async function resolveTestEndpoint(options: EmulatorOptions = {}): Promise<TestEmulator> {
  const given = process.env[TEST_ENDPOINT_ENV];
  if (given !== undefined && given.trim() !== '') {
    return { endpoint: given.trim().replace(/\/+$/, ''), stop: () => Promise.resolve() };
  }
  return startEmulator({ ...options, ...(process.env[PLAIN_MOTO_ENV] === '1' ? { fixes: false } : {}) });
}

/** Creates an event bus; one that already exists is fine, so that setups can be re-run. */
export async function createEventBus(endpoint: string, name: string): Promise<void> {
  await createEventBuses(endpoint, TEST_REGION, [name]);
}

/** Deletes an event bus a test file created for itself. */
export async function deleteEventBus(endpoint: string, name: string): Promise<void> {
  const client = new EventBridgeClient(awsTestClientConfig(endpoint));
  try {
    await client.send(new DeleteEventBusCommand({ Name: name }));
  } finally {
    client.destroy();
  }
}
