/**
 * Delivers a target's input text where a rule's non-Lambda target would receive it, on the
 * emulator: an SQS queue (SendMessage; the queue's URL looked up once from its ARN with
 * GetQueueUrl by name and account), an SNS topic (Publish of the text as the message, to the
 * topic's ARN) or an event bus (the event itself, put again with PutEvents, as EventBridge
 * forwards an event to a bus target). The text comes from core/targets, which already applied
 * Input, InputPath or InputTransformer; delivery sends it as it is.
 */
import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import { GetQueueUrlCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { parseEventBusArn } from '../../aws/arns';
import { parseQueueArn, parseTopicArn } from './targetArns';
import { snsClientLike } from './topicClient';
import { describeAwsError, errorCode, isNotFound } from '../../aws/awsErrors';
import type { AwsClients } from '../../aws/awsClients';
import { sendPutEvents } from '../../aws/putEvents';
import { JestEventBridgeError } from '../../foundation/errors';
import { isRecord } from '../../foundation/objects';
import { parseExactJson, stringifyExactJson } from '../../foundation/exactJson';
import type { LocalTargetKind } from '../stackModel';

/** A target's input could not be delivered (the queue or bus is missing, or the emulator refused). */
export class DeliveryError extends JestEventBridgeError {}

/** The target kinds delivered here; Lambda targets are invoked by the function runtime. */
export type DeliverableKind = 'sqs' | 'sns' | 'event-bus';

export interface DeliveryTarget {
  readonly kind: LocalTargetKind | undefined;
  readonly arn: string;
  /** For messages: `Target "Audit" of rule "OrderPlaced"`. */
  readonly description?: string;
}

export interface DeliveryContext {
  /** The id of the event the rule routed: a FIFO queue's or FIFO topic's deduplication id, as EventBridge uses it. */
  readonly eventId: string;
  /**
   * A FIFO queue's or FIFO topic's message group: a queue target's SqsParameters.MessageGroupId.
   * A rule's target has no setting for a topic's (EventBridge rules do not deliver to SNS FIFO
   * topics, as AWS documents), so a FIFO topic without one is refused with that reason.
   */
  readonly messageGroupId?: string;
}

export type DeliveryReceipt =
  | { readonly kind: 'sqs'; readonly messageId: string }
  | { readonly kind: 'sns'; readonly messageId: string }
  | { readonly kind: 'event-bus'; readonly eventId: string };

export interface TargetDelivery {
  /**
   * Sends `input` (the exact text routing produced) to the target.
   * @throws DeliveryError naming the target, for a kind not delivered here, a malformed ARN, a
   *   missing queue, topic or bus, a FIFO queue or topic without a message group, or the
   *   emulator's refusal
   */
  deliver(target: DeliveryTarget, input: string, context: DeliveryContext): Promise<DeliveryReceipt>;
}

/** Why a target of `kind` is not delivered here, or undefined when it is. For the start-up list. */
export function deliveryUnsupportedReason(kind: LocalTargetKind | undefined): string | undefined {
  switch (kind) {
    case 'sqs':
    case 'sns':
    case 'event-bus':
      return undefined;
    case 'lambda':
      return 'a Lambda target is invoked by the local function runtime, not delivered';
    case undefined:
      return 'local mode delivers only to Lambda functions, SQS queues, SNS topics and event buses';
  }
}

export interface TargetDeliveryOptions {
  /** The emulator's endpoint, for messages. */
  readonly endpoint?: string;
}

/**
 * Delivery through `clients` (their SQS and EventBridge clients, pointed at the emulator). Topic
 * targets are published to with an SNS client made, on the first one, from the SQS client's
 * settings and sharing its HTTP handler: destroying `clients` releases it too.
 */
export function createTargetDelivery(
  clients: Pick<AwsClients, 'sqs' | 'eventBridge'>,
  options: TargetDeliveryOptions = {},
): TargetDelivery {
  const queueUrls = new Map<string, Promise<string>>();
  let sns: SNSClient | undefined;
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

  async function toTopic(target: DeliveryTarget, input: string, context: DeliveryContext): Promise<DeliveryReceipt> {
    const topic = parseTopicArn(target.arn);
    if (topic === undefined)
      throw new DeliveryError(
        `${named(target)}: "${target.arn}" is not an SNS topic ARN (arn:aws:sns:REGION:ACCOUNT:NAME): fix the target's Arn.`,
      );
    const fifo = topic.name.endsWith('.fifo');
    if (fifo && context.messageGroupId === undefined)
      throw new DeliveryError(
        `${named(target)}: topic ${topic.name} is a FIFO topic, which needs a message group, and an EventBridge rule gives it none (AWS documents SNS FIFO topics as unsupported rule targets): target a standard topic, or an SQS FIFO queue with SqsParameters.MessageGroupId.`,
      );
    sns ??= snsClientLike(clients.sqs);
    try {
      const published = await sns.send(
        new PublishCommand({
          TopicArn: target.arn,
          Message: input,
          // The event id deduplicates, as for a FIFO queue; SNS refuses a deduplication id on a standard topic.
          ...(fifo ? { MessageGroupId: context.messageGroupId, MessageDeduplicationId: context.eventId } : {}),
        }),
      );
      return { kind: 'sns', messageId: published.MessageId ?? '' };
    } catch (error) {
      // SNS answers NotFound ("Topic does not exist"); the SDK names its exception NotFoundException.
      if (['NotFound', 'NotFoundException'].includes(errorCode(error)))
        throw new DeliveryError(
          `${named(target)}: topic ${topic.name} does not exist on the emulator: declare it in the template (local mode creates the template's topics) or fix the target's Arn.`,
          { cause: error },
        );
      throw new DeliveryError(
        `${named(target)}: could not publish to topic ${topic.name}: ${describeAwsError(error, { action: 'Publish', ...endpoint })}`,
        { cause: error },
      );
    }
  }

  async function toBus(target: DeliveryTarget, input: string): Promise<DeliveryReceipt> {
    const bus = parseEventBusArn(target.arn);
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
      if (target.kind === 'sns') return toTopic(target, input, context);
      if (target.kind === 'event-bus') return toBus(target, input);
      return Promise.reject(new DeliveryError(`${named(target)}: ${deliveryUnsupportedReason(target.kind) ?? 'not delivered here'}.`));
    },
  };
}
