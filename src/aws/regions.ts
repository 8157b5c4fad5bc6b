/**
 * Region names and partitions from the AWS SDK's own partition data (`partition()` of
 * `@aws-sdk/core`, the table every SDK client resolves endpoints with), not a list kept here:
 * a hand-kept list drifts (it refused `eusc-de-east-1` and put `us-isof-south-1` in `aws`).
 */
import { partition } from '@aws-sdk/core/client';

/**
 * Whether the SDK knows `region`: listed in its partition data, or matched by the pattern of a
 * partition other than `aws` (the SDK puts any unknown name in `aws`, so that case tells
 * nothing). A region newer than the installed SDK is known after updating `@aws-sdk/core`.
 */
export function isKnownRegion(region: string): boolean {
  // The data also lists each partition's global pseudo-region (`aws-global`), where no
  // event bus lives: its name is the partition's plus "-global".
  // A listed region's result carries its description (the SDK merges the region's entry into
  // the partition's outputs); EndpointPartition's type leaves it out, so `in` checks for it at
  // run time instead of a wider type claiming it. The unit tests pin this.
  const found = partition(region);
  if (region === `${found.name}-global`) return false;
  return ('description' in found && found.description !== undefined) || found.name !== 'aws';
}

/** The partition of a known region: `aws`, `aws-cn`, `aws-us-gov`, `aws-eusc`, `aws-iso-f`... (core's, which offline envelopes use too). */
export { partitionOfRegion } from '../core/events/offlineDefaults';
