import {
  DeleteRuleCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
  TagResourceCommand,
} from '@aws-sdk/client-eventbridge';
import {
  CreateQueueCommand,
  DeleteQueueCommand,
  GetQueueUrlCommand,
  SetQueueAttributesCommand,
  TagQueueCommand,
} from '@aws-sdk/client-sqs';
import { CaptureSetupError, CaptureTeardownError } from '../../foundation/errors';
import { lookUpCallerIdentity } from '../../aws/accountId';
import { partitionOfRegion } from '../../aws/regions';
import { partitionOfArn, queueArn as toQueueArn, ruleArn as toRuleArn, type ArnScope } from '../../aws/arns';
import type { AwsClients } from '../../aws/awsClients';
import { describeAwsError, isNotFound } from '../../aws/awsErrors';
import { captureRulePattern } from './captureRulePattern';
import { captureQueuePolicy } from './queuePolicy';
import { isRuleQuotaRefusal, ruleQuotaError } from './ruleQuota';
import { CAPTURE_RULE_DESCRIPTION, TAG_CREATED_AT, TAG_IN_USE_AT, TAG_RUN_ID, TAG_TEST_FILE } from './resourceNames';
import { stringifyExactJson } from '../../foundation/exactJson';

import type { Logger } from '../../foundation/log';

export const CAPTURE_TARGET_ID = 'jest-eventbridge-capture';

export interface CaptureResourceSpec {
  readonly resourceName: string;
  readonly runId: string;
  readonly testFile: string;
  readonly eventBusName: string;
  readonly region?: string;
  readonly endpoint?: string;
  /** Account of the bus when it was given as an ARN: no lookup needed then. */
  readonly account?: string;
  /** Partition of the bus when it was given as an ARN. */
  readonly partition?: string;
  readonly capturePattern?: Readonly<Record<string, unknown>>;
  readonly correlation?: { readonly segments: readonly string[]; readonly prefix: string };
  readonly canaryId: string;
  /** Whether this capture serves one file or every file of a worker: for the quota error's fixes. */
  readonly captureScope?: 'file' | 'worker';
  readonly now?: () => Date;
  /** Teardown steps, one line each. @default none */
  readonly log?: Logger;
}

export interface CreatedCapture {
  readonly queueUrl: string;
  readonly queueArn: string;
  readonly ruleArn: string;
  readonly accountId: string;
  readonly rulePattern: Record<string, unknown>;
}

/**
 * The capture queue, rule and target of one test file, and what it takes to remove them.
 *
 * Setup is as few sequential round trips as the dependencies allow: the rule's ARN is computed
 * up front, so the queue is created with its policy already naming the rule while the rule is
 * created in parallel; the target is attached only once both exist, so EventBridge never
 * delivers to a queue that would refuse it. Each step records that it was attempted, so that
 * teardown after a half-done (or timed-out) setup still removes whatever may exist.
 */
export class CaptureResources {
  private queueUrl: string | undefined;
  private ruleArn: string | undefined;
  private queueAttempted = false;
  private ruleAttempted = false;
  private targetAttempted = false;
  private removed = false;

  constructor(
    private readonly clients: AwsClients,
    readonly spec: CaptureResourceSpec,
  ) {}

  /**
   * @param capturePattern what to capture, in place of the spec's (a mirrored rule's pattern,
   *   known only once the rule has been read). @default spec.capturePattern
   */
  async create(capturePattern = this.spec.capturePattern): Promise<CreatedCapture> {
    const { spec, clients } = this;
    const context = {
      eventBusName: spec.eventBusName,
      ...(spec.endpoint ? { endpoint: spec.endpoint } : {}),
      ...(spec.region ? { region: spec.region } : {}),
    };
    const fail = (action: string, error: unknown): never => {
      throw new CaptureSetupError(
        `jest-eventbridge: could not set up the capture for ${spec.testFile}. ${describeAwsError(error, { ...context, action })}`,
        { cause: error },
      );
    };

    let region: string;
    let accountId: string;
    // The partition from an ARN AWS gave: the bus ARN's, else the caller's (same lookup as the
    // account); the region's partition in the SDK's data only when neither is known.
    let partition = spec.partition;
    try {
      region = spec.region ?? (await clients.sqs.config.region());
      if (spec.account === undefined) {
        const identity = await lookUpCallerIdentity(clients.sts, `${spec.endpoint ?? 'aws'}|${region}`);
        accountId = identity.account;
        partition ??= identity.partition;
      } else accountId = spec.account;
    } catch (error) {
      return fail('Looking up the AWS account (sts:GetCallerIdentity)', error);
    }
    const scope: ArnScope = { partition: partition ?? partitionOfRegion(region), region, account: accountId };
    let queueArn = toQueueArn(scope, spec.resourceName);
    const expectedRuleArn = toRuleArn(scope, spec.eventBusName, spec.resourceName);
    const rulePattern = captureRulePattern({
      accountId,
      canaryId: spec.canaryId,
      ...(capturePattern ? { capturePattern } : {}),
      ...(spec.correlation ? { correlation: spec.correlation } : {}),
    });
    const createdAt = (spec.now?.() ?? new Date()).toISOString();
    const tags = { [TAG_RUN_ID]: spec.runId, [TAG_CREATED_AT]: createdAt, [TAG_TEST_FILE]: spec.testFile.slice(-256) };

    this.queueAttempted = true;
    this.ruleAttempted = true;
    const [queue, rule] = await Promise.allSettled([
      clients.sqs.send(
        new CreateQueueCommand({
          QueueName: spec.resourceName,
          Attributes: {
            Policy: JSON.stringify(captureQueuePolicy({ queueArn, ruleArn: expectedRuleArn })),
            // SQS-managed keys: EventBridge cannot use the AWS-managed KMS key, and silently
            // drops deliveries to a queue encrypted with it.
            SqsManagedSseEnabled: 'true',
            // A worker's capture holds, between files, what nobody reads (the next file drops it
            // unread): a minute bounds that backlog; a file's own lives no longer than the file.
            MessageRetentionPeriod: spec.captureScope === 'worker' ? '60' : '3600',
          },
          tags,
        }),
      ),
      clients.eventBridge.send(
        new PutRuleCommand({
          Name: spec.resourceName,
          EventBusName: spec.eventBusName,
          EventPattern: stringifyExactJson(rulePattern),
          State: 'ENABLED',
          Description: `${CAPTURE_RULE_DESCRIPTION}${spec.testFile}`.slice(0, 512),
          Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
        }),
      ),
    ]);
    if (queue.status === 'fulfilled') this.queueUrl = queue.value.QueueUrl;
    if (rule.status === 'rejected') {
      // A full bus gets an error of its own: how many rules it holds, whose, and the fixes. The
      // queue created meanwhile is removed by the teardown, as after any failed setup.
      if (isRuleQuotaRefusal(rule.reason)) {
        throw await ruleQuotaError(clients.eventBridge, rule.reason, {
          testFile: spec.testFile,
          eventBusName: spec.eventBusName,
          ruleName: spec.resourceName,
          runId: spec.runId,
          ...(spec.captureScope !== undefined ? { captureScope: spec.captureScope } : {}),
        });
      }
      fail(`Creating the capture rule ${spec.resourceName} (events:PutRule)`, rule.reason);
    }
    if (queue.status === 'rejected') fail(`Creating the capture queue ${spec.resourceName} (sqs:CreateQueue)`, queue.reason);
    const queueUrl = this.queueUrl;
    if (!queueUrl) return fail('Creating the capture queue', new Error('CreateQueue returned no QueueUrl'));

    const ruleArn = rule.status === 'fulfilled' && rule.value.RuleArn ? rule.value.RuleArn : expectedRuleArn;
    if (ruleArn !== expectedRuleArn) {
      // Only when our ARN arithmetic disagrees with the service (an unusual partition, say):
      // the queue is in the partition the rule is in, and one extra round trip keeps the policy
      // exact rather than loosening it.
      const rulePartition = partitionOfArn(ruleArn);
      if (rulePartition !== undefined && rulePartition !== scope.partition)
        queueArn = toQueueArn({ ...scope, partition: rulePartition }, spec.resourceName);
      try {
        await clients.sqs.send(
          new SetQueueAttributesCommand({
            QueueUrl: queueUrl,
            Attributes: { Policy: JSON.stringify(captureQueuePolicy({ queueArn, ruleArn })) },
          }),
        );
      } catch (error) {
        fail('Setting the capture queue policy (sqs:SetQueueAttributes)', error);
      }
    }

    this.targetAttempted = true;
    try {
      const output = await clients.eventBridge.send(
        new PutTargetsCommand({
          Rule: spec.resourceName,
          EventBusName: spec.eventBusName,
          Targets: [{ Id: CAPTURE_TARGET_ID, Arn: queueArn }],
        }),
      );
      const failed = output.FailedEntries?.[0];
      if ((output.FailedEntryCount ?? 0) > 0) {
        fail(
          'Attaching the capture queue to the rule (events:PutTargets)',
          Object.assign(new Error(failed?.ErrorMessage ?? 'target rejected'), { name: failed?.ErrorCode ?? 'PutTargetsFailed' }),
        );
      }
    } catch (error) {
      if (error instanceof CaptureSetupError) throw error;
      fail('Attaching the capture queue to the rule (events:PutTargets)', error);
    }
    this.ruleArn = ruleArn;
    return { queueUrl, queueArn, ruleArn, accountId, rulePattern };
  }

  /**
   * Tags the queue and rule as in use at `at` (TAG_IN_USE_AT), in one round trip: a worker's
   * capture, reused for longer than a parallel pipeline's sweep threshold, is not taken for a
   * leftover. Uses the permissions creation needs (events:TagResource, sqs:TagQueue).
   * @throws the AWS error of either call; the capture works on regardless
   */
  async markInUse(at: Date): Promise<void> {
    const { queueUrl, ruleArn } = this;
    if (queueUrl === undefined || ruleArn === undefined) throw new Error('CaptureResources.markInUse() before create()');
    const value = at.toISOString();
    await Promise.all([
      this.clients.eventBridge.send(new TagResourceCommand({ ResourceARN: ruleArn, Tags: [{ Key: TAG_IN_USE_AT, Value: value }] })),
      this.clients.sqs.send(new TagQueueCommand({ QueueUrl: queueUrl, Tags: { [TAG_IN_USE_AT]: value } })),
    ]);
  }

  /**
   * For removing a capture this object did not create (one a worker recorded, removed by the
   * run's teardown): treats every step as attempted, so `remove()` removes target, rule and queue
   * (the queue by `queueUrl`, else looked up by name). Returns this.
   */
  assumeCreated(queueUrl?: string): this {
    this.queueAttempted = true;
    this.ruleAttempted = true;
    this.targetAttempted = true;
    if (queueUrl !== undefined) this.queueUrl = queueUrl;
    return this;
  }

  /**
   * Removes target, then rule and queue, in 2 sequential round trips. Every step is attempted
   * whatever failed before (the queue even when the target stays); anything already gone
   * counts as removed. Throws one error naming everything left behind.
   */
  async remove(): Promise<void> {
    if (this.removed) return;
    this.removed = true;
    const { clients, spec } = this;
    const errors: unknown[] = [];
    const leftBehind: string[] = [];
    const attempt = async (what: string, action: () => Promise<unknown>): Promise<boolean> => {
      try {
        await action();
        spec.log?.(`teardown: removed ${what}`);
        return true;
      } catch (error) {
        if (isNotFound(error)) {
          spec.log?.(`teardown: ${what} was already gone`);
          return true;
        }
        errors.push(error);
        leftBehind.push(`${what}: ${describeAwsError(error, { action: 'delete' })}`);
        spec.log?.(`teardown: could not remove ${what}: ${describeAwsError(error, { action: 'delete' })}`);
        return false;
      }
    };

    // Target first, then rule and queue together: while a rule still targets a deleted queue,
    // emulators fail every PutEvents on the bus (moto answers QueueDoesNotExist), which would
    // break the puts of parallel test files.
    let targetRemoved = true;
    if (this.ruleAttempted && this.targetAttempted) {
      targetRemoved = await attempt(`target ${CAPTURE_TARGET_ID} of rule ${spec.resourceName}`, () =>
        clients.eventBridge.send(
          new RemoveTargetsCommand({ Rule: spec.resourceName, EventBusName: spec.eventBusName, Ids: [CAPTURE_TARGET_ID] }),
        ),
      );
    }
    const removeRule = async (): Promise<void> => {
      if (!this.ruleAttempted) return;
      if (!targetRemoved) {
        leftBehind.push(`rule ${spec.resourceName} on bus ${spec.eventBusName} (its target could not be removed)`);
        return;
      }
      await attempt(`rule ${spec.resourceName} on bus ${spec.eventBusName}`, () =>
        clients.eventBridge.send(new DeleteRuleCommand({ Name: spec.resourceName, EventBusName: spec.eventBusName })),
      );
    };
    const removeQueue = async (): Promise<void> => {
      if (!this.queueAttempted) return;
      await attempt(`queue ${spec.resourceName}`, async () => {
        // A CreateQueue that timed out may still have created the queue: look it up by name.
        const url = this.queueUrl ?? (await clients.sqs.send(new GetQueueUrlCommand({ QueueName: spec.resourceName }))).QueueUrl;
        if (url) await clients.sqs.send(new DeleteQueueCommand({ QueueUrl: url }));
      });
    };
    await Promise.all([removeRule(), removeQueue()]);
    if (errors.length > 0) {
      throw new CaptureTeardownError(
        `jest-eventbridge: teardown could not remove everything for ${spec.testFile}. Left behind:\n${leftBehind.map((l) => `  - ${l}`).join('\n')}\nRemove them by hand, or run \`npx jest-eventbridge sweep --bus ${spec.eventBusName}\`.`,
        leftBehind,
        errors,
      );
    }
  }
}
