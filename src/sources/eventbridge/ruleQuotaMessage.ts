/**
 * The setup error of a capture rule EventBridge refused for its rules-per-bus quota: pure, from
 * what was counted (ruleQuota.ts makes the AWS calls), so that every wording is unit-tested.
 */

import { DEFAULT_RESOURCE_PREFIX } from './resourceNames';

/** EventBridge's quota on rules per bus, as Service Quotas names it. */
export const RULES_PER_BUS_QUOTA = {
  name: 'Rules per event bus',
  /** Service Quotas' code for it (service code `events`). */
  code: 'L-244521F2',
  serviceCode: 'events',
  /** Per bus, in most regions (older AWS documents give 100 in af-south-1 and eu-south-1). */
  defaultValue: 300,
} as const;

/** How old a leftover must be for the sweep's command-line default (`--older-than 1h`). */
const SWEEP_DEFAULT_AGE = '1 hour';

/** The bus's rules as counted after the refusal, or why they could not be. */
export type BusRuleCount =
  | {
      readonly counted: true;
      /** Every rule ListRules returned: the service's own and every capture. */
      readonly total: number;
      /** Of those, jest-eventbridge captures (`isCaptureRule`: their description), any run's. */
      readonly captures: number;
      /** Of the captures, those not named with this run's `<prefix><run id>-`; absent when not told apart. */
      readonly capturesOfOtherRuns?: number;
      /** The listing stopped at its page bound with more rules left: the counts are lower bounds. */
      readonly truncated: boolean;
    }
  | {
      readonly counted: false;
      /** A sentence saying why (ListRules refused, or no answer in time). */
      readonly why: string;
    };

export interface RuleQuotaRefusal {
  readonly testFile: string;
  readonly eventBusName: string;
  /** The capture rule EventBridge refused to create. */
  readonly ruleName: string;
  /** AWS's own message for the refusal. */
  readonly awsMessage: string;
  /** Attempts the AWS SDK made in all (it retries the code as throttling); absent when unknown. */
  readonly attempts?: number;
  /** Time the SDK waited between those attempts, in ms. */
  readonly retryDelayMs?: number;
  readonly count: BusRuleCount;
  /** The prefix of the capture names (`resourcePrefix`), when known: the sweep needs it unless it is `jeb-`. */
  readonly resourcePrefix?: string;
  /** The run's capture scope, when known: with 'worker' that fix is already in use. */
  readonly captureScope?: 'file' | 'worker';
}

/** The first line, also quoted in the README's Troubleshooting. */
export function ruleQuotaHeadline(testFile: string, eventBusName: string): string {
  return `jest-eventbridge: could not set up the capture for ${testFile}: event bus "${eventBusName}" has no room for another rule (EventBridge's quota "${RULES_PER_BUS_QUOTA.name}").`;
}

/**
 * The whole message: the refusal, the bus's rules by kind, the quota and the fixes (the sweep,
 * captureScope 'worker' and fewer workers, a quota increase). Lines joined with `\n`.
 */
export function ruleQuotaMessage(refusal: RuleQuotaRefusal): string {
  const { testFile, eventBusName: bus, count } = refusal;
  const quota = RULES_PER_BUS_QUOTA;
  const lines = [
    ruleQuotaHeadline(testFile, bus),
    `EventBridge refused the capture rule ${refusal.ruleName} (events:PutRule) with LimitExceededException: "${refusal.awsMessage}"${retriesNote(refusal)}.`,
    countLine(bus, count),
  ];
  const below = belowDefaultNote(count);
  if (below) lines.push(below);
  lines.push(
    `The quota "${quota.name}" (Service Quotas code ${quota.code}) is ${quota.defaultValue} rules per bus by default, and adjustable. A test run holds one capture rule per worker on the bus while it runs, so parallel pipelines on one bus share the quota with the service's own rules.`,
    'To make room:',
    `  - remove the captures crashed runs left: \`npx jest-eventbridge sweep --bus ${bus}${prefixFlag(refusal.resourcePrefix)}\` (those older than ${SWEEP_DEFAULT_AGE}; add \`--dry-run\` to list them first), or \`sweep: true\` in the options to sweep before each run;`,
    refusal.captureScope === 'worker'
      ? "  - hold fewer rules at once: this run already creates one capture per worker (`captureScope: 'worker'`), so run fewer workers or fewer pipelines on this bus at a time;"
      : "  - ask for a rule once per worker, not per test file: `captureScope: 'worker'` creates each worker's capture once for the whole run, so only a worker's first file needs a free rule; and fewer workers hold fewer rules;",
    `  - raise the quota: Service Quotas, Amazon EventBridge, "${quota.name}" (${quota.code}), e.g. \`aws service-quotas request-service-quota-increase --service-code ${quota.serviceCode} --quota-code ${quota.code} --desired-value 600\`.`,
  );
  return lines.join('\n');
}

function retriesNote(refusal: RuleQuotaRefusal): string {
  if (refusal.attempts === undefined || refusal.attempts < 2) return '';
  const waited = refusal.retryDelayMs === undefined ? '' : ` over ${(refusal.retryDelayMs / 1000).toFixed(1)} s`;
  return ` (${refusal.attempts} attempts${waited}: the AWS SDK retries it as throttling, in case another run frees a rule meanwhile)`;
}

function countLine(bus: string, count: BusRuleCount): string {
  if (!count.counted) return `The rules on bus "${bus}" could not be counted: ${sentence(count.why)}`;
  const own = count.total - count.captures;
  const holds = count.truncated
    ? `Bus "${bus}" holds more than ${count.total} rules (the count stopped there); of those read, `
    : `Bus "${bus}" holds ${count.total} ${plural(count.total, 'rule')}: `;
  const captures = `${count.captures} jest-eventbridge ${plural(count.captures, 'capture')}`;
  const byRun =
    count.capturesOfOtherRuns === undefined || count.captures === 0
      ? ''
      : ` (${count.capturesOfOtherRuns} of other runs, running now on other pipelines or left by crashed runs; ${count.captures - count.capturesOfOtherRuns} of this run)`;
  return `${holds}${own} of the service's own and ${captures}${byRun}.`;
}

/**
 * Fewer rules than the default quota, yet refused: the region's quota may be lower, rules may
 * have been removed since, or EventBridge met another limit (its message is quoted).
 */
function belowDefaultNote(count: BusRuleCount): string | undefined {
  if (!count.counted || count.truncated || count.total >= RULES_PER_BUS_QUOTA.defaultValue) return undefined;
  return `That is fewer than the default ${RULES_PER_BUS_QUOTA.defaultValue}: the quota may be lower here (older AWS documents give 100 in af-south-1 and eu-south-1; Service Quotas shows the applied value), rules may have been removed since the refusal, or EventBridge met another limit (see its message above).`;
}

/** The sweep's `--prefix` flag, needed only for a prefix other than its default. */
function prefixFlag(resourcePrefix: string | undefined): string {
  return resourcePrefix === undefined || resourcePrefix === DEFAULT_RESOURCE_PREFIX ? '' : ` --prefix ${resourcePrefix}`;
}

/** AWS's messages may end without a full stop; the line ends with one either way. */
function sentence(text: string): string {
  return /[.!?]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`;
}

function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}
