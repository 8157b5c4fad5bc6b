import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SQSClient } from '@aws-sdk/client-sqs';
import { STSClient } from '@aws-sdk/client-sts';
import { recordEndpointInErrors } from './endpointInErrors';
import { silenceSdkNodeVersionWarning } from './sdkNodeWarning';

export interface AwsClients {
  readonly eventBridge: EventBridgeClient;
  readonly sqs: SQSClient;
  readonly sts: STSClient;
}

/** How the clients reach AWS: the resolved options' fields of the same names. */
export interface ClientSettings {
  readonly region?: string;
  readonly endpoint?: string;
  /** Attempts per call, the first included (the SDK's own retries). */
  readonly maxAttempts: number;
  readonly retryMode: 'standard' | 'adaptive';
}

/** Attempts per AWS call unless the "maxAttempts" option says otherwise. */
export const DEFAULT_MAX_ATTEMPTS = 5;

/**
 * One set of clients per capture. Retries are deliberate: 'standard' mode with 5 attempts rides
 * out the throttling and 5xx answers a busy account gives during parallel test runs; 'adaptive'
 * is offered for accounts that share their PutEvents quota with production traffic.
 */
export function createAwsClients(settings: ClientSettings): AwsClients {
  // Before the first client: the SDK decides on its Node-version banner when a client is built.
  silenceSdkNodeVersionWarning();
  const config = {
    ...(settings.region ? { region: settings.region } : {}),
    ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
    maxAttempts: settings.maxAttempts,
    retryMode: settings.retryMode,
  };
  const clients = {
    eventBridge: new EventBridgeClient(config),
    sqs: new SQSClient(config),
    sts: new STSClient(config),
  };
  for (const client of Object.values(clients)) recordEndpointInErrors(client);
  return clients;
}

export function destroyAwsClients(clients: AwsClients): void {
  clients.eventBridge.destroy();
  clients.sqs.destroy();
  clients.sts.destroy();
}
