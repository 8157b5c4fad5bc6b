/**
 * Jest `setupFiles` of the sls-test-tools variant: what a user of the tool does to aim it at a
 * local endpoint. The tool reads its settings from the command line when it loads (and cannot
 * load without `--stack`), and its clients are aws-sdk v2 ones, which do not read
 * AWS_ENDPOINT_URL: the endpoint goes into the SDK's global configuration.
 */
import * as AWS from 'aws-sdk';

const region = process.env.AWS_REGION ?? 'us-east-1';
for (const flag of ['--stack=jest-eventbridge-bench', `--region=${region}`]) {
  if (!process.argv.includes(flag)) process.argv.push(flag);
}
const endpoint = process.env.AWS_ENDPOINT_URL;
if (endpoint) AWS.config.update({ endpoint, region });
