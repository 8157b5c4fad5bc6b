/**
 * The rules of a bus as failure messages weigh them: every rule `ListRules` returns (paged; the
 * answer carries each rule's pattern and state), less the captures of every run. Here rather than
 * in aws/ because telling a capture rule from a service's rule is this source's knowledge (its
 * names and descriptions, resourceNames.ts).
 */
import { ListRulesCommand, type ListRulesCommandOutput } from '@aws-sdk/client-eventbridge';
import type { RuleToCheck } from '../../core/targets/rulesMatching';
import { isCaptureRule } from './resourceNames';

/** The most rules one ListRules page returns (the API's own limit). */
const PAGE_SIZE = 100;
/** Pages read at most: 5,000 rules is far beyond EventBridge's default quota of 300 per bus. */
export const MAX_PAGES = 50;
/** The most rules a listing reads before it stops (and says so: `truncated`). */
export const MAX_LISTED_RULES = PAGE_SIZE * MAX_PAGES;

/** What the listing needs of an EventBridge client (an `EventBridgeClient` is one). */
export interface RuleLister {
  send(command: ListRulesCommand, options: { abortSignal?: AbortSignal }): Promise<ListRulesCommandOutput>;
}

/** A bus's rules as read, and whether the listing stopped at MAX_PAGES with more left. */
export interface BusRules {
  readonly rules: RuleToCheck[];
  /** True when the bus has more than MAX_LISTED_RULES rules: only the first pages were read. */
  readonly truncated: boolean;
}

export interface BusRulesOptions {
  /** Names of rules to leave out besides those described as captures (this file's own capture rule). */
  readonly excludeNames?: readonly string[];
  /** Aborts the listing (a failure message does not wait longer than its budget). */
  readonly abortSignal?: AbortSignal;
}

/**
 * Every rule on `eventBusName` but captures, sorted by name (the stable order messages list them
 * in), with its pattern text (undefined for a scheduled rule) and state; at most MAX_PAGES pages
 * (`readBusRules` says whether it stopped there).
 * @throws what the SDK throws (AccessDeniedException without `events:ListRules`, ResourceNotFoundException for a missing bus)
 */
export async function listBusRules(client: RuleLister, eventBusName: string, options: BusRulesOptions = {}): Promise<RuleToCheck[]> {
  return (await readBusRules(client, eventBusName, options)).rules;
}

/**
 * `listBusRules`, with whether the listing stopped at MAX_PAGES while ListRules had more.
 * @throws what the SDK throws, as listBusRules
 */
export async function readBusRules(client: RuleLister, eventBusName: string, options: BusRulesOptions = {}): Promise<BusRules> {
  const excluded = new Set(options.excludeNames ?? []);
  const rules: RuleToCheck[] = [];
  let nextToken: string | undefined;
  let pages = 0;
  do {
    const page = await client.send(
      new ListRulesCommand({ EventBusName: eventBusName, Limit: PAGE_SIZE, ...(nextToken ? { NextToken: nextToken } : {}) }),
      options.abortSignal ? { abortSignal: options.abortSignal } : {},
    );
    for (const rule of page.Rules ?? []) {
      if (!rule.Name || excluded.has(rule.Name) || isCaptureRule(rule)) continue;
      rules.push({
        name: rule.Name,
        ...(rule.EventPattern ? { eventPattern: rule.EventPattern } : {}),
        ...(rule.State ? { state: rule.State } : {}),
      });
    }
    nextToken = page.NextToken;
    pages += 1;
  } while (nextToken && pages < MAX_PAGES);
  return {
    rules: rules.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    truncated: nextToken !== undefined && nextToken !== '',
  };
}
