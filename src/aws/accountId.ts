import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import { partitionOfArn } from './arns';

/** Who the credentials are: the account, and the partition their ARN is in. */
export interface CallerIdentity {
  readonly account: string;
  /** From the caller's ARN (`arn:aws-eusc:sts::…`); undefined when the answer had no ARN. */
  readonly partition?: string;
}

/**
 * The caller identity, looked up once per worker and endpoint: every test file in a worker uses
 * the same credentials, and the lookup would otherwise add a round trip to each file's setup.
 */
const cache = new Map<string, Promise<CallerIdentity>>();

export function lookUpCallerIdentity(sts: STSClient, cacheKey: string): Promise<CallerIdentity> {
  let pending = cache.get(cacheKey);
  if (!pending) {
    pending = sts.send(new GetCallerIdentityCommand({})).then((output) => {
      if (!output.Account) throw new Error('GetCallerIdentity returned no account id');
      const partition = partitionOfArn(output.Arn);
      return { account: output.Account, ...(partition ? { partition } : {}) };
    });
    // A failure is not cached: the next file may have fixed credentials or a started emulator.
    pending.catch(() => cache.delete(cacheKey));
    cache.set(cacheKey, pending);
  }
  return pending;
}
