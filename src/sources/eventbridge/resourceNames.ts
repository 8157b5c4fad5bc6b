import { createHash, randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { basename } from 'node:path';

/** Default prefix of every capture queue and rule name; `resourcePrefix` replaces it. */
export const DEFAULT_RESOURCE_PREFIX = 'jeb-';

/** Tag keys put on every capture queue and rule, so that a sweep can find leftovers. */
export const TAG_RUN_ID = 'jest-eventbridge:run-id';
export const TAG_CREATED_AT = 'jest-eventbridge:created-at';
export const TAG_TEST_FILE = 'jest-eventbridge:test-file';
/**
 * When a worker's capture was last taken up by a file (`captureScope: 'worker'`; a run can outlive
 * a sweep's threshold): the sweep ages a capture from the later of this and its creation.
 */
export const TAG_IN_USE_AT = 'jest-eventbridge:in-use-at';

/** Limits from the SQS and EventBridge API references. */
export const MAX_QUEUE_NAME_LENGTH = 80;
export const MAX_RULE_NAME_LENGTH = 64;
export const MAX_RESOURCE_PREFIX_LENGTH = 20;
/** Characters allowed in both a queue name ([A-Za-z0-9_-]) and a rule name ([.\-_A-Za-z0-9]). */
export const RESOURCE_NAME_CHARACTERS = /^[A-Za-z0-9_-]+$/;

/**
 * How every capture rule's Description begins (`jest-eventbridge capture for <file>`): how a rule
 * of ours is told from the service's own. ListRules returns descriptions, so a listing leaves out
 * every run's captures without reading tags.
 */
export const CAPTURE_RULE_DESCRIPTION = 'jest-eventbridge capture for ';

/**
 * Whether a listed rule is a capture of this library (any run's, any prefix): its Description
 * says so. Not its name: a service may name its own rules with the same prefix.
 */
export function isCaptureRule(rule: { readonly Name?: string; readonly Description?: string }): boolean {
  return (rule.Description ?? '').startsWith(CAPTURE_RULE_DESCRIPTION);
}

const RUN_ID_LENGTH = 6;
const NONCE_LENGTH = 6;

export interface CaptureNames {
  /** The run this file belongs to: shared by every worker of one test run. */
  readonly runId: string;
  /** Name of both the capture queue and the capture rule (one name, so a sweep can pair them). */
  readonly resourceName: string;
  /** Prefix of every correlation id this file stamps; ends with a separator so `…-1` never prefixes `…-10`. */
  readonly correlationPrefix: string;
  /** Id of the readiness canary this file puts, unique to the file. */
  readonly canaryId: string;
}

export interface NameInputs {
  readonly resourcePrefix: string;
  readonly runId: string;
  readonly workerId: string;
  readonly testPath: string;
  /** Random, base-36; injectable so that unit tests are deterministic. */
  readonly nonce?: string;
}

function base36(bytes: Buffer, length: number): string {
  let text = '';
  for (const byte of bytes) text += (byte % 36).toString(36);
  return text.slice(0, length);
}

/** A fresh random component for names: base-36, so it fits every name character set. */
export function randomNonce(length = NONCE_LENGTH): string {
  return base36(randomBytes(length), length);
}

/**
 * The id shared by all workers of one test run, used in names and tags.
 *
 * Taken, in order, from `JEST_EVENTBRIDGE_RUN_ID` (set by the preset's global setup, or by a CI
 * job that wants its own), else derived from `owner` (the id of the process that owns the run's
 * workers) and the host name: all workers of one run then agree without talking to each other.
 * Which process owns the workers is the runner's knowledge: its adapter passes it (the Jest
 * one, the worker's parent). @default owner this process
 */
export function resolveRunId(env: NodeJS.ProcessEnv = process.env, owner: number = process.pid): string {
  const given = env.JEST_EVENTBRIDGE_RUN_ID;
  if (given !== undefined && given !== '') return sanitise(given).slice(0, RUN_ID_LENGTH * 2);
  const digest = createHash('sha256').update(`${hostname()}:${owner}`).digest();
  return base36(digest, RUN_ID_LENGTH);
}

function sanitise(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '');
}

/**
 * Names unique per run, worker and test file: `<prefix><run>-w<worker>-<file>-<nonce>`.
 * The file part is shortened first so that the name fits the rule limit (64, the smaller of the
 * two); the random nonce keeps two runs of the same file on one bus apart.
 */
export function captureNames(inputs: NameInputs): CaptureNames {
  const nonce = inputs.nonce ?? randomNonce();
  const worker = `w${sanitise(inputs.workerId) || '0'}`;
  const fixed = `${inputs.resourcePrefix}${inputs.runId}-${worker}--${nonce}`;
  const room = MAX_RULE_NAME_LENGTH - fixed.length;
  const fileStem = sanitise(basename(inputs.testPath).replace(/\.(test|spec)?\.?[cm]?[jt]sx?$/i, ''));
  const file = room > 0 ? fileStem.slice(0, room).replace(/-+$/, '') : '';
  const resourceName = file
    ? `${inputs.resourcePrefix}${inputs.runId}-${worker}-${file}-${nonce}`
    : `${inputs.resourcePrefix}${inputs.runId}-${worker}-${nonce}`;
  return {
    runId: inputs.runId,
    resourceName,
    correlationPrefix: `${inputs.resourcePrefix}${inputs.runId}-${worker}-${nonce}:`,
    canaryId: `${resourceName}-ready`,
  };
}

/** The part of a worker capture's name where a file's capture has its file's stem. */
export const WORKER_CAPTURE_LABEL = 'worker';

/**
 * Names of a capture shared by the files one worker runs (`captureScope: 'worker'`):
 * `<prefix><run>-w<worker>-worker-<nonce>`, the shape of a file's names with `worker` for the
 * file, so the sweep and IAM name-prefix policies treat both alike.
 */
export function workerCaptureNames(inputs: Omit<NameInputs, 'testPath'>): CaptureNames {
  return captureNames({ ...inputs, testPath: WORKER_CAPTURE_LABEL });
}

/** The longest file stem in a file's correlation prefix under a worker's capture. */
const FILE_STEM_IN_PREFIX = 24;

/**
 * The correlation prefix of the `index`-th file (1-based) a worker capture serves: the capture's
 * own prefix (which its rule forwards), `f<index>`, the file's stem for whoever reads the ids in
 * logs, and a dot: `jeb-abc123-w2-n0nc3x:f3-orders.`. A file sees only its own ids, and `f1-`
 * never prefixes `f10-`.
 */
export function fileCorrelationPrefix(capture: CaptureNames, index: number, testPath = ''): string {
  const stem = sanitise(basename(testPath).replace(/\.(test|spec)?\.?[cm]?[jt]sx?$/i, ''))
    .slice(0, FILE_STEM_IN_PREFIX)
    .replace(/-+$/, '');
  return `${capture.correlationPrefix}f${index}${stem ? `-${stem}` : ''}.`;
}

/**
 * What a prefix is for: `names` starts every capture queue and rule name this library builds (the
 * `resourcePrefix` option), `sweep` selects names to list (`sweep({ prefix })`, `--prefix`).
 */
export type PrefixUse = 'names' | 'sweep';

/**
 * The longest prefix for each use. `names`: 20 leaves room, within the 64 characters of a rule
 * name, for the longest run id (12), the worker (`-w` and its id), the random part (7) and a
 * readable file name. `sweep`: a sweep may name a longer start, such as `<prefix><run id>-` to
 * remove one run's resources, up to a whole rule name (64): ListRules refuses a longer
 * NamePrefix, and a sweep pairs each queue with its rule, so a longer prefix could match nothing.
 */
export const MAX_PREFIX_LENGTH: Readonly<Record<PrefixUse, number>> = {
  names: MAX_RESOURCE_PREFIX_LENGTH,
  sweep: MAX_RULE_NAME_LENGTH,
};

/**
 * The one rule for a resource-name prefix: 1 to `MAX_PREFIX_LENGTH[use]` of the characters both a
 * queue and a rule name allow. Returns why `prefix` breaks it ("is empty", ...), or undefined.
 */
export function resourcePrefixProblem(prefix: unknown, use: PrefixUse = 'names'): string | undefined {
  if (typeof prefix !== 'string') return 'is not a string';
  if (prefix === '') return 'is empty';
  if (prefix.length > MAX_PREFIX_LENGTH[use]) return `is longer than ${MAX_PREFIX_LENGTH[use]} characters`;
  if (!RESOURCE_NAME_CHARACTERS.test(prefix)) return 'has characters other than letters, digits, "-" and "_"';
  return undefined;
}
