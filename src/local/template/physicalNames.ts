/**
 * The names and ARNs AWS gives the template's resources, computed here: local mode creates the
 * buses and runs the functions and rules itself, and an offline caller has no stack at all.
 */
import { createHash } from 'node:crypto';
import type { ArnScope } from '../../aws/arns';

const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/**
 * The name CloudFormation generates for a resource the template does not name:
 * `<stackName>-<logicalId>-<12 upper-case letters and digits>`, shortened to `maxLength`. The
 * suffix is a hash of the stack name and logical id (CloudFormation's is random): the same
 * stack gets the same names on every run, and two stacks never share one.
 */
export function generatedName(stackName: string, logicalId: string, maxLength: number): string {
  const digest = createHash('sha256').update(`${stackName}\u0000${logicalId}`).digest();
  let suffix = '';
  for (let index = 0; index < 12; index += 1) suffix += SUFFIX_ALPHABET[(digest[index] ?? 0) % SUFFIX_ALPHABET.length] ?? 'A';
  const prefix = `${stackName}-${logicalId}`.slice(0, Math.max(1, maxLength - suffix.length - 1));
  return `${prefix}-${suffix}`;
}

/** The stack's id, as CloudFormation's ARN with a stable UUID made from the stack name. */
export function stackId(scope: ArnScope, stackName: string): string {
  const hex = createHash('sha256').update(`stack\u0000${stackName}`).digest('hex');
  const uuid = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
  return `arn:${scope.partition}:cloudformation:${scope.region}:${scope.account}:stack/${stackName}/${uuid}`;
}

export function functionArn(scope: ArnScope, functionName: string): string {
  return `arn:${scope.partition}:lambda:${scope.region}:${scope.account}:function:${functionName}`;
}

export function eventBusArn(scope: ArnScope, busName: string): string {
  return `arn:${scope.partition}:events:${scope.region}:${scope.account}:event-bus/${busName}`;
}

export function topicArn(scope: ArnScope, topicName: string): string {
  return `arn:${scope.partition}:sns:${scope.region}:${scope.account}:${topicName}`;
}

export function tableArn(scope: ArnScope, tableName: string): string {
  return `arn:${scope.partition}:dynamodb:${scope.region}:${scope.account}:table/${tableName}`;
}

export function bucketArn(scope: ArnScope, bucketName: string): string {
  return `arn:${scope.partition}:s3:::${bucketName}`;
}

/** A queue's URL as SQS gives it in the region (`https://sqs.<region>.<dnsSuffix>/<account>/<name>`). */
export function queueUrl(scope: ArnScope, dnsSuffix: string, queueName: string): string {
  return `https://sqs.${scope.region}.${dnsSuffix}/${scope.account}/${queueName}`;
}

/** The parts of an ARN local mode routes by: its service, and the resource after the account. */
export function arnParts(arn: string): { service: string; resource: string } | undefined {
  const parts = arn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn') return undefined;
  return { service: parts[2] ?? '', resource: parts.slice(5).join(':') };
}

/** The function name in a Lambda function ARN (`…:function:name` or `…:function:name:alias`). */
export function functionNameOfArn(arn: string): string | undefined {
  const parts = arnParts(arn);
  if (parts?.service !== 'lambda') return undefined;
  const match = /^function:([^:]+)/.exec(parts.resource);
  return match?.[1];
}
