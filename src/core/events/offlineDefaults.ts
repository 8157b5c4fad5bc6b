/**
 * Where an event is received when there is no AWS: the account, region and partition that
 * offline envelopes, `transformInput`'s default rule ARN and `rulesFromTemplate` all use, so that
 * what a unit test derives from one agrees with the others.
 */
import { partition } from '@aws-sdk/core/client';

/** The documentation account id AWS's own examples use. */
export const OFFLINE_ACCOUNT = '123456789012';

/** The region when AWS_REGION is unset or empty. */
export const OFFLINE_DEFAULT_REGION = 'us-east-1';

/** The offline region: AWS_REGION, else us-east-1 (an empty AWS_REGION counts as unset). */
export function offlineRegion(env: NodeJS.ProcessEnv = process.env): string {
  const region = env['AWS_REGION'];
  return region === undefined || region === '' ? OFFLINE_DEFAULT_REGION : region;
}

/**
 * The partition of a region (`aws`, `aws-cn`, `aws-us-gov`...), from the AWS SDK's own partition
 * data (the table its clients resolve endpoints with); an unknown name is in `aws`.
 */
export function partitionOfRegion(region: string): string {
  return partition(region).name;
}

/** The ARN a rule named `ruleName` has offline: `arn:<partition>:events:<region>:123456789012:rule/<ruleName>`. */
export function offlineRuleArn(ruleName: string, region: string = offlineRegion()): string {
  return `arn:${partitionOfRegion(region)}:events:${region}:${OFFLINE_ACCOUNT}:rule/${ruleName}`;
}
