/** The SNS client delivery makes reaches what its SQS client reaches; nothing here calls AWS. */
import { SQSClient } from '@aws-sdk/client-sqs';
import { snsClientLike } from '../../../../src/local/delivery/topicClient';
import { silenceSdkNodeVersionWarning } from '../../../../src/aws/sdkNodeWarning';

// As createAwsClients does before its first client: the SDK's Node-version banner is not this test's output.
silenceSdkNodeVersionWarning();

describe('snsClientLike', () => {
  it("takes the SQS client's region, credentials, endpoint, attempts and HTTP handler", async () => {
    const sqs = new SQSClient({
      region: 'eu-west-1',
      endpoint: 'http://127.0.0.1:4566',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      maxAttempts: 3,
    });
    try {
      const sns = snsClientLike(sqs);
      expect(await sns.config.region()).toBe('eu-west-1');
      expect(await sns.config.credentials()).toEqual(expect.objectContaining({ accessKeyId: 'local', secretAccessKey: 'local' }));
      expect(sns.config.isCustomEndpoint).toBe(true);
      expect(await sns.config.endpoint?.()).toEqual(expect.objectContaining({ protocol: 'http:', hostname: '127.0.0.1', port: 4566 }));
      expect(await sns.config.maxAttempts()).toBe(3);
      // One handler: destroying the SQS client closes the SNS client's sockets too.
      expect(sns.config.requestHandler).toBe(sqs.config.requestHandler);
    } finally {
      sqs.destroy();
    }
  });

  it("leaves SNS's endpoint to the SDK when none was given", () => {
    const sqs = new SQSClient({ region: 'us-east-1', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
    try {
      const sns = snsClientLike(sqs);
      expect(sns.config.isCustomEndpoint).toBe(false);
      expect(sns.config.endpoint).toBeUndefined();
    } finally {
      sqs.destroy();
    }
  });
});
