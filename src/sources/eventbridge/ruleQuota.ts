/**
 * A capture rule refused for EventBridge's rules-per-bus quota: telling the refusal from other
 * PutRule failures, and counting the bus's rules (ListRules, bounded in time) for the setup error
 * ruleQuotaMessage.ts words.
 *
 * The AWS SDK classifies LimitExceededException as throttling and retries it (`maxAttempts`,
 * with backoff: a few seconds) before the refusal reaches the capture. That is kept on purpose: on
 * a bus shared by pipelines, other runs' files remove their captures all the time, so a bus full
 * now often has a free rule seconds later; a bus that stays full costs those seconds once, in a
 * setup that fails anyway.
 */
import type { ListRulesCommand, ListRulesCommandOutput, Rule } from '@aws-sdk/client-eventbridge';
import { describeAwsError, errorCode } from '../../aws/awsErrors';
import { CaptureSetupError } from '../../foundation/errors';
import { raceTimer, TIMED_OUT } from '../../foundation/timers';
import { readBusRules, type RuleLister } from './busRules';
import { isCaptureRule } from './resourceNames';
import { ruleQuotaMessage, type BusRuleCount } from './ruleQuotaMessage';

/** How long the count may take before the error is thrown without it, in ms. */
export const RULE_COUNT_BUDGET_MS = 5_000;

/**
 * Whether a PutRule failure is the rules-per-bus quota: EventBridge answers it with
 * LimitExceededException ("The requested resource exceeds the maximum number allowed.").
 */
export function isRuleQuotaRefusal(error: unknown): boolean {
  return errorCode(error) === 'LimitExceededException';
}

export interface RuleCountOptions {
  /**
   * How this run's capture names start (`<prefix><run id>-`), to tell other runs' captures from
   * this run's; without it the captures are not told apart.
   */
  readonly runNamePrefix?: string;
  /** @default RULE_COUNT_BUDGET_MS */
  readonly budgetMs?: number;
}

/**
 * Counts the rules on `eventBusName`: all of them, the captures among them, and the captures of
 * other runs. Never throws: a refused or slow ListRules is `{ counted: false, why }`.
 */
export async function countBusRules(client: RuleLister, eventBusName: string, options: RuleCountOptions = {}): Promise<BusRuleCount> {
  const budgetMs = options.budgetMs ?? RULE_COUNT_BUDGET_MS;
  const action = `Listing the rules of bus ${eventBusName} (events:ListRules)`;
  // readBusRules pages (and bounds the pages) but keeps only the service's rules; the pages it
  // reads are seen here, captures included.
  const listed: Rule[] = [];
  const seeing: RuleLister = {
    send: async (command: ListRulesCommand, sendOptions: { abortSignal?: AbortSignal }): Promise<ListRulesCommandOutput> => {
      const page = await client.send(command, sendOptions);
      listed.push(...(page.Rules ?? []));
      return page;
    },
  };
  const abort = new AbortController();
  try {
    const read = await raceTimer(readBusRules(seeing, eventBusName, { abortSignal: abort.signal }), budgetMs, { unref: true });
    if (read === TIMED_OUT) {
      abort.abort();
      return { counted: false, why: `${action} did not answer within ${budgetMs / 1000} s.` };
    }
    const captures = listed.filter((rule) => isCaptureRule(rule));
    const prefix = options.runNamePrefix;
    return {
      counted: true,
      total: listed.length,
      captures: captures.length,
      ...(prefix === undefined ? {} : { capturesOfOtherRuns: captures.filter((rule) => !(rule.Name ?? '').startsWith(prefix)).length }),
      truncated: read.truncated,
    };
  } catch (error) {
    return { counted: false, why: describeAwsError(error, { action, eventBusName }) };
  }
}

/**
 * How a run's capture names start, `<prefix><run id>-`, read off one of its names
 * (`<prefix><run id>-w<worker>-…`, resourceNames.ts); undefined when the name has no such part.
 */
export function runNamePrefixOf(resourceName: string, runId: string): string | undefined {
  const at = resourceName.indexOf(`${runId}-w`);
  return at < 0 || runId === '' ? undefined : resourceName.slice(0, at + runId.length + 1);
}

export interface RuleQuotaContext {
  readonly testFile: string;
  readonly eventBusName: string;
  /** The capture rule that was refused. */
  readonly ruleName: string;
  readonly runId: string;
  readonly captureScope?: 'file' | 'worker';
  /** @default RULE_COUNT_BUDGET_MS */
  readonly budgetMs?: number;
}

/**
 * The setup error for a PutRule refused for the quota (`isRuleQuotaRefusal`): counts the bus's
 * rules (at most `budgetMs`), then words what it found and the fixes. The refusal is its cause.
 */
export async function ruleQuotaError(client: RuleLister, refusal: unknown, context: RuleQuotaContext): Promise<CaptureSetupError> {
  const runNamePrefix = runNamePrefixOf(context.ruleName, context.runId);
  const count = await countBusRules(client, context.eventBusName, {
    ...(runNamePrefix === undefined ? {} : { runNamePrefix }),
    ...(context.budgetMs === undefined ? {} : { budgetMs: context.budgetMs }),
  });
  const metadata = sdkMetadataOf(refusal);
  const message = ruleQuotaMessage({
    testFile: context.testFile,
    eventBusName: context.eventBusName,
    ruleName: context.ruleName,
    awsMessage: refusal instanceof Error ? refusal.message : String(refusal),
    ...(metadata.attempts === undefined ? {} : { attempts: metadata.attempts }),
    ...(metadata.totalRetryDelay === undefined ? {} : { retryDelayMs: metadata.totalRetryDelay }),
    count,
    ...(runNamePrefix === undefined ? {} : { resourcePrefix: runNamePrefix.slice(0, -(context.runId.length + 1)) }),
    ...(context.captureScope === undefined ? {} : { captureScope: context.captureScope }),
  });
  return new CaptureSetupError(message, { cause: refusal });
}

/** The attempts and retry delay the SDK's retry middleware records on the error it throws. */
function sdkMetadataOf(error: unknown): { attempts?: number; totalRetryDelay?: number } {
  if (typeof error !== 'object' || error === null || !('$metadata' in error)) return {};
  const metadata: unknown = error.$metadata;
  if (typeof metadata !== 'object' || metadata === null) return {};
  const number = (key: string): number | undefined => {
    const value: unknown = (metadata as Record<string, unknown>)[key];
    return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
  };
  const attempts = number('attempts');
  const totalRetryDelay = number('totalRetryDelay');
  return { ...(attempts === undefined ? {} : { attempts }), ...(totalRetryDelay === undefined ? {} : { totalRetryDelay }) };
}
