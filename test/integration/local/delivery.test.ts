/**
 * Delivery of a routed target's input on the emulator: the exact text into an SQS queue, the
 * exact text published to an SNS topic (read back from a queue subscribed with raw message
 * delivery, so its body is the message itself), and the event itself forwarded to an event bus
 * (read back through a rule of that bus into a queue). The bus, queues and topics are this
 * file's own, so nothing else puts on them.
 */
import { randomUUID } from 'node:crypto';
import { DeleteRuleCommand, PutRuleCommand, PutTargetsCommand, RemoveTargetsCommand } from '@aws-sdk/client-eventbridge';
import { CreateTopicCommand, DeleteTopicCommand, SNSClient, SubscribeCommand, UnsubscribeCommand } from '@aws-sdk/client-sns';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  type Message,
} from '@aws-sdk/client-sqs';
import { createAwsClients, destroyAwsClients } from '../../../src/aws/awsClients';
import { compileRouting, routeEvent } from '../../../src/core/targets';
import { parseEnvelope } from '../../../src/core/events/envelope';
import { createTargetDelivery, DeliveryError } from '../../../src/local/delivery';
import type { LocalRuleSpec } from '../../../src/local/stackModel';
import { createEventBus, deleteEventBus, TEST_REGION } from '../../../tools/emulator';

const endpoint = process.env.JEST_EVENTBRIDGE_TEST_ENDPOINT_RESOLVED as string;
const clients = createAwsClients({ endpoint, region: TEST_REGION, maxAttempts: 3, retryMode: 'standard' });
const delivery = createTargetDelivery(clients, { endpoint });
const suffix = randomUUID().slice(0, 8);
const busName = `local-delivery-${suffix}`;
const account = '123456789012';
const queueArn = (name: string): string => `arn:aws:sqs:${TEST_REGION}:${account}:${name}`;
const createdQueues: string[] = [];
// The test's own SNS client, for the topics and subscriptions delivery publishes through.
const sns = new SNSClient({ endpoint, region: TEST_REGION });
const createdTopics: string[] = [];
const subscriptions: string[] = [];

async function createQueue(name: string, attributes: Record<string, string> = {}): Promise<string> {
  const { QueueUrl = '' } = await clients.sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }));
  createdQueues.push(QueueUrl);
  return QueueUrl;
}

async function queueArnOf(queueUrl: string): Promise<string> {
  const { Attributes } = await clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }));
  return Attributes?.QueueArn ?? '';
}

/** A topic with a new queue subscribed to it, raw message delivery on: the queue's bodies are the messages published. */
async function topicWithQueue(name: string, fifo = false): Promise<{ topicArn: string; queueUrl: string }> {
  const { TopicArn = '' } = await sns.send(new CreateTopicCommand({ Name: name, Attributes: fifo ? { FifoTopic: 'true' } : {} }));
  createdTopics.push(TopicArn);
  const queueUrl = await createQueue(fifo ? name.replace(/\.fifo$/, '-q.fifo') : `${name}-q`, fifo ? { FifoQueue: 'true' } : {});
  const { SubscriptionArn = '' } = await sns.send(
    new SubscribeCommand({
      TopicArn,
      Protocol: 'sqs',
      Endpoint: await queueArnOf(queueUrl),
      Attributes: { RawMessageDelivery: 'true' },
      ReturnSubscriptionArn: true,
    }),
  );
  subscriptions.push(SubscriptionArn);
  return { topicArn: TopicArn, queueUrl };
}

/**
 * Receives until `count` messages arrived or the deadline passes (long polls: no fixed sleep),
 * deleting each batch (a FIFO queue hands out no more of a message group while one is in flight).
 */
async function receive(queueUrl: string, count: number, timeoutMs = 10_000): Promise<Message[]> {
  const messages: Message[] = [];
  const deadline = Date.now() + timeoutMs;
  while (messages.length < count && Date.now() < deadline) {
    const output = await clients.sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        WaitTimeSeconds: 1,
        MaxNumberOfMessages: 10,
        MessageSystemAttributeNames: ['MessageGroupId', 'MessageDeduplicationId'],
      }),
    );
    const received = output.Messages ?? [];
    messages.push(...received);
    if (received.length > 0)
      await clients.sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: received.map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle })),
        }),
      );
  }
  return messages;
}

beforeAll(async () => {
  await createEventBus(endpoint, busName);
});

afterAll(async () => {
  for (const arn of subscriptions) await sns.send(new UnsubscribeCommand({ SubscriptionArn: arn }));
  for (const arn of createdTopics) await sns.send(new DeleteTopicCommand({ TopicArn: arn }));
  sns.destroy();
  for (const url of createdQueues) await clients.sqs.send(new DeleteQueueCommand({ QueueUrl: url }));
  await deleteEventBus(endpoint, busName);
  destroyAwsClients(clients);
});

const parsed = parseEnvelope(
  '{"version":"0","id":"e-1","detail-type":"Order Placed","source":"shop.orders","account":"123456789012","time":"2026-01-01T00:00:00Z","region":"us-east-1","resources":["arn:aws:shop:order/1"],"detail":{"orderId":12345678901234567890,"total":42}}',
);
if (!parsed.ok) throw new Error(parsed.reason);
const event = parsed.event;

/** A rule of the template with one target at `arn`, its input made by an input transformer. */
function ruleTargeting(kind: 'sqs' | 'sns', arn: string): LocalRuleSpec {
  return {
    logicalId: 'OrderPlaced',
    name: 'OrderPlaced',
    arn: `arn:aws:events:${TEST_REGION}:${account}:rule/orders/OrderPlaced`,
    eventBusName: 'orders',
    eventPattern: '{"source":["shop.orders"]}',
    state: 'ENABLED',
    templatePath: 'Resources.OrderPlaced',
    targets: [
      {
        id: 'Audit',
        arn,
        kind,
        templatePath: 'Resources.OrderPlaced.Properties.Targets[0]',
        inputTransformer: { inputPathsMap: { id: '$.detail.orderId' }, inputTemplate: '{"order": <id>, "rule": <aws.events.rule-name>}' },
      },
    ],
  };
}

describe('createTargetDelivery', () => {
  it('sends the exact input text routing gives to an SQS queue target, found from its ARN', async () => {
    const queueName = `local-delivery-q-${suffix}`;
    const queueUrl = await createQueue(queueName);
    const rule = ruleTargeting('sqs', queueArn(queueName));
    const [routed] = routeEvent(event, compileRouting([rule]), { eventBusName: 'orders' });
    expect(routed?.input).toBe('{"order": 12345678901234567890, "rule": "OrderPlaced"}');

    const receipt = await delivery.deliver(routed?.target ?? rule.targets[0]!, routed?.input ?? '', { eventId: event.id });
    expect(receipt.kind).toBe('sqs');
    const messages = await receive(queueUrl, 1);
    expect(messages.map((message) => message.Body)).toEqual(['{"order": 12345678901234567890, "rule": "OrderPlaced"}']);
    expect(receipt).toEqual({ kind: 'sqs', messageId: messages[0]?.MessageId });
  });

  it('publishes the exact input text routing gives to an SNS topic target', async () => {
    const { topicArn, queueUrl } = await topicWithQueue(`local-delivery-t-${suffix}`);
    const rule = ruleTargeting('sns', topicArn);
    const [routed] = routeEvent(event, compileRouting([rule]), { eventBusName: 'orders' });
    expect(routed?.input).toBe('{"order": 12345678901234567890, "rule": "OrderPlaced"}');

    const receipt = await delivery.deliver(routed?.target ?? rule.targets[0]!, routed?.input ?? '', { eventId: event.id });
    // Raw message delivery: the queue's body is the published text itself, not SNS's envelope.
    const messages = await receive(queueUrl, 1);
    expect(messages.map((message) => message.Body)).toEqual(['{"order": 12345678901234567890, "rule": "OrderPlaced"}']);
    expect(receipt).toEqual({
      kind: 'sns',
      messageId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
    });
  });

  it("publishes to a FIFO topic in the given message group, deduplicated by the event's id", async () => {
    const { topicArn, queueUrl } = await topicWithQueue(`local-delivery-t-${suffix}.fifo`, true);
    const target = { kind: 'sns', arn: topicArn } as const;
    await delivery.deliver(target, '"first"', { eventId: 'e-1', messageGroupId: 'orders' });
    // The same event again (a redelivery): SNS drops it as a duplicate.
    await delivery.deliver(target, '"first, again"', { eventId: 'e-1', messageGroupId: 'orders' });
    await delivery.deliver(target, '"second"', { eventId: 'e-2', messageGroupId: 'orders' });
    // One message group is in order: had the duplicate arrived, it would come before "second".
    const messages = await receive(queueUrl, 2);
    expect(messages.map((message) => [message.Body, message.Attributes])).toEqual([
      ['"first"', { MessageGroupId: 'orders', MessageDeduplicationId: 'e-1' }],
      ['"second"', { MessageGroupId: 'orders', MessageDeduplicationId: 'e-2' }],
    ]);
  });

  it('names the target and the fix when the topic does not exist, or its ARN is not a topic', async () => {
    const missing = `arn:aws:sns:${TEST_REGION}:${account}:missing-${suffix}`;
    await expect(
      delivery.deliver({ kind: 'sns', arn: missing, description: 'Target "Alerts" of rule "OrderPlaced"' }, '{}', { eventId: 'e' }),
    ).rejects.toThrow(
      `Target "Alerts" of rule "OrderPlaced": topic missing-${suffix} does not exist on the emulator: declare it in the template (local mode creates the template's topics) or fix the target's Arn.`,
    );
    await expect(delivery.deliver({ kind: 'sns', arn: queueArn('not-a-topic') }, '{}', { eventId: 'e' })).rejects.toThrow(
      new DeliveryError(
        `Target ${queueArn('not-a-topic')}: "${queueArn('not-a-topic')}" is not an SNS topic ARN (arn:aws:sns:REGION:ACCOUNT:NAME): fix the target's Arn.`,
      ),
    );
  });

  it('forwards the event itself to an event bus target', async () => {
    const queueName = `local-delivery-bus-q-${suffix}`;
    const queueUrl = await createQueue(queueName);
    const { Attributes } = await clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }));
    const ruleName = `read-back-${suffix}`;
    await clients.eventBridge.send(
      new PutRuleCommand({ Name: ruleName, EventBusName: busName, EventPattern: '{"source":["shop.orders"]}' }),
    );
    await clients.eventBridge.send(
      new PutTargetsCommand({ Rule: ruleName, EventBusName: busName, Targets: [{ Id: 'q', Arn: Attributes?.QueueArn }] }),
    );
    try {
      const busArn = `arn:aws:events:${TEST_REGION}:${account}:event-bus/${busName}`;
      const receipt = await delivery.deliver(
        { kind: 'event-bus', arn: busArn },
        JSON.stringify({ ...event, detail: { orderId: 'o-1', total: 42 } }),
        { eventId: event.id },
      );
      expect(receipt.kind).toBe('event-bus');
      const [message] = await receive(queueUrl, 1);
      const forwarded = parseEnvelope(message?.Body);
      if (!forwarded.ok) throw new Error(forwarded.reason);
      expect(forwarded.event).toMatchObject({
        source: 'shop.orders',
        'detail-type': 'Order Placed',
        resources: ['arn:aws:shop:order/1'],
        time: '2026-01-01T00:00:00Z',
        detail: { orderId: 'o-1', total: 42 },
      });
      // A new event on the destination bus: EventBridge gives it an id of its own.
      expect(forwarded.event.id).toBe(receipt.kind === 'event-bus' ? receipt.eventId : '');
    } finally {
      await clients.eventBridge.send(new RemoveTargetsCommand({ Rule: ruleName, EventBusName: busName, Ids: ['q'] }));
      await clients.eventBridge.send(new DeleteRuleCommand({ Name: ruleName, EventBusName: busName }));
    }
  });

  it('names the target and the fix when the queue does not exist', async () => {
    await expect(
      delivery.deliver({ kind: 'sqs', arn: queueArn(`missing-${suffix}`), description: 'Target "Audit" of rule "OrderPlaced"' }, '{}', {
        eventId: 'e',
      }),
    ).rejects.toThrow(
      `Target "Audit" of rule "OrderPlaced": queue missing-${suffix} does not exist on the emulator: declare it in the template (local mode creates the template's queues) or fix the target's Arn.`,
    );
  });

  it('refuses a FIFO queue or FIFO topic target without a message group', async () => {
    await expect(delivery.deliver({ kind: 'sqs', arn: queueArn('jobs.fifo') }, '{}', { eventId: 'e' })).rejects.toThrow(
      new DeliveryError(
        `Target ${queueArn('jobs.fifo')}: queue jobs.fifo is a FIFO queue, which needs a message group: set the target's SqsParameters.MessageGroupId.`,
      ),
    );
    const topic = `arn:aws:sns:${TEST_REGION}:${account}:jobs.fifo`;
    await expect(delivery.deliver({ kind: 'sns', arn: topic }, '{}', { eventId: 'e' })).rejects.toThrow(
      new DeliveryError(
        `Target ${topic}: topic jobs.fifo is a FIFO topic, which needs a message group, and an EventBridge rule gives it none (AWS documents SNS FIFO topics as unsupported rule targets): target a standard topic, or an SQS FIFO queue with SqsParameters.MessageGroupId.`,
      ),
    );
  });

  it('refuses to forward a text that is not an event to a bus', async () => {
    await expect(
      delivery.deliver({ kind: 'event-bus', arn: `arn:aws:events:${TEST_REGION}:${account}:event-bus/${busName}` }, '"just text"', {
        eventId: 'e',
      }),
    ).rejects.toThrow(
      `Target arn:aws:events:${TEST_REGION}:${account}:event-bus/${busName}: an event bus target receives the event itself, but the input is not an event: remove the target's Input, InputPath or InputTransformer.`,
    );
  });
});
