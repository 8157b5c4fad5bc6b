import { CreateEventBusCommand, EventBridgeClient, ResourceAlreadyExistsException } from '@aws-sdk/client-eventbridge';
import { EMULATOR_CREDENTIALS } from './credentials';

/** Client settings for the embedded emulator: fixed dummy credentials, so no real account is used. */
export function emulatorClientConfig(endpoint: string, region: string) {
  return { endpoint, region, credentials: { ...EMULATOR_CREDENTIALS } };
}

/**
 * Creates each named event bus on the emulator; one that already exists is fine (re-runs, watch
 * mode, a bus someone else made). Each bus it creates is pushed onto `created` as it goes, so a
 * caller that must undo a half-done start knows which are its own.
 * @returns `created`
 */
export async function createEventBuses(
  endpoint: string,
  region: string,
  names: Iterable<string>,
  created: string[] = [],
): Promise<string[]> {
  const client = new EventBridgeClient(emulatorClientConfig(endpoint, region));
  try {
    for (const name of new Set(names)) {
      if (name === 'default') continue;
      try {
        await client.send(new CreateEventBusCommand({ Name: name }));
        created.push(name);
      } catch (error) {
        if (!(error instanceof ResourceAlreadyExistsException)) throw error;
      }
    }
  } finally {
    client.destroy();
  }
  return created;
}
