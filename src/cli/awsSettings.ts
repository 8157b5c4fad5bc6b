/**
 * The AWS settings a `sweep` needs before its first call: a region and credentials, from the
 * flags or the AWS SDK's chain (environment, profile, container or instance role). Both are
 * resolved up front, so that a user missing both hears about both in one run, by flag name,
 * rather than from the first AWS call that fails.
 */
import { messageOf } from '../foundation/realm';
import { STSClient } from '@aws-sdk/client-sts';
import { errorCode } from '../aws/awsErrors';

export interface AwsSettings {
  /** A valid --region, if given. */
  readonly region?: string;
  /** A valid --endpoint, if given. */
  readonly endpoint?: string;
  /** Whether --region was given at all (a bad one is reported by the argument check). */
  readonly regionGiven: boolean;
}

/** Resolves region and credentials as the sweep's clients would; one sentence per problem, none when all is set. */
export async function checkAwsSettings(settings: AwsSettings): Promise<string[]> {
  // A client resolves both from the same chain the sweep's clients use; it makes no request.
  const client = new STSClient({
    ...(settings.region !== undefined ? { region: settings.region } : {}),
    ...(settings.endpoint !== undefined ? { endpoint: settings.endpoint } : {}),
  });
  try {
    const [region, credentials] = await Promise.allSettled([
      settings.regionGiven ? Promise.resolve(settings.region) : client.config.region(),
      client.config.credentials(),
    ]);
    const problems: string[] = [];
    if (region.status === 'rejected') {
      problems.push('no AWS region is set: give --region, e.g. --region us-east-1, or set AWS_REGION (or a region in your AWS profile).');
    }
    if (credentials.status === 'rejected') problems.push(describeCredentialsProblem(credentials.reason, settings.endpoint !== undefined));
    return problems;
  } finally {
    client.destroy();
  }
}

function describeCredentialsProblem(error: unknown, emulator: boolean): string {
  const anyValue = emulator ? ' (any values work against the emulator at --endpoint)' : '';
  if (errorCode(error) === 'CredentialsProviderError' && /could not load credentials/i.test(error instanceof Error ? error.message : '')) {
    return `no AWS credentials were found: set AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY${anyValue}.`;
  }
  // A profile that exists but cannot give credentials (an expired SSO session, a bad process).
  return `AWS credentials could not be loaded: ${messageOf(error)}. Check AWS_PROFILE and its settings${anyValue}.`;
}
