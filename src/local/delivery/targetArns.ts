/** The parts of the target ARNs delivery reads: a queue's and a topic's (an event bus's: aws/arns' parseEventBusArn). */

export interface QueueArnParts {
  readonly region: string;
  readonly account: string;
  readonly name: string;
}

export interface TopicArnParts {
  readonly region: string;
  readonly account: string;
  /** The topic's name; a FIFO topic's ends with `.fifo`. */
  readonly name: string;
}

const QUEUE_ARN = /^arn:[a-z-]+:sqs:([a-z0-9-]+):(\d{12}):([A-Za-z0-9_-]{1,75}(?:\.fifo)?)$/;
// SNS: 1 to 256 letters, digits, hyphens and underscores, `.fifo` included in the 256 for a FIFO topic.
const TOPIC_ARN = /^arn:[a-z-]+:sns:([a-z0-9-]+):(\d{12}):([A-Za-z0-9_-]{1,256}|[A-Za-z0-9_-]{1,251}\.fifo)$/;

/** `arn:aws:sqs:us-east-1:123456789012:orders` → its region, account and queue name; undefined for anything else. */
export function parseQueueArn(arn: string): QueueArnParts | undefined {
  const match = QUEUE_ARN.exec(arn);
  return match ? { region: match[1] ?? '', account: match[2] ?? '', name: match[3] ?? '' } : undefined;
}

/** `arn:aws:sns:us-east-1:123456789012:alerts` → its region, account and topic name; undefined for anything else. */
export function parseTopicArn(arn: string): TopicArnParts | undefined {
  const match = TOPIC_ARN.exec(arn);
  return match ? { region: match[1] ?? '', account: match[2] ?? '', name: match[3] ?? '' } : undefined;
}
