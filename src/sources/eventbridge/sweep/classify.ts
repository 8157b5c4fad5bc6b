/**
 * Decides, without any AWS call, what a sweep does with each capture queue and rule it found:
 * delete it, keep it (too young: a run may still be using it) or skip it (not provably ours).
 */
import { TAG_CREATED_AT, TAG_IN_USE_AT, TAG_RUN_ID } from '../resourceNames';
import { formatDuration } from '../../../foundation/duration';

export type ResourceKind = 'rule' | 'queue';

/** A queue or rule as listed, with its tags; what the delete call needs is in `id`. */
export interface FoundResource {
  readonly kind: ResourceKind;
  readonly name: string;
  /** The queue URL, or the rule ARN. */
  readonly id: string;
  readonly tags: Readonly<Record<string, string>>;
  /**
   * Queues only: the bus named by the queue policy's source rule ARN. SQS queues are not tied to
   * a bus, so this is how a queue is known to belong to the swept bus when its rule is gone.
   */
  readonly bus?: string;
}

/** Whether the other half of the pair (the queue and the rule share one name) still exists. */
export type PairStatus = 'paired' | 'orphan: queue gone' | 'orphan: rule gone' | 'untagged';
export type PlannedAction = 'delete' | 'keep' | 'skip';

export interface SweepCandidate extends FoundResource {
  readonly runId?: string;
  readonly createdAt?: string;
  readonly ageMs?: number;
  readonly status: PairStatus;
  readonly action: PlannedAction;
  /** Why it is kept or skipped, in words for the table. */
  readonly reason?: string;
}

export interface ClassifyInputs {
  /** Every queue whose name has the prefix (SQS lists them account-wide, tagged or not). */
  readonly queues: readonly FoundResource[];
  /** Every rule on the bus whose name has the prefix. */
  readonly rules: readonly FoundResource[];
  readonly eventBusName: string;
  readonly olderThanMs: number;
  /** Epoch ms. */
  readonly now: number;
}

export interface Classification {
  /** Rules and queues of the swept bus, by name, each rule before its queue (the delete order). */
  readonly candidates: readonly SweepCandidate[];
  /** Queues with the prefix that cannot be tied to this bus: left alone, only counted. */
  readonly otherQueues: number;
}

function isTagged(resource: FoundResource): boolean {
  const runId = resource.tags[TAG_RUN_ID];
  return runId !== undefined && runId !== '';
}

/** A queue is this bus's when its rule is here, or when its policy names a rule on this bus. */
function belongsToBus(queue: FoundResource, ruleNames: ReadonlySet<string>, eventBusName: string): boolean {
  return ruleNames.has(queue.name) || (isTagged(queue) && queue.bus === eventBusName);
}

function decide(resource: FoundResource, partnerExists: boolean, inputs: ClassifyInputs): SweepCandidate {
  const otherKind = resource.kind === 'rule' ? 'queue' : 'rule';
  if (!isTagged(resource)) {
    // The prefix alone proves nothing: someone may name their own resources `jeb-…`.
    return { ...resource, status: 'untagged', action: 'skip', reason: `no ${TAG_RUN_ID} tag` };
  }
  const status: PairStatus = partnerExists ? 'paired' : `orphan: ${otherKind} gone`;
  const runId = resource.tags[TAG_RUN_ID];
  const createdAt = resource.tags[TAG_CREATED_AT];
  const created = createdAt === undefined ? Number.NaN : Date.parse(createdAt);
  const base = { ...resource, status, ...(runId !== undefined ? { runId } : {}), ...(createdAt !== undefined ? { createdAt } : {}) };
  if (Number.isNaN(created)) {
    // Without a creation time there is no telling whether a run still uses it.
    return { ...base, action: 'skip', reason: `no valid ${TAG_CREATED_AT} tag` };
  }
  // A worker's capture in use for longer than the threshold says so: age counts from its last use.
  const inUse = Date.parse(resource.tags[TAG_IN_USE_AT] ?? '');
  const since = Number.isNaN(inUse) ? created : Math.max(created, inUse);
  // A clock ahead of ours makes a fresh resource look unborn: count that as age 0.
  const ageMs = Math.max(0, inputs.now - since);
  if (ageMs < inputs.olderThanMs) {
    return { ...base, ageMs, action: 'keep', reason: `younger than ${formatDuration(inputs.olderThanMs)}` };
  }
  return { ...base, ageMs, action: 'delete' };
}

export function classifyCandidates(inputs: ClassifyInputs): Classification {
  const ruleNames = new Set(inputs.rules.map((rule) => rule.name));
  const ownQueues = inputs.queues.filter((queue) => belongsToBus(queue, ruleNames, inputs.eventBusName));
  const queueNames = new Set(ownQueues.map((queue) => queue.name));
  const candidates = [
    ...inputs.rules.map((rule) => decide(rule, queueNames.has(rule.name), inputs)),
    ...ownQueues.map((queue) => decide(queue, ruleNames.has(queue.name), inputs)),
  ];
  // Rule before queue: while a rule targets a deleted queue, emulators fail every put on the bus.
  candidates.sort((a, b) => (a.name === b.name ? (a.kind === 'rule' ? -1 : 1) : a.name < b.name ? -1 : 1));
  return { candidates, otherQueues: inputs.queues.length - ownQueues.length };
}
