/**
 * The captures a run's workers share (`captureScope: 'worker'`), recorded so that the run's
 * global teardown removes them. Neither Jest nor Vitest tells a worker that it runs its last
 * file, so a worker cannot remove its own capture; the global setup opens a folder for the run
 * (named in JEST_EVENTBRIDGE_RUN_CAPTURES, which the workers inherit), each worker writes one
 * record there before it creates its capture (so a half-done create is removed too), and the
 * teardown removes what the records name with the capture's own permissions (RemoveTargets,
 * DeleteRule, DeleteQueue): no listing, no tags to read, no new IAM. A run that is killed before
 * its teardown leaves them to the sweep, like any capture.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_MAX_ATTEMPTS, createAwsClients, destroyAwsClients } from '../aws/awsClients';
import { CaptureResources } from '../sources/eventbridge/captureResources';
import { createLogger } from '../foundation/log';
import { mapLimited } from '../foundation/mapLimited';
import { messageOf } from '../foundation/realm';
import { isRecord } from '../foundation/objects';

/** The folder of the run's capture records, set by the global setup. */
export const RUN_CAPTURES_ENV = 'JEST_EVENTBRIDGE_RUN_CAPTURES';

/** What the teardown needs to remove one worker's capture. */
export interface RunCaptureRecord {
  /** The name of its queue and rule. */
  readonly resourceName: string;
  readonly eventBusName: string;
  readonly region?: string;
  readonly endpoint?: string;
  /** Who made it, for messages: `worker 2 of run abc123`. */
  readonly label: string;
  readonly maxAttempts?: number;
}

/** Removals in flight at once: a run has one capture per worker, rarely more than a few dozen. */
const REMOVALS_IN_FLIGHT = 8;

/**
 * Opens the run's record folder unless an earlier global setup of the same run (another Jest
 * project) did, and names it in `env` for the workers. Returns the folder.
 */
export function openRunCaptures(env: NodeJS.ProcessEnv = process.env): string {
  const open = env[RUN_CAPTURES_ENV];
  if (open !== undefined && open !== '') return open;
  const folder = mkdtempSync(join(tmpdir(), 'jest-eventbridge-run-'));
  env[RUN_CAPTURES_ENV] = folder;
  return folder;
}

function recordPath(folder: string, resourceName: string): string {
  return join(folder, `${resourceName}.json`);
}

/** Written by the teardown before it reads the records: a worker still starting a file must not add one after. */
const CLOSED_MARKER = 'closed';

function closeRunCaptures(folder: string): void {
  try {
    writeFileSync(join(folder, CLOSED_MARKER), '');
  } catch {
    // The folder is gone already: nothing can be recorded in it either.
  }
}

/** Whether workers may still record captures in `folder`: it exists, and the teardown has not begun. */
export function runCapturesOpen(folder: string): boolean {
  return existsSync(folder) && !existsSync(join(folder, CLOSED_MARKER));
}

/**
 * Records a capture about to be created. Synchronous: the record exists before any AWS call.
 * @throws when the run's teardown has begun (a bail, a signal): the caller then makes a capture
 *   of the file's own, which its own teardown removes
 */
export function recordRunCapture(folder: string, record: RunCaptureRecord): void {
  if (!runCapturesOpen(folder)) throw new Error(`the run's teardown has begun (${folder} is closed)`);
  writeFileSync(recordPath(folder, record.resourceName), JSON.stringify(record));
}

/** Forgets a capture removed already (its setup failed and the file removed it). */
export function forgetRunCapture(folder: string, resourceName: string): void {
  try {
    unlinkSync(recordPath(folder, resourceName));
  } catch {
    // Already gone (a teardown that ran first): nothing to forget.
  }
}

/** The records in `folder`; a file that is not a record is reported, not fatal. */
export function readRunCaptures(folder: string): { records: RunCaptureRecord[]; unreadable: string[] } {
  const records: RunCaptureRecord[] = [];
  const unreadable: string[] = [];
  let names: string[];
  try {
    names = readdirSync(folder).filter((name) => name.endsWith('.json'));
  } catch {
    return { records, unreadable };
  }
  for (const name of names) {
    try {
      const parsed: unknown = JSON.parse(readFileSync(join(folder, name), 'utf8'));
      const record = asRecord(parsed);
      if (record !== undefined) records.push(record);
      else unreadable.push(name);
    } catch {
      unreadable.push(name);
    }
  }
  return { records, unreadable };
}

/** A parsed record, when it has the fields a removal needs (optional ones of the wrong type are left out). */
function asRecord(value: unknown): RunCaptureRecord | undefined {
  if (!isRecord(value)) return undefined;
  const { resourceName, eventBusName, label, region, endpoint, maxAttempts } = value;
  if (typeof resourceName !== 'string' || typeof eventBusName !== 'string') return undefined;
  return {
    resourceName,
    eventBusName,
    label: typeof label === 'string' ? label : resourceName,
    ...(typeof region === 'string' ? { region } : {}),
    ...(typeof endpoint === 'string' ? { endpoint } : {}),
    ...(typeof maxAttempts === 'number' ? { maxAttempts } : {}),
  };
}

/** What the teardown did: the captures removed, and those it could not remove with why. */
export interface RunCapturesRemoval {
  readonly removed: readonly string[];
  readonly failed: readonly { readonly resourceName: string; readonly eventBusName: string; readonly reason: string }[];
  /** Record files that could not be read: what they named is left to the sweep. */
  readonly unreadable?: readonly string[];
}

/**
 * Removes every capture the run's workers recorded, then the folder, and forgets it in `env`
 * (so that the next run of a watch session opens its own). Never throws: what it cannot remove
 * is returned, for the caller to print with the sweep command.
 */
export async function removeRunCaptures(env: NodeJS.ProcessEnv = process.env): Promise<RunCapturesRemoval> {
  const folder = env[RUN_CAPTURES_ENV];
  if (folder === undefined || folder === '') return { removed: [], failed: [] };
  const log = createLogger('capture');
  // Later files may no longer record into it (see recordRunCapture): they make their own.
  closeRunCaptures(folder);
  const { records, unreadable } = readRunCaptures(folder);
  const outcomes = await mapLimited(records, REMOVALS_IN_FLIGHT, async (record) => {
    const clients = createAwsClients({
      ...(record.region !== undefined ? { region: record.region } : {}),
      ...(record.endpoint !== undefined ? { endpoint: record.endpoint } : {}),
      maxAttempts: record.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      retryMode: 'standard',
    });
    try {
      await new CaptureResources(clients, {
        resourceName: record.resourceName,
        eventBusName: record.eventBusName,
        testFile: record.label,
        runId: '',
        canaryId: '',
        log,
        ...(record.region !== undefined ? { region: record.region } : {}),
        ...(record.endpoint !== undefined ? { endpoint: record.endpoint } : {}),
      })
        .assumeCreated()
        .remove();
      return { record, reason: undefined };
    } catch (error) {
      return { record, reason: messageOf(error) };
    } finally {
      destroyAwsClients(clients);
    }
  });
  const failed = outcomes
    .filter((outcome) => outcome.reason !== undefined)
    .map(({ record, reason }) => ({ resourceName: record.resourceName, eventBusName: record.eventBusName, reason: reason ?? '' }));
  const removed = outcomes.filter((outcome) => outcome.reason === undefined).map(({ record }) => record.resourceName);
  // Records of what could not be removed stay only in the message: the sweep finds those by name.
  rmSync(folder, { recursive: true, force: true });
  delete env[RUN_CAPTURES_ENV];
  return { removed, failed, ...(unreadable.length > 0 ? { unreadable } : {}) };
}

/** One line per capture the teardown could not remove, with the sweep command for each bus. */
export function formatRunCapturesFailures(removal: RunCapturesRemoval): string {
  const buses = [...new Set(removal.failed.map((failure) => failure.eventBusName))];
  const unreadable = removal.unreadable ?? [];
  const count = removal.failed.length;
  return [
    ...(count > 0
      ? [
          `jest-eventbridge: the run's teardown could not remove ${count} worker capture${count === 1 ? '' : 's'}:`,
          ...removal.failed.map((failure) => `  - ${failure.resourceName}: ${failure.reason.split('\n')[0] ?? ''}`),
          `Remove them with ${buses.map((bus) => `\`npx jest-eventbridge sweep --bus ${bus}\``).join(', ')}.`,
        ]
      : []),
    ...(unreadable.length > 0
      ? [
          `jest-eventbridge: the run's teardown could not read ${unreadable.length} record${unreadable.length === 1 ? '' : 's'} of worker captures (${unreadable.join(', ')}); \`npx jest-eventbridge sweep --bus <bus>\` removes what they named.`,
        ]
      : []),
  ].join('\n');
}
