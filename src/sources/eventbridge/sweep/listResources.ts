/**
 * Finds the capture queues and rules a sweep considers: everything named with the prefix, with
 * its tags (so that classification can tell ours from look-alikes) and, for tagged queues, the
 * bus their policy admits (SQS queues are account-wide; the policy is what ties one to a bus).
 */
import { ListRulesCommand, ListTagsForResourceCommand, type EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { GetQueueAttributesCommand, ListQueuesCommand, ListQueueTagsCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { describeAwsError, isNotFound, type AwsErrorContext } from '../../../aws/awsErrors';
import { JestEventBridgeError } from '../../../foundation/errors';
import { TAG_RUN_ID } from '../resourceNames';
import { isRecord } from '../../../foundation/objects';
import type { FoundResource } from './classify';
import { mapLimited } from '../../../foundation/mapLimited';

/** Parallel look-ups per listing: quick, yet far below the per-second API limits. */
const LOOKUP_CONCURRENCY = 8;

/** Where the sweep talks to, for error messages. */
export type ListingContext = Omit<AwsErrorContext, 'action'>;

/** Runs one AWS call; a failure becomes an error naming the call and what to do about it. */
async function step<T>(context: ListingContext, action: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw new JestEventBridgeError(`jest-eventbridge sweep: ${describeAwsError(error, { ...context, action })}`, { cause: error });
  }
}

/** The resource vanished between listing and looking: its own teardown got there first. */
async function unlessGone<T>(call: () => Promise<T>): Promise<T | undefined> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof JestEventBridgeError && isNotFound(error.cause)) return undefined;
    throw error;
  }
}

/** `…:rule/NAME` is on the default bus, `…:rule/BUS/NAME` on BUS (which may itself contain `/`). */
export function busOfRuleArn(arn: string): string | undefined {
  const match = /:rule\/(?:(.+)\/)?[^/]+$/.exec(arn);
  if (!match) return undefined;
  return match[1] ?? 'default';
}

/** The bus of the rule a capture queue's policy admits (`aws:SourceArn`), when it names one. */
export function busOfQueuePolicy(policy: string | undefined): string | undefined {
  if (policy === undefined) return undefined;
  let document: unknown;
  try {
    document = JSON.parse(policy);
  } catch {
    return undefined;
  }
  const statements = isRecord(document) ? document.Statement : undefined;
  for (const statement of Array.isArray(statements) ? statements : [statements]) {
    const condition = isRecord(statement) ? statement.Condition : undefined;
    if (!isRecord(condition)) continue;
    for (const operator of Object.values(condition)) {
      const source = isRecord(operator) ? operator['aws:SourceArn'] : undefined;
      const arns = Array.isArray(source) ? source : [source];
      for (const arn of arns) {
        const bus = typeof arn === 'string' ? busOfRuleArn(arn) : undefined;
        if (bus !== undefined) return bus;
      }
    }
  }
  return undefined;
}

export async function listPrefixedQueues(sqs: SQSClient, prefix: string, context: ListingContext): Promise<FoundResource[]> {
  const urls: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await step(context, 'Listing queues (sqs:ListQueues)', () =>
      sqs.send(new ListQueuesCommand({ QueueNamePrefix: prefix, MaxResults: 1000, ...(nextToken ? { NextToken: nextToken } : {}) })),
    );
    urls.push(...(page.QueueUrls ?? []));
    nextToken = page.NextToken;
  } while (nextToken);

  const found = await mapLimited(urls, LOOKUP_CONCURRENCY, (url) =>
    unlessGone(async (): Promise<FoundResource> => {
      const name = decodeURIComponent(url.split('/').pop() ?? url);
      const tagged = await step(context, `Reading the tags of queue ${name} (sqs:ListQueueTags)`, () =>
        sqs.send(new ListQueueTagsCommand({ QueueUrl: url })),
      );
      const tags = tagged.Tags ?? {};
      if (tags[TAG_RUN_ID] === undefined) return { kind: 'queue', name, id: url, tags };
      const attributes = await step(context, `Reading the policy of queue ${name} (sqs:GetQueueAttributes)`, () =>
        sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['Policy'] })),
      );
      const bus = busOfQueuePolicy(attributes.Attributes?.Policy);
      return { kind: 'queue', name, id: url, tags, ...(bus !== undefined ? { bus } : {}) };
    }),
  );
  return found.filter((queue): queue is FoundResource => queue !== undefined);
}

export async function listPrefixedRules(
  eventBridge: EventBridgeClient,
  eventBusName: string,
  prefix: string,
  context: ListingContext,
): Promise<FoundResource[]> {
  const rules: { name: string; arn: string }[] = [];
  let nextToken: string | undefined;
  do {
    const page = await step(context, `Listing the rules of bus ${eventBusName} (events:ListRules)`, () =>
      eventBridge.send(
        new ListRulesCommand({
          EventBusName: eventBusName,
          NamePrefix: prefix,
          Limit: 100,
          ...(nextToken ? { NextToken: nextToken } : {}),
        }),
      ),
    );
    for (const rule of page.Rules ?? []) if (rule.Name) rules.push({ name: rule.Name, arn: rule.Arn ?? '' });
    nextToken = page.NextToken;
  } while (nextToken);

  const found = await mapLimited(rules, LOOKUP_CONCURRENCY, (rule) =>
    unlessGone(async (): Promise<FoundResource> => {
      // A rule without an ARN cannot be asked for tags, so it counts as untagged: never deleted.
      const listed = rule.arn
        ? await step(context, `Reading the tags of rule ${rule.name} (events:ListTagsForResource)`, () =>
            eventBridge.send(new ListTagsForResourceCommand({ ResourceARN: rule.arn })),
          )
        : { Tags: [] };
      const tags: Record<string, string> = {};
      for (const tag of listed.Tags ?? []) if (tag.Key !== undefined && tag.Value !== undefined) tags[tag.Key] = tag.Value;
      return { kind: 'rule', name: rule.name, id: rule.arn, tags };
    }),
  );
  return found.filter((rule): rule is FoundResource => rule !== undefined);
}
