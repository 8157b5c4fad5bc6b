/**
 * The SNS client topic delivery publishes with, made from the delivery's SQS client so that it
 * reaches the same emulator the same way: the same region, credentials, endpoint and attempts,
 * and the same HTTP handler. Sharing the handler means the SNS client holds no sockets of its
 * own: destroying the SQS client (`destroyAwsClients`) releases them, so the delivery needs no
 * `destroy()` and its callers no change.
 *
 * The retry mode is SNS's default ('standard'): the SQS client's mode is folded into its retry
 * strategy, whose retry quota (and, in 'adaptive' mode, rate limiter) belong to that client and
 * are not shared.
 */
import { SNSClient } from '@aws-sdk/client-sns';
import type { SQSClient } from '@aws-sdk/client-sqs';

/** An SNS client built from `sqs`'s settings; never destroy it on its own (the handler is `sqs`'s). */
export function snsClientLike(sqs: SQSClient): SNSClient {
  const config = sqs.config;
  return new SNSClient({
    region: config.region,
    credentials: config.credentials,
    // Only an endpoint someone gave: one configured for SQS alone (AWS_ENDPOINT_URL_SQS) is not
    // SNS's, which the SDK then resolves from its own settings, as any SNS client would.
    ...(config.isCustomEndpoint && config.endpoint !== undefined ? { endpoint: config.endpoint } : {}),
    maxAttempts: config.maxAttempts,
    requestHandler: config.requestHandler,
  });
}
