/**
 * `sweep()`: removes the capture queues and rules that runs left behind on a bus (a killed worker,
 * a cancelled CI job, a lost machine), and only those: a resource must carry jest-eventbridge's
 * run-id tag and be older than a threshold, so that runs in progress keep theirs.
 */
import { parseEventBusArn } from '../../../aws/arns';
import { createAwsClients, destroyAwsClients } from '../../../aws/awsClients';
import { DEFAULT_RESOURCE_PREFIX, MAX_PREFIX_LENGTH, resourcePrefixProblem } from '../resourceNames';
import { ConfigurationError } from '../../../foundation/errors';
import { describeValue } from '../../../foundation/describeValue';
import { formatProblemList } from '../../../foundation/problemList';
import { DEFAULT_MAX_ATTEMPTS } from '../../../aws/awsClients';
import { classifyCandidates, type SweepCandidate } from './classify';
import { deleteQueue, deleteRule, type DeleteClients } from './deleteResources';
import { DURATION_EXAMPLES, parseDuration } from '../../../foundation/duration';
import { listPrefixedQueues, listPrefixedRules } from './listResources';
import { mapLimited } from '../../../foundation/mapLimited';
import { buildReport, type SweepReport, type SweptResource } from './report';

export { formatSweepReport, formatSweepFailures, summarizeSweep } from './table';
export { parseDuration, formatDuration } from '../../../foundation/duration';
export type { SweepReport, SweptResource, SweepOutcome } from './report';
export type { SweepCandidate, PairStatus, PlannedAction, ResourceKind } from './classify';

export const DEFAULT_SWEEP_OLDER_THAN = '1h';
/** Name groups (a rule and its queue) removed in parallel. */
const DELETE_CONCURRENCY = 8;

export interface SweepOptions {
  /** Name or ARN of the bus whose capture rules, and the queues they fed, are swept. */
  readonly eventBusName: string;
  /** Only resources created at least this long ago: a duration such as '30m', '2h', '1d', or ms. @default '1h' */
  readonly olderThan?: string | number;
  /** Name prefix of the capture resources (the environment's `resourcePrefix`). @default 'jeb-' */
  readonly prefix?: string;
  /** @default the AWS SDK chain (AWS_REGION, profile) */
  readonly region?: string;
  /** @default the AWS SDK chain (AWS_ENDPOINT_URL) */
  readonly endpoint?: string;
  /** Report what would be removed, remove nothing. @default false */
  readonly dryRun?: boolean;
  /** SDK attempts per AWS call. @default 5 */
  readonly maxAttempts?: number;
  /** Clients to use instead of building them from region and endpoint; left open. */
  readonly clients?: DeleteClients;
  /** Epoch ms; injectable for tests. @default Date.now */
  readonly now?: () => number;
}

interface Resolved {
  readonly busName: string;
  readonly olderThanMs: number;
  readonly prefix: string;
}

/** Every problem at once, each naming the option and the fix, before any AWS call. */
export function resolveSweepOptions(options: SweepOptions): Resolved {
  const problems: string[] = [];
  const bus = options.eventBusName;
  if (typeof bus !== 'string' || bus === '') problems.push('"eventBusName" is required: the name or ARN of the bus to sweep.');

  const olderThan = options.olderThan ?? DEFAULT_SWEEP_OLDER_THAN;
  const olderThanMs =
    typeof olderThan === 'number' ? (Number.isFinite(olderThan) && olderThan >= 0 ? olderThan : undefined) : parseDuration(olderThan);
  if (olderThanMs === undefined) {
    problems.push(
      `"olderThan" must be a duration such as ${DURATION_EXAMPLES} (or a number of milliseconds), got ${describeValue(olderThan)}.`,
    );
  }

  const prefix = options.prefix ?? DEFAULT_RESOURCE_PREFIX;
  if (resourcePrefixProblem(prefix, 'sweep') !== undefined) {
    problems.push(`"prefix" must be 1 to ${MAX_PREFIX_LENGTH.sweep} letters, digits, "-" or "_", got ${describeValue(prefix)}.`);
  }
  if (problems.length > 0) throw new ConfigurationError(formatProblemList('jest-eventbridge sweep: invalid options.', problems));
  return { busName: parseEventBusArn(bus)?.name ?? bus, olderThanMs: olderThanMs as number, prefix };
}

/** The given clients (left open), or new ones closed after the sweep. */
function clientsFor(options: SweepOptions): { clients: DeleteClients; close: () => void } {
  if (options.clients) return { clients: options.clients, close: () => undefined };
  const created = createAwsClients({
    ...(options.region ? { region: options.region } : {}),
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    retryMode: 'standard',
  });
  return { clients: created, close: () => destroyAwsClients(created) };
}

async function remove(clients: DeleteClients, eventBusName: string, candidate: SweepCandidate, dryRun: boolean): Promise<SweptResource> {
  if (candidate.action === 'keep') return { ...candidate, outcome: 'kept' };
  if (candidate.action === 'skip') return { ...candidate, outcome: 'skipped' };
  if (dryRun) return { ...candidate, outcome: 'would delete' };
  const error =
    candidate.kind === 'rule'
      ? await deleteRule(clients.eventBridge, eventBusName, candidate.name)
      : await deleteQueue(clients.sqs, candidate.name, candidate.id);
  return error === undefined ? { ...candidate, outcome: 'deleted' } : { ...candidate, outcome: 'failed', error };
}

/**
 * Lists the bus's capture rules and the account's capture queues, classifies them, and removes
 * those due (unless `dryRun`). Failures to delete are in the report, not thrown; a failure to
 * list (no bus, no credentials) throws, naming the call that failed.
 */
export async function sweep(options: SweepOptions): Promise<SweepReport> {
  const { busName, olderThanMs, prefix } = resolveSweepOptions(options);
  const dryRun = options.dryRun === true;
  const { clients, close } = clientsFor(options);
  try {
    const context = {
      eventBusName: busName,
      ...(options.endpoint ? { endpoint: options.endpoint } : {}),
      ...(options.region ? { region: options.region } : {}),
    };
    const [rules, queues] = await Promise.all([
      listPrefixedRules(clients.eventBridge, options.eventBusName, prefix, context),
      listPrefixedQueues(clients.sqs, prefix, context),
    ]);
    const { candidates, otherQueues } = classifyCandidates({
      rules,
      queues,
      eventBusName: busName,
      olderThanMs,
      now: (options.now ?? Date.now)(),
    });

    // A rule and its queue one after the other (rule first), different names in parallel.
    const groups = new Map<string, SweepCandidate[]>();
    for (const candidate of candidates) groups.set(candidate.name, [...(groups.get(candidate.name) ?? []), candidate]);
    const handled = await mapLimited([...groups.values()], DELETE_CONCURRENCY, async (group) => {
      const results: SweptResource[] = [];
      for (const candidate of group) results.push(await remove(clients, options.eventBusName, candidate, dryRun));
      return results;
    });
    return buildReport({ eventBusName: busName, prefix, olderThanMs, dryRun, resources: handled.flat(), otherQueues });
  } finally {
    close();
  }
}
