/**
 * ARNs computed locally, so the queue policy can name the rule before the rule exists. Their
 * partition is taken from an ARN AWS gave (the bus ARN, the caller identity, the rule ARN
 * PutRule returns); the region's partition in the SDK's data is only the fallback.
 */
import { isKnownRegion, partitionOfRegion } from './regions';

const ARN_PARTITION = /^arn:(aws[a-z-]*):/;

/** The partition segment of any ARN (`arn:aws-eusc:sts::…` gives `aws-eusc`), if it is one. */
export function partitionOfArn(arn: string | undefined): string | undefined {
  return arn === undefined ? undefined : ARN_PARTITION.exec(arn)?.[1];
}

export interface ArnScope {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
}

export function queueArn(scope: ArnScope, queueName: string): string {
  return `arn:${scope.partition}:sqs:${scope.region}:${scope.account}:${queueName}`;
}

/** Rules on the default bus have no bus segment in their ARN; rules on other buses do. */
export function ruleArn(scope: ArnScope, eventBusName: string, ruleName: string): string {
  const path = eventBusName === 'default' ? ruleName : `${eventBusName}/${ruleName}`;
  return `arn:${scope.partition}:events:${scope.region}:${scope.account}:rule/${path}`;
}

/** The parts of an event bus ARN (`arn:PARTITION:events:REGION:ACCOUNT:event-bus/NAME`). */
export interface EventBusArn {
  readonly partition: string;
  readonly region: string;
  readonly account: string;
  readonly name: string;
}

/** The characters and length EventBridge allows in an event bus name. */
const BUS_NAME_TEXT = '[/.\\-_A-Za-z0-9]{1,256}';
/** An event bus name (not an ARN). */
export const EVENT_BUS_NAME = new RegExp(`^${BUS_NAME_TEXT}$`);
/** The bus-name rule in words, for messages: "… is not a bus name (<rule>) or event-bus ARN". */
export const EVENT_BUS_NAME_RULE = 'letters, digits, . - _ /, at most 256';

const EVENT_BUS_ARN = new RegExp(`^arn:(aws[a-z-]*):events:([a-z0-9-]+):(\\d{12}):event-bus/(${BUS_NAME_TEXT})$`);

/** The parts of `text` when it is an event bus ARN; undefined for a bus name or anything else. */
export function parseEventBusArn(text: string): EventBusArn | undefined {
  const match = EVENT_BUS_ARN.exec(text);
  if (!match) return undefined;
  const [, partition = 'aws', region = '', account = '', name = ''] = match;
  // A region the SDK does not know, or a partition that is not the region's, is no bus ARN.
  if (!isKnownRegion(region) || partitionOfRegion(region) !== partition) return undefined;
  return { partition, region, account, name };
}

/** Whether `text` names an event bus: a bus name, or an event-bus ARN of a known region. */
export function isEventBusNameOrArn(text: string): boolean {
  return parseEventBusArn(text) !== undefined || EVENT_BUS_NAME.test(text);
}
