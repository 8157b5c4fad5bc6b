/**
 * The example order service on the emulator through local flows, checked with the raw SDK only
 * (a queue of this file's own, no capture session): so that a failing demo points at the
 * library's capture or matchers, or at the example, not at both.
 */
import { randomUUID } from 'node:crypto';
import {
  DeleteEventBusCommand,
  DeleteRuleCommand,
  EventBridgeClient,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { join } from 'node:path';
import { startLocalFlows, type LocalFlows } from '../../src/local/startLocalFlows';
import { awsTestClientConfig, createEventBus } from '../../tools/emulator';

const endpoint = requiredEnv('JEST_EVENTBRIDGE_TEST_ENDPOINT_RESOLVED');
const config = awsTestClientConfig(endpoint);
/** A bus of this file's own, so that parallel test files never see each other's orders. */
const busName = `order-service-it-${randomUUID().slice(0, 8)}`;
const WAIT_MS = 20_000;

interface ReceivedEvent {
  readonly source: string;
  readonly 'detail-type': string;
  readonly detail: Record<string, unknown>;
}

const events = new EventBridgeClient(config);
const sqs = new SQSClient(config);
let service: LocalFlows | undefined;
let capture: { queueUrl: string; ruleName: string } | undefined;

jest.setTimeout(WAIT_MS + 10_000);

beforeAll(async () => {
  await createEventBus(endpoint, busName);
  service = await startLocalFlows({
    template: join(__dirname, '../../examples/order-service/template.yaml'),
    endpoint,
    parameters: { EventBusName: busName },
  });
  capture = await createCapture(['shop.billing', 'shop.inventory']);
});

afterAll(async () => {
  try {
    if (capture !== undefined) await deleteCapture(capture);
    await service?.stop();
    await events.send(new DeleteEventBusCommand({ Name: busName }));
  } finally {
    events.destroy();
    sqs.destroy();
  }
});

describe('the example order service', () => {
  it('answers OrderPlaced with OrderConfirmed and one ItemReserved per item', async () => {
    const correlationId = randomUUID();
    await placeOrder({
      orderId: '42',
      items: [
        { sku: 'book', quantity: 2, price: 12.5 },
        { sku: 'pen', quantity: 3, price: 1 },
      ],
      metadata: { correlationId },
    });

    const received = await receiveUntil(correlationId, (seen) => seen.length >= 3);

    const metadata = { correlationId };
    expect(received.find((event) => event['detail-type'] === 'OrderConfirmed')).toMatchObject({
      source: 'shop.billing',
      detail: { orderId: '42', total: 28, itemCount: 5, metadata },
    });
    const reserved = received.filter((event) => event['detail-type'] === 'ItemReserved');
    expect(reserved.map((event) => event.detail).sort(bySku)).toEqual([
      { orderId: '42', sku: 'book', quantity: 2, metadata },
      { orderId: '42', sku: 'pen', quantity: 3, metadata },
    ]);
    expect(reserved.every((event) => event.source === 'shop.inventory')).toBe(true);
  });

  it('answers an order without items with OrderRejected', async () => {
    const correlationId = randomUUID();
    await placeOrder({ orderId: '43', items: [], metadata: { correlationId } });

    const received = await receiveUntil(correlationId, (seen) => seen.some((event) => event['detail-type'] === 'OrderRejected'));

    expect(received).toEqual([
      {
        source: 'shop.billing',
        'detail-type': 'OrderRejected',
        detail: { orderId: '43', reason: 'NO_ITEMS', metadata: { correlationId } },
      },
    ]);
  });
});

async function placeOrder(detail: object): Promise<void> {
  const result = await events.send(
    new PutEventsCommand({
      Entries: [{ EventBusName: busName, Source: 'shop.orders', DetailType: 'OrderPlaced', Detail: JSON.stringify(detail) }],
    }),
  );
  expect(result.FailedEntryCount ?? 0).toBe(0);
}

/** A queue and a rule sending it every event from the given sources: what the test observes. */
async function createCapture(sources: string[]): Promise<{ queueUrl: string; ruleName: string }> {
  const name = `order-service-it-capture-${randomUUID().slice(0, 8)}`;
  const { QueueUrl: queueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name }));
  if (queueUrl === undefined) throw new Error('CreateQueue returned no URL.');
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }));
  await events.send(new PutRuleCommand({ Name: name, EventBusName: busName, EventPattern: JSON.stringify({ source: sources }) }));
  await events.send(new PutTargetsCommand({ Rule: name, EventBusName: busName, Targets: [{ Id: 'capture', Arn: Attributes?.QueueArn }] }));
  return { queueUrl, ruleName: name };
}

async function deleteCapture({ queueUrl, ruleName }: { queueUrl: string; ruleName: string }): Promise<void> {
  await events.send(new RemoveTargetsCommand({ Rule: ruleName, EventBusName: busName, Ids: ['capture'] }));
  await events.send(new DeleteRuleCommand({ Name: ruleName, EventBusName: busName }));
  await sqs.send(new DeleteQueueCommand({ QueueUrl: queueUrl }));
}

/**
 * Long-polls the capture queue until `done` holds for this order's events or the deadline passes.
 * Events of other orders (other tests) are deleted and skipped: the correlation id tells them apart.
 */
async function receiveUntil(correlationId: string, done: (seen: ReceivedEvent[]) => boolean): Promise<ReceivedEvent[]> {
  if (capture === undefined) throw new Error('The capture queue was not created.');
  const seen: ReceivedEvent[] = [];
  const deadline = Date.now() + WAIT_MS;
  while (!done(seen)) {
    const remainingSeconds = Math.ceil((deadline - Date.now()) / 1000);
    if (remainingSeconds <= 0) {
      throw new Error(`Timed out after ${WAIT_MS} ms; events received so far: ${JSON.stringify(seen)}`);
    }
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: capture.queueUrl,
        WaitTimeSeconds: Math.min(remainingSeconds, 20),
        MaxNumberOfMessages: 10,
      }),
    );
    for (const message of Messages) {
      const event = JSON.parse(message.Body ?? '{}') as ReceivedEvent;
      const metadata = event.detail.metadata as { correlationId?: string } | undefined;
      if (metadata?.correlationId === correlationId) {
        seen.push({ source: event.source, 'detail-type': event['detail-type'], detail: event.detail });
      }
      await sqs.send(new DeleteMessageCommand({ QueueUrl: capture.queueUrl, ReceiptHandle: message.ReceiptHandle }));
    }
  }
  return seen;
}

function bySku(a: Record<string, unknown>, b: Record<string, unknown>): number {
  return String(a.sku).localeCompare(String(b.sku));
}

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') {
    throw new Error(`${name} is not set: run this file with the integration global setup (test/integration/globalSetup.ts).`);
  }
  return value;
}
