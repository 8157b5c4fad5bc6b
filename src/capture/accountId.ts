import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';

/**
 * The account id, looked up once per worker and endpoint: every test file in a worker uses the
 * same credentials, and the lookup would otherwise add a round trip to each file's setup.
 */
const cache = new Map<string, Promise<string>>();

export function lookUpAccountId(sts: STSClient, cacheKey: string): Promise<string> {
  let pending = cache.get(cacheKey);
  if (!pending) {
    pending = sts.send(new GetCallerIdentityCommand({})).then((output) => {
      if (!output.Account) throw new Error('GetCallerIdentity returned no account id');
      return output.Account;
    });
    // A failure is not cached: the next file may have fixed credentials or a started emulator.
    pending.catch(() => cache.delete(cacheKey));
    cache.set(cacheKey, pending);
  }
  return pending;
}
