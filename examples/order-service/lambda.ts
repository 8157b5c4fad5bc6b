/**
 * The order service's Lambda function, as deployed by template.yaml: EventBridge invokes it with
 * each OrderPlaced event its rule matches. It records the order in the orders table (once: an
 * asynchronous invocation may be retried, so a second delivery of the same event changes
 * nothing) and puts the events handleOrderPlaced decides back on the bus.
 *
 * Its SDK clients take their settings from the environment, as in Lambda: under jest-eventbridge's
 * local flows that is the emulator's endpoint, region and dummy credentials.
 */
import { ConditionalCheckFailedException, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { handleOrderPlaced, type EventBridgeEnvelope, type OrderPlacedDetail } from './handler';

// Created once per execution environment and kept warm between invocations, as Lambda does.
const dynamo = new DynamoDBClient({});
const events = new EventBridgeClient({});

/** PutEvents accepts at most 10 entries per call. */
const PUT_EVENTS_BATCH = 10;

export async function handler(event: EventBridgeEnvelope<OrderPlacedDetail>): Promise<{ emitted: number }> {
  const tableName = requiredVariable('TABLE_NAME');
  const eventBusName = requiredVariable('EVENT_BUS_NAME');
  if (!(await recordOnce(tableName, event))) return { emitted: 0 };

  const entries = handleOrderPlaced(event);
  for (let start = 0; start < entries.length; start += PUT_EVENTS_BATCH) {
    const batch = entries.slice(start, start + PUT_EVENTS_BATCH);
    const result = await events.send(new PutEventsCommand({ Entries: batch.map((entry) => ({ ...entry, EventBusName: eventBusName })) }));
    // PutEvents reports rejected entries in its answer rather than by failing: fail the
    // invocation, so that Lambda retries it.
    if ((result.FailedEntryCount ?? 0) > 0) throw new Error(`PutEvents rejected entries: ${JSON.stringify(result.Entries)}`);
  }
  return { emitted: entries.length };
}

/** Writes the order keyed by the event's id; false when this event was recorded before (a retry). */
async function recordOnce(tableName: string, event: EventBridgeEnvelope<OrderPlacedDetail>): Promise<boolean> {
  try {
    await dynamo.send(
      new PutItemCommand({
        TableName: tableName,
        Item: {
          eventId: { S: event.id },
          orderId: { S: String(event.detail.orderId) },
          receivedAt: { S: event.time },
        },
        ConditionExpression: 'attribute_not_exists(eventId)',
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

function requiredVariable(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: the template gives it to the function.`);
  return value;
}
