/**
 * The emulator's fixes, proven on deliveries:
 * - race: PutEvents on a bus while another client creates and deletes rules on that bus. Plain
 *   moto crashes mid-delivery ("OrderedDict mutated during iteration"), the SDK retries the 500
 *   and events arrive twice under new ids; with the fix every event arrives exactly once.
 * - memoization: events delivered through input transformers and moto's default template are
 *   the same, field for field, as plain moto delivers them.
 */
import { randomUUID } from 'node:crypto';
import {
  DeleteRuleCommand,
  EventBridgeClient,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
  type Target,
} from '@aws-sdk/client-eventbridge';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/startEmulator';
import { awsTestClientConfig, createEventBus } from '../../../tools/emulator';

const suiteEndpoint = process.env.JEST_EVENTBRIDGE_TEST_ENDPOINT_RESOLVED as string;

jest.setTimeout(120_000);

interface Listener {
  readonly queueUrl: string;
  readonly queueArn: string;
}

async function createListener(sqs: SQSClient, name: string): Promise<Listener> {
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name }));
  const queueUrl = QueueUrl as string;
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }));
  return { queueUrl, queueArn: Attributes?.QueueArn as string };
}

/** Receives until `expected` messages arrived, then until the queue stays empty for two long polls. */
async function drain(sqs: SQSClient, queueUrl: string, expected: number): Promise<string[]> {
  const bodies: string[] = [];
  let emptyPolls = 0;
  const deadline = Date.now() + 60_000;
  while ((bodies.length < expected || emptyPolls < 2) && Date.now() < deadline) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }),
    );
    emptyPolls = Messages.length === 0 ? emptyPolls + 1 : 0;
    if (Messages.length === 0) continue;
    bodies.push(...Messages.map((message) => message.Body ?? ''));
    await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle })),
      }),
    );
  }
  return bodies;
}

describe('PutEvents while another client changes the rules of the bus', () => {
  const ROUNDS = 30;
  const BATCH = 10;
  const bus = `race-${randomUUID().slice(0, 8)}`;
  const config = awsTestClientConfig(suiteEndpoint);
  const events = new EventBridgeClient(config);
  const churner = new EventBridgeClient(config);
  const sqs = new SQSClient(config);
  let listener: Listener;

  beforeAll(async () => {
    await createEventBus(suiteEndpoint, bus);
    listener = await createListener(sqs, `${bus}-listener`);
    await events.send(new PutRuleCommand({ Name: 'listen', EventBusName: bus, EventPattern: JSON.stringify({ source: ['race.test'] }) }));
    await events.send(new PutTargetsCommand({ Rule: 'listen', EventBusName: bus, Targets: [{ Id: 'queue', Arn: listener.queueArn }] }));
  });

  afterAll(async () => {
    await events.send(new RemoveTargetsCommand({ Rule: 'listen', EventBusName: bus, Ids: ['queue'] }));
    await events.send(new DeleteRuleCommand({ Name: 'listen', EventBusName: bus }));
    await sqs.send(new DeleteQueueCommand({ QueueUrl: listener.queueUrl }));
    for (const client of [events, churner, sqs]) client.destroy();
  });

  it(`delivers each of ${ROUNDS} batches of ${BATCH} exactly once`, async () => {
    let churning = true;
    let changes = 0;
    const churn = (async () => {
      for (let i = 0; churning; i += 1) {
        const name = `churn-${i % 3}`;
        await churner.send(new PutRuleCommand({ Name: name, EventBusName: bus, EventPattern: JSON.stringify({ source: ['elsewhere'] }) }));
        await churner.send(new DeleteRuleCommand({ Name: name, EventBusName: bus }));
        changes += 2;
      }
    })();
    let accepted = 0;
    try {
      for (let round = 0; round < ROUNDS; round += 1) {
        const Entries = Array.from({ length: BATCH }, (_, n) => ({
          EventBusName: bus,
          Source: 'race.test',
          DetailType: 'Counted',
          Detail: JSON.stringify({ round, n }),
        }));
        const result = await events.send(new PutEventsCommand({ Entries }));
        accepted += BATCH - (result.FailedEntryCount ?? 0);
        // No put needed a retry: moto answers 500 when it crashes mid-delivery, and the retry redelivers.
        expect(result.$metadata.attempts).toBe(1);
      }
    } finally {
      churning = false;
      await churn;
    }
    expect(changes).toBeGreaterThan(ROUNDS);
    const delivered = (await drain(sqs, listener.queueUrl, ROUNDS * BATCH)).map((body) =>
      JSON.stringify((JSON.parse(body) as { detail: unknown }).detail),
    );
    expect(accepted).toBe(ROUNDS * BATCH);
    expect(delivered).toHaveLength(ROUNDS * BATCH);
    expect(new Set(delivered).size).toBe(ROUNDS * BATCH);
  });
});

describe('deliveries through input transformers, with and without the memoized parse', () => {
  const TARGETS: readonly Omit<Target, 'Arn'>[] = [
    { Id: 'default-template' },
    {
      Id: 'transformer',
      InputTransformer: {
        InputPathsMap: { order: '$.detail.orderId', total: '$.detail.total', first: '$.detail.items[0].sku', source: '$.source' },
        // Strings in quotes: moto inserts a string's value without the quotes AWS would add.
        InputTemplate: '{"order": "<order>", "total": <total>, "first": "<first>", "from": "<source>", "fixed": "yes"}',
      },
    },
    { Id: 'whole-event', InputTransformer: { InputPathsMap: {}, InputTemplate: '{"event": <aws.events.event.json>}' } },
  ];
  const EVENTS = [
    { orderId: 'o-1', total: 12.5, items: [{ sku: 'A' }, { sku: 'B' }] },
    { orderId: 'o-2', total: 3, items: [{ sku: 'C' }], nested: { deep: [1, 2, { x: null }] } },
  ];
  let plain: RunningEmulator | undefined;

  afterAll(async () => {
    await plain?.stop();
  });

  /** What each target receives on the emulator at `endpoint`, without the ids and times that differ per run. */
  async function deliveries(endpoint: string): Promise<Record<string, unknown[]>> {
    const config = awsTestClientConfig(endpoint);
    const events = new EventBridgeClient(config);
    const sqs = new SQSClient(config);
    const bus = `transform-${randomUUID().slice(0, 8)}`;
    try {
      await createEventBus(endpoint, bus);
      await events.send(
        new PutRuleCommand({ Name: 'route', EventBusName: bus, EventPattern: JSON.stringify({ source: ['shop.orders'] }) }),
      );
      const listeners = await Promise.all(TARGETS.map((target) => createListener(sqs, `${bus}-${target.Id as string}`)));
      await events.send(
        new PutTargetsCommand({
          Rule: 'route',
          EventBusName: bus,
          Targets: TARGETS.map((target, i) => ({ ...target, Arn: listeners[i]?.queueArn })),
        }),
      );
      await events.send(
        new PutEventsCommand({
          Entries: EVENTS.map((detail) => ({
            EventBusName: bus,
            Source: 'shop.orders',
            DetailType: 'OrderPlaced',
            Detail: JSON.stringify(detail),
          })),
        }),
      );
      const received: Record<string, unknown[]> = {};
      for (const [i, target] of TARGETS.entries()) {
        const bodies = await drain(sqs, listeners[i]?.queueUrl as string, EVENTS.length);
        received[target.Id as string] = bodies
          .map((body) => withoutVaryingFields(JSON.parse(body)))
          .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
      }
      return received;
    } finally {
      events.destroy();
      sqs.destroy();
    }
  }

  it('gives the same events as plain moto', async () => {
    plain = await startEmulator({ fixes: false });
    const [fixed, unfixed] = await Promise.all([deliveries(suiteEndpoint), deliveries(plain.endpoint)]);
    expect(fixed['transformer']).toEqual([
      { order: 'o-1', total: 12.5, first: 'A', from: 'shop.orders', fixed: 'yes' },
      { order: 'o-2', total: 3, first: 'C', from: 'shop.orders', fixed: 'yes' },
    ]);
    expect(fixed['default-template']).toHaveLength(EVENTS.length);
    expect(fixed).toEqual(unfixed);
  });
});

/** Drops what differs between two runs of the same puts: ids, times, and the bus's generated name. */
function withoutVaryingFields(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutVaryingFields);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .filter(([key]) => !['id', 'time', 'ingestion-time'].includes(key))
      .map(([key, inner]) => [key, withoutVaryingFields(inner)]),
  );
}
