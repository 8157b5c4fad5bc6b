/**
 * A stand-in for the deployed order service: in production this would be a Lambda subscribed to
 * the bus. Here a rule sends OrderPlaced events to a queue, and a loop long-polls the queue, runs
 * the handler and puts what it returns back on the bus.
 */
import { randomUUID } from 'node:crypto';
import {
  DeleteRuleCommand,
  EventBridgeClient,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
  type EventBridgeClientConfig,
} from '@aws-sdk/client-eventbridge';
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SetQueueAttributesCommand,
  SQSClient,
  type Message,
  type SQSClientConfig,
} from '@aws-sdk/client-sqs';
import { handleOrderPlaced, ORDER_PLACED, ORDERS_SOURCE, type EventBridgeEnvelope, type OrderPlacedDetail } from './handler';

export interface OrderServiceOptions {
  readonly eventBusName: string;
  /** Shared by the EventBridge and SQS clients; empty means the SDK's defaults (environment). */
  readonly clientConfig?: EventBridgeClientConfig & SQSClientConfig;
  /** Where failures of the poll loop go; they never stop the loop. */
  readonly onError?: (error: unknown) => void;
}

export interface RunningOrderService {
  stop(): Promise<void>;
}

const TARGET_ID = 'order-service-queue';
/** PutEvents accepts at most 10 entries per call. */
const PUT_EVENTS_BATCH = 10;
/** After a failed receive, wait before the next one rather than spin on a broken endpoint. */
const RETRY_AFTER_MS = 1_000;

export async function startOrderService(options: OrderServiceOptions): Promise<RunningOrderService> {
  const { eventBusName, clientConfig = {}, onError = (error: unknown) => console.error(error) } = options;
  const clients: Clients = { events: new EventBridgeClient(clientConfig), sqs: new SQSClient(clientConfig) };
  // Each resource pushes its own clean-up, so a start that fails half-way undoes what it made.
  const cleanUp: CleanUp = [];
  const undo = async (): Promise<void> => {
    for (const step of [...cleanUp].reverse()) await step().catch(onError);
    clients.events.destroy();
    clients.sqs.destroy();
  };

  try {
    const queueUrl = await subscribeQueue(clients, eventBusName, cleanUp);
    const abort = new AbortController();
    const polling = pollQueue({ ...clients, queueUrl, eventBusName, signal: abort.signal, onError });
    let stopping: Promise<void> | undefined;
    return {
      stop() {
        stopping ??= (async () => {
          abort.abort();
          await polling;
          await undo();
        })();
        return stopping;
      },
    };
  } catch (error) {
    await undo();
    throw error;
  }
}

interface Clients {
  readonly events: EventBridgeClient;
  readonly sqs: SQSClient;
}

type CleanUp = Array<() => Promise<unknown>>;

/** A new queue, and a rule that sends it every OrderPlaced event on the bus; returns its URL. */
async function subscribeQueue({ events, sqs }: Clients, eventBusName: string, cleanUp: CleanUp): Promise<string> {
  const name = `order-service-${randomUUID().slice(0, 8)}`;
  const { QueueUrl: queueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name }));
  if (queueUrl === undefined) throw new Error(`CreateQueue returned no URL for ${name}.`);
  cleanUp.push(() => sqs.send(new DeleteQueueCommand({ QueueUrl: queueUrl })));

  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }));
  const queueArn = Attributes?.QueueArn;
  if (queueArn === undefined) throw new Error(`GetQueueAttributes returned no ARN for ${name}.`);

  const { RuleArn: ruleArn } = await events.send(
    new PutRuleCommand({
      Name: name,
      EventBusName: eventBusName,
      EventPattern: JSON.stringify({ source: [ORDERS_SOURCE], 'detail-type': [ORDER_PLACED] }),
    }),
  );
  cleanUp.push(() => events.send(new DeleteRuleCommand({ Name: name, EventBusName: eventBusName })));

  // Real AWS delivers to a queue only if its policy lets this rule send; emulators don't check.
  await sqs.send(
    new SetQueueAttributesCommand({
      QueueUrl: queueUrl,
      Attributes: { Policy: JSON.stringify(allowRuleToSend(queueArn, ruleArn)) },
    }),
  );
  await events.send(
    new PutTargetsCommand({
      Rule: name,
      EventBusName: eventBusName,
      Targets: [{ Id: TARGET_ID, Arn: queueArn }],
    }),
  );
  cleanUp.push(() => events.send(new RemoveTargetsCommand({ Rule: name, EventBusName: eventBusName, Ids: [TARGET_ID] })));
  return queueUrl;
}

function allowRuleToSend(queueArn: string, ruleArn: string | undefined): object {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Service: 'events.amazonaws.com' },
        Action: 'sqs:SendMessage',
        Resource: queueArn,
        ...(ruleArn === undefined ? {} : { Condition: { ArnEquals: { 'aws:SourceArn': ruleArn } } }),
      },
    ],
  };
}

interface PollContext extends Clients {
  readonly queueUrl: string;
  readonly eventBusName: string;
  readonly signal: AbortSignal;
  readonly onError: (error: unknown) => void;
}

async function pollQueue(context: PollContext): Promise<void> {
  const { sqs, queueUrl, signal, onError } = context;
  while (!signal.aborted) {
    let messages: Message[];
    try {
      // Long polling answers as soon as a message arrives; stop() aborts the wait.
      const received = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, WaitTimeSeconds: 20, MaxNumberOfMessages: 10 }), {
        abortSignal: signal,
      });
      messages = received.Messages ?? [];
    } catch (error) {
      if (signal.aborted) return;
      onError(error);
      await waitOrAbort(RETRY_AFTER_MS, signal);
      continue;
    }
    for (const message of messages) {
      // A failed message stays on the queue and comes back after its visibility timeout
      // (a real service would also give the queue a dead-letter queue).
      await processMessage(context, message).catch(onError);
    }
  }
}

async function processMessage(context: PollContext, message: Message): Promise<void> {
  const { sqs, events, queueUrl, eventBusName, onError } = context;
  const event = parseEnvelope(message.Body);
  // Retrying cannot fix a message that is not an event: report it and let it go.
  if (event === undefined) onError(new Error(`Not an EventBridge event: ${String(message.Body)}`));
  const entries = event === undefined ? [] : handleOrderPlaced(event);
  for (let start = 0; start < entries.length; start += PUT_EVENTS_BATCH) {
    const batch = entries.slice(start, start + PUT_EVENTS_BATCH);
    const result = await events.send(new PutEventsCommand({ Entries: batch.map((entry) => ({ ...entry, EventBusName: eventBusName })) }));
    // PutEvents reports rejected entries in its answer rather than by failing.
    if ((result.FailedEntryCount ?? 0) > 0) {
      throw new Error(`PutEvents rejected entries: ${JSON.stringify(result.Entries)}`);
    }
  }
  await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle }));
}

/** The body is JSON from the wire: check it is an event before the handler trusts its shape. */
function parseEnvelope(body: string | undefined): EventBridgeEnvelope<OrderPlacedDetail> | undefined {
  let value: unknown;
  try {
    value = JSON.parse(body ?? '');
  } catch {
    return undefined;
  }
  const isEvent = typeof value === 'object' && value !== null && 'detail' in value && typeof value.detail === 'object';
  return isEvent ? (value as EventBridgeEnvelope<OrderPlacedDetail>) : undefined;
}

function waitOrAbort(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
