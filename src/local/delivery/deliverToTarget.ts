/**
 * Delivers a target's input text where a rule's non-Lambda target would receive it, on the
 * emulator: an SQS queue (SendMessage; the queue's URL looked up once from its ARN with
 * GetQueueUrl by name and account) or an event bus (the event itself, put again with PutEvents,
 * as EventBridge forwards an event to a bus target). The text comes from core/targets, which
 * already applied Input, InputPath or InputTransformer; delivery sends it as it is.
 *
 * SNS topics are not delivered to yet: the library has no SNS client among its dependencies
 * (`deliveryUnsupportedReason` says so, for the list local flows print at start).
 */
import { GetQueueUrlCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { parseBusArn, parseQueueArn } from './targetArns';
import { describeAwsError, isNotFound } from '../../aws/awsErrors';
import type { AwsClients } from '../../aws/awsClients';
import { sendPutEvents } from '../../aws/putEvents';
import { JestEventBridgeError } from '../../foundation/errors';
import { isRecord } from '../../foundation/objects';
import { parseExactJson, stringifyExactJson } from '../../foundation/exactJson';
import type { LocalTargetKind } from '../stackModel';

/** A target's input could not be delivered (the queue or bus is missing, or the emulator refused). */
export class DeliveryError extends JestEventBridgeError {}

/** The target kinds delivered here; Lambda targets are invoked by the function runtime. */
export type DeliverableKind = 'sqs' | 'event-bus';

export interface DeliveryTarget {
  readonly kind: LocalTargetKind | undefined;
  readonly arn: string;
  /** For messages: `Target "Audit" of rule "OrderPlaced"`. */
  readonly description?: string;
}

export interface DeliveryContext {
  /** The id of the event the rule routed: a FIFO queue's deduplication id, as EventBridge uses it. */
  readonly eventId: string;
  /** A FIFO queue target's message group (the target's SqsParameters.MessageGroupId). */
  readonly messageGroupId?: string;
}

export type DeliveryReceipt =
  { readonly kind: 'sqs'; readonly messageId: string } | { readonly kind: 'event-bus'; readonly eventId: string };

export interface TargetDelivery {
  /**
   * Sends `input` (the exact text routing produced) to the target.
   * @throws DeliveryError naming the target, for a kind not delivered here, a malformed ARN, a
   *   missing queue or bus, or the emulator's refusal
   */
  deliver(target: DeliveryTarget, input: string, context: DeliveryContext): Promise<DeliveryReceipt>;
}

/** Why a target of `kind` is not delivered here, or undefined when it is. For the start-up list. */
export function deliveryUnsupportedReason(kind: LocalTargetKind | undefined): string | undefined {
  switch (kind) {
    case 'sqs':
    case 'event-bus':
      return undefined;
    case 'lambda':
      return 'a Lambda target is invoked by the local function runtime, not delivered';
    case 'sns':
      return 'local mode does not deliver to SNS topics yet (the library has no SNS client): test that target against AWS';
    case undefined:
      return 'local mode delivers only to Lambda functions, SQS queues and event buses';
  }
}

export interface TargetDeliveryOptions {
  /** The emulator's endpoint, for messages. */
  readonly endpoint?: string;
}

/** Delivery through `clients` (their SQS and EventBridge clients, pointed at the emulator). */
export function createTargetDelivery(
  clients: Pick<AwsClients, 'sqs' | 'eventBridge'>,
  options: TargetDeliveryOptions = {},
): TargetDelivery {
  const queueUrls = new Map<string, Promise<string>>();
  const endpoint = options.endpoint === undefined ? {} : { endpoint: options.endpoint };
  const named = (target: DeliveryTarget): string => target.description ?? `Target ${target.arn}`;

  const queueUrlOf = (arn: string, name: string, account: string): Promise<string> => {
    let url = queueUrls.get(arn);
    if (url === undefined) {
      url = clients.sqs
        .send(new GetQueueUrlCommand({ QueueName: name, QueueOwnerAWSAccountId: account }))
        .then((output) => output.QueueUrl ?? '');
      // A failed look-up is not remembered: the queue may be created later.
      void url.catch(() => queueUrls.delete(arn));
      queueUrls.set(arn, url);
    }
    return url;
  };

  async function toQueue(target: DeliveryTarget, input: string, context: DeliveryContext): Promise<DeliveryReceipt> {
    const queue = parseQueueArn(target.arn);
    if (queue === undefined)
      throw new DeliveryError(
        `${named(target)}: "${target.arn}" is not an SQS queue ARN (arn:aws:sqs:REGION:ACCOUNT:NAME): fix the target's Arn.`,
      );
    const fifo = queue.name.endsWith('.fifo');
    if (fifo && context.messageGroupId === undefined)
      throw new DeliveryError(
        `${named(target)}: queue ${queue.name} is a FIFO queue, which needs a message group: set the target's SqsParameters.MessageGroupId.`,
      );
    try {
      const queueUrl = await queueUrlOf(target.arn, queue.name, queue.account);
      const sent = await clients.sqs.send(
        new SendMessageCommand({
          QueueUrl: queueUrl,
          MessageBody: input,
          ...(fifo ? { MessageGroupId: context.messageGroupId, MessageDeduplicationId: context.eventId } : {}),
        }),
      );
      return { kind: 'sqs', messageId: sent.MessageId ?? '' };
    } catch (error) {
      if (isNotFound(error))
        throw new DeliveryError(
          `${named(target)}: queue ${queue.name} does not exist on the emulator: declare it in the template (local mode creates the template's queues) or fix the target's Arn.`,
          { cause: error },
        );
      throw new DeliveryError(
        `${named(target)}: could not send to queue ${queue.name}: ${describeAwsError(error, { action: 'SendMessage', ...endpoint })}`,
        { cause: error },
      );
    }
  }

  async function toBus(target: DeliveryTarget, input: string): Promise<DeliveryReceipt> {
    const bus = parseBusArn(target.arn);
    if (bus === undefined)
      throw new DeliveryError(
        `${named(target)}: "${target.arn}" is not an event bus ARN (arn:aws:events:REGION:ACCOUNT:event-bus/NAME): fix the target's Arn.`,
      );
    let event: unknown;
    try {
      event = parseExactJson(input);
    } catch {
      event = undefined;
    }
    if (!isRecord(event) || typeof event.source !== 'string' || typeof event['detail-type'] !== 'string')
      throw new DeliveryError(
        `${named(target)}: an event bus target receives the event itself, but the input is not an event: remove the target's Input, InputPath or InputTransformer.`,
      );
    const resources = Array.isArray(event.resources)
      ? event.resources.filter((resource): resource is string => typeof resource === 'string')
      : [];
    const time = typeof event.time === 'string' ? new Date(event.time) : undefined;
    try {
      const [eventId = ''] = await sendPutEvents(
        clients.eventBridge,
        [
          {
            EventBusName: bus.name,
            Source: event.source,
            DetailType: event['detail-type'],
            Detail: stringifyExactJson(event.detail ?? {}) ?? '{}',
            Resources: resources,
            ...(time !== undefined && !Number.isNaN(time.getTime()) ? { Time: time } : {}),
          },
        ],
        { eventBusName: bus.name, ...endpoint },
      );
      return { kind: 'event-bus', eventId };
    } catch (error) {
      throw new DeliveryError(
        `${named(target)}: could not forward the event to bus ${bus.name}: ${error instanceof Error ? error.message : String(error)}`,
        {
          cause: error,
        },
      );
    }
  }

  return {
    deliver(target, input, context) {
      if (target.kind === 'sqs') return toQueue(target, input, context);
      if (target.kind === 'event-bus') return toBus(target, input);
      return Promise.reject(new DeliveryError(`${named(target)}: ${deliveryUnsupportedReason(target.kind) ?? 'not delivered here'}.`));
    },
  };
}
