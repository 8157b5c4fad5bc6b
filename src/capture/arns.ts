/** ARNs computed locally, so the queue policy can name the rule before the rule exists. */

export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('us-iso-')) return 'aws-iso';
  if (region.startsWith('us-isob-')) return 'aws-iso-b';
  return 'aws';
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

const EVENT_BUS_ARN = /^arn:(aws[a-z-]*):events:([a-z0-9-]+):(\d{12}):event-bus\/([/.\-_A-Za-z0-9]{1,256})$/;

/** The parts of `text` when it is an event bus ARN; undefined for a bus name or anything else. */
export function parseEventBusArn(text: string): EventBusArn | undefined {
  const match = EVENT_BUS_ARN.exec(text);
  if (!match) return undefined;
  const [, partition = 'aws', region = '', account = '', name = ''] = match;
  return { partition, region, account, name };
}
