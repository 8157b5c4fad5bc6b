import { PutEventsCommand, type EventBridgeClient, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { describeAwsError } from './awsErrors';
import { PutEventsError } from '../foundation/errors';
import { batchEntries } from '../core/events/putEntries';
import { messageOf } from '../foundation/realm';

/**
 * The bus a failed call was about, for its message: entries may name their own bus, so the
 * capture's bus is only the default. With several buses in one call, the one AWS names.
 */
function busOf(batch: readonly PutEventsRequestEntry[], error: unknown, defaultBus: string): string {
  const buses = [...new Set(batch.map((entry) => entry.EventBusName ?? defaultBus))];
  if (buses.length === 1) return buses[0] ?? defaultBus;
  const text = messageOf(error);
  return buses.find((bus) => text.includes(bus)) ?? buses.join('" or "');
}

/** What put errors name: the bus, and the endpoint when one is set. */
export interface PutContext {
  readonly eventBusName: string;
  readonly endpoint?: string;
}

/**
 * Sends entries with PutEvents, in order, batch by batch, and returns one event id per entry.
 * EventBridge answers 200 even when entries fail, so FailedEntryCount is checked and every
 * failed entry is named with its code; entries of a batch that succeeded are still reported.
 */
export async function sendPutEvents(
  client: EventBridgeClient,
  entries: readonly PutEventsRequestEntry[],
  context: PutContext,
): Promise<string[]> {
  const ids: string[] = [];
  const failures: string[] = [];
  let offset = 0;
  for (const batch of batchEntries(entries)) {
    let output;
    try {
      output = await client.send(new PutEventsCommand({ Entries: batch }));
    } catch (error) {
      throw new PutEventsError(
        describeAwsError(error, {
          action: `PutEvents (entries ${offset}–${offset + batch.length - 1})`,
          eventBusName: busOf(batch, error, context.eventBusName),
          ...(context.endpoint ? { endpoint: context.endpoint } : {}),
        }),
        { cause: error },
      );
    }
    batch.forEach((entry, i) => {
      const result = output.Entries?.[i];
      if (result?.EventId && !result.ErrorCode) {
        ids.push(result.EventId);
      } else {
        ids.push('');
        failures.push(
          `  - entry ${offset + i} (${entry.Source} ${entry.DetailType}): ${result?.ErrorCode ?? 'NoResult'}${result?.ErrorMessage ? `: ${result.ErrorMessage}` : ''}`,
        );
      }
    });
    offset += batch.length;
  }
  if (failures.length > 0) {
    throw new PutEventsError(`PutEvents rejected ${failures.length} of ${entries.length} entries:\n${failures.join('\n')}`);
  }
  return ids;
}

export type { PutEventsRequestEntry };
