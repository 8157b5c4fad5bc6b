// The service's handler: its AWS SDK client comes from the project's own node_modules.
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';

const events = new EventBridgeClient({});

interface Ping {
  readonly detail: { readonly n: number; readonly metadata?: { readonly correlationId?: string } };
}

export async function handler(event: Ping, context: { functionName: string }): Promise<void> {
  if (event.detail.n < 0) throw new RangeError(`n must be positive, got ${event.detail.n}`);
  await events.send(
    new PutEventsCommand({
      Entries: [
        {
          EventBusName: process.env.EVENT_BUS_NAME,
          Source: 'e2e.local',
          DetailType: 'Pong',
          Detail: JSON.stringify({ n: event.detail.n, handledBy: context.functionName, metadata: event.detail.metadata }),
        },
      ],
    }),
  );
}
