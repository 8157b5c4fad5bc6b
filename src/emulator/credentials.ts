/**
 * The dummy credentials and region every client of the embedded emulator uses: moto accepts any
 * key, and fixed ones make sure no real account's credentials are ever sent to it.
 */
export const EMULATOR_CREDENTIALS = { accessKeyId: 'test', secretAccessKey: 'test' } as const;

/** The region the emulator's buses are created in when the options name none. */
export const EMULATOR_REGION = 'us-east-1';
