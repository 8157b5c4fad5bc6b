/**
 * Removes one swept rule or queue. Something already gone counts as removed: a file's own
 * teardown (or a parallel sweep) may get there first.
 */
import { DeleteRuleCommand, ListTargetsByRuleCommand, RemoveTargetsCommand, type EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { DeleteQueueCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { describeAwsError, isNotFound } from '../../../aws/awsErrors';

export interface DeleteClients {
  readonly eventBridge: EventBridgeClient;
  readonly sqs: SQSClient;
}

/** Undefined when removed (or already gone), else why not, in words. */
export type DeleteResult = string | undefined;

async function attempt(action: string, call: () => Promise<void>): Promise<DeleteResult> {
  try {
    await call();
    return undefined;
  } catch (error) {
    if (isNotFound(error)) return undefined;
    return describeAwsError(error, { action });
  }
}

/**
 * Targets first (EventBridge refuses to delete a rule that has any), then the rule. All of its
 * targets are listed and removed, not only the capture's: the rule is ours (tagged), so anything
 * attached to it by hand goes with it, and a setup that died before PutTargets left none.
 */
export function deleteRule(eventBridge: EventBridgeClient, eventBusName: string, name: string): Promise<DeleteResult> {
  return attempt(`Deleting rule ${name} (events:ListTargetsByRule, RemoveTargets, DeleteRule)`, async () => {
    const listed = await eventBridge.send(new ListTargetsByRuleCommand({ Rule: name, EventBusName: eventBusName }));
    const ids = (listed.Targets ?? []).map((target) => target.Id).filter((id): id is string => id !== undefined);
    if (ids.length > 0) {
      const removed = await eventBridge.send(new RemoveTargetsCommand({ Rule: name, EventBusName: eventBusName, Ids: ids }));
      const failed = removed.FailedEntries?.[0];
      if ((removed.FailedEntryCount ?? 0) > 0) {
        throw Object.assign(
          new Error(`target ${failed?.TargetId ?? '?'} could not be removed: ${failed?.ErrorMessage ?? 'no reason given'}`),
          {
            name: failed?.ErrorCode ?? 'RemoveTargetsFailed',
          },
        );
      }
    }
    await eventBridge.send(new DeleteRuleCommand({ Name: name, EventBusName: eventBusName }));
  });
}

export function deleteQueue(sqs: SQSClient, name: string, queueUrl: string): Promise<DeleteResult> {
  return attempt(`Deleting queue ${name} (sqs:DeleteQueue)`, async () => {
    await sqs.send(new DeleteQueueCommand({ QueueUrl: queueUrl }));
  });
}
