/** The delivery's refusals that come before any call to the emulator. */
import { SQSClient } from '@aws-sdk/client-sqs';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { createTargetDelivery, deliveryUnsupportedReason } from '../../../../src/local/delivery';
import { silenceSdkNodeVersionWarning } from '../../../../src/aws/sdkNodeWarning';

// As createAwsClients does before its first client: the SDK's Node-version banner is not this test's output.
silenceSdkNodeVersionWarning();

describe('deliveryUnsupportedReason', () => {
  it.each(['sqs', 'sns', 'event-bus'] as const)('delivers to %s targets', (kind) => {
    expect(deliveryUnsupportedReason(kind)).toBeUndefined();
  });

  it('names who handles a Lambda target, and what is delivered to for any other', () => {
    expect(deliveryUnsupportedReason('lambda')).toBe('a Lambda target is invoked by the local function runtime, not delivered');
    expect(deliveryUnsupportedReason(undefined)).toBe(
      'local mode delivers only to Lambda functions, SQS queues, SNS topics and event buses',
    );
  });
});

describe('createTargetDelivery, before any call', () => {
  // Clients at an address nothing listens on: these refusals must come before a call.
  const config = {
    region: 'us-east-1',
    endpoint: 'http://127.0.0.1:9',
    credentials: { accessKeyId: 'a', secretAccessKey: 'b' },
    maxAttempts: 1,
  };
  const clients = { sqs: new SQSClient(config), eventBridge: new EventBridgeClient(config) };
  const delivery = createTargetDelivery(clients);
  afterAll(() => {
    clients.sqs.destroy();
    clients.eventBridge.destroy();
  });

  it('refuses a topic target whose ARN is not a topic', async () => {
    await expect(
      delivery.deliver(
        { kind: 'sns', arn: 'arn:aws:sqs:us-east-1:123456789012:alerts', description: 'target Alerts of rule OrderPlaced' },
        '{}',
        {
          eventId: 'e-1',
        },
      ),
    ).rejects.toThrow(
      'target Alerts of rule OrderPlaced: "arn:aws:sqs:us-east-1:123456789012:alerts" is not an SNS topic ARN (arn:aws:sns:REGION:ACCOUNT:NAME): fix the target\'s Arn.',
    );
  });

  it('refuses a FIFO topic target without a message group, naming why and the fix', async () => {
    await expect(
      delivery.deliver({ kind: 'sns', arn: 'arn:aws:sns:us-east-1:123456789012:jobs.fifo' }, '{}', { eventId: 'e-1' }),
    ).rejects.toThrow(
      'Target arn:aws:sns:us-east-1:123456789012:jobs.fifo: topic jobs.fifo is a FIFO topic, which needs a message group, and an EventBridge rule gives it none (AWS documents SNS FIFO topics as unsupported rule targets): target a standard topic, or an SQS FIFO queue with SqsParameters.MessageGroupId.',
    );
  });

  it('refuses a Lambda target: the runtime invokes it', async () => {
    await expect(
      delivery.deliver({ kind: 'lambda', arn: 'arn:aws:lambda:us-east-1:123456789012:function:f' }, '{}', { eventId: 'e-1' }),
    ).rejects.toThrow(
      'Target arn:aws:lambda:us-east-1:123456789012:function:f: a Lambda target is invoked by the local function runtime, not delivered.',
    );
  });
});
