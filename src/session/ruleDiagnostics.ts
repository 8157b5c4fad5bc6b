/**
 * "Which rule would route it": what a failing matcher adds about the events its test put. The
 * session records each scope's put entries (bounded) as it sends them; on the first failure of
 * the file the bus's rules are read (once, cached, within a time budget on the library's own
 * timers), and every failure words the verdicts of core/targets' `rulesMatching` for the running
 * scope's events. Reading the rules never fails a test: a refused or failed read is one note.
 */
import type { PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { envelopeOfPut } from '../core/events/putEnvelope';
import { compileRuleChecks, type RuleChecks, type RuleToCheck } from '../core/targets/rulesMatching';
import { ruleNotes, rulesUnreadableNote, type RuleOrigin } from '../core/matchers/messages/ruleNotes';
import { errorCode } from '../aws/awsErrors';
import { messageOf } from '../foundation/realm';
import { raceTimer, TIMED_OUT } from '../foundation/timers';
import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { busNameOf } from '../core/targets/routeEvent';
import { MAX_LISTED_RULES, readBusRules } from '../sources/eventbridge/busRules';
import { templateDisplayName } from '../local/template';
import type { LocalRules } from './localRules';
import type { ResolvedOptions } from './options/options';
import { hasGeneratedName } from '../local/template/ruleLookup';

/** How many put entries a scope keeps for diagnosis; later ones are only counted. */
export const MAX_RECORDED_PUTS = 20;
/** How long a failing matcher waits for the rules before it says so instead. */
export const DEFAULT_RULES_BUDGET_MS = 5_000;
/** The longest AWS error text a note quotes. */
const MAX_REASON_LENGTH = 300;

export interface RuleDiagnosticsInputs {
  /** The bus the capture listens to, by name: only entries put there are diagnosed. */
  readonly busName: string;
  /** Where the rules come from: the bus (ListRules), or the template local flows route by. */
  readonly origin: RuleOrigin;
  /**
   * Reads the rules once; may reject (the rejection becomes a note). `truncated` when the listing
   * stopped at MAX_LISTED_RULES with more on the bus, so "matched no rule" is said with that caveat.
   */
  readonly readRules: (abortSignal: AbortSignal) => Promise<{ readonly rules: readonly RuleToCheck[]; readonly truncated?: boolean }>;
  /** Epoch ms, for the time of entries put without one. */
  readonly now: () => number;
  /** @default DEFAULT_RULES_BUDGET_MS */
  readonly budgetMs?: number;
}

/** Where EventBridge received the events: from the capture's rule ARN once it exists. */
export interface BusPlace {
  readonly account?: string;
  readonly region: string;
}

interface RecordedPut {
  readonly entry: PutEventsRequestEntry;
  readonly id: string;
  readonly receivedAt: number;
}

interface ScopePuts {
  readonly kept: RecordedPut[];
  dropped: number;
}

type RulesOutcome =
  { readonly ok: true; readonly checks: RuleChecks; readonly truncated: boolean } | { readonly ok: false; readonly reason: string };

/** The AWS error as a note quotes it: its code, then the first line of its text, bounded. */
function reasonOf(error: unknown): string {
  const code = errorCode(error);
  const text = messageOf(error).split('\n')[0] ?? '';
  const reason = text === '' || text === code ? code : `${code}: ${text}`;
  return reason.length > MAX_REASON_LENGTH ? `${reason.slice(0, MAX_REASON_LENGTH)}…` : reason;
}

export class RuleDiagnostics {
  private readonly puts = new WeakMap<object, ScopePuts>();
  private rules: Promise<RulesOutcome> | undefined;
  private readonly budgetMs: number;

  constructor(private readonly inputs: RuleDiagnosticsInputs) {
    this.budgetMs = inputs.budgetMs ?? DEFAULT_RULES_BUDGET_MS;
  }

  /** Records what `scope` put: the entries on the capture's bus that EventBridge accepted (an id each). */
  record(scope: object, entries: readonly PutEventsRequestEntry[], ids: readonly string[]): void {
    const own = this.puts.get(scope) ?? { kept: [], dropped: 0 };
    const receivedAt = this.inputs.now();
    entries.forEach((entry, index) => {
      const id = ids[index];
      if (!id || busNameOf(entry.EventBusName ?? this.inputs.busName) !== this.inputs.busName) return;
      if (own.kept.length < MAX_RECORDED_PUTS) own.kept.push({ entry, id, receivedAt });
      else own.dropped += 1;
    });
    this.puts.set(scope, own);
  }

  /**
   * The lines for a failing matcher in `scope`: none when it put nothing on the bus. Reads the
   * rules on the first call only; never rejects.
   */
  async notes(scope: object, place: BusPlace): Promise<string[]> {
    const own = this.puts.get(scope);
    if (own === undefined || own.kept.length === 0) return [];
    const outcome = await this.readOnce();
    if (!outcome.ok) return [rulesUnreadableNote(this.inputs.busName, this.inputs.origin, outcome.reason)];
    const events = own.kept.map(({ entry, id, receivedAt }) =>
      envelopeOfPut(entry, { id, region: place.region, receivedAt, ...(place.account !== undefined ? { account: place.account } : {}) }),
    );
    const lines = ruleNotes({
      busName: this.inputs.busName,
      origin: this.inputs.origin,
      events,
      checks: outcome.checks,
      ...(outcome.truncated ? { truncatedAfter: MAX_LISTED_RULES } : {}),
    });
    return own.dropped > 0 ? [...lines, `  (${own.dropped} later events this test put are not kept for this list)`] : lines;
  }

  private readOnce(): Promise<RulesOutcome> {
    this.rules ??= this.read();
    return this.rules;
  }

  private async read(): Promise<RulesOutcome> {
    const abort = new AbortController();
    try {
      const read = await raceTimer(this.inputs.readRules(abort.signal), this.budgetMs, { unref: true });
      if (read === TIMED_OUT) {
        abort.abort();
        return { ok: false, reason: `no answer within ${this.budgetMs < 1000 ? `${this.budgetMs} ms` : `${this.budgetMs / 1000} s`}` };
      }
      return { ok: true, checks: compileRuleChecks(read.rules), truncated: read.truncated === true };
    } catch (error) {
      return { ok: false, reason: reasonOf(error) };
    }
  }
}

export interface RuleDiagnosticsSetup {
  readonly options: ResolvedOptions;
  /** The session's client: ListRules goes where the capture's calls go. */
  readonly eventBridge: EventBridgeClient;
  /** This file's capture rule, left out even before its description is read. */
  readonly captureRuleName: string;
  /** With local flows, the rules they route (the session's one source): weighed instead of the bus's. */
  readonly localRules?: LocalRules;
}

/**
 * A session's diagnostics: with local flows, over the template's rules on the capture's bus (on
 * the emulator they are not on the bus; local flows route them), by logical id; otherwise over
 * the bus's rules by ListRules, less captures (by ARN for a bus given by ARN: another account's).
 */
export function ruleDiagnosticsFor(setup: RuleDiagnosticsSetup): RuleDiagnostics {
  const { options, localRules } = setup;
  const busName = busNameOf(options.eventBusName);
  const now = (): number => Date.now();
  if (localRules !== undefined && options.local !== undefined) {
    return new RuleDiagnostics({
      busName,
      now,
      origin: { kind: 'template', file: templateDisplayName(options.local.template) },
      readRules: async (abortSignal) => {
        const answer = await localRules.read(abortSignal);
        return {
          rules: answer.rules
            .filter((rule) => busNameOf(rule.eventBusName) === busName)
            .map((rule) => ({
              name: templateRuleLabel(rule),
              state: rule.state,
              ...(rule.eventPattern ? { eventPattern: rule.eventPattern } : {}),
            })),
        };
      },
    });
  }
  const arn = options.eventBusArn;
  const bus = arn ? `arn:${arn.partition}:events:${arn.region}:${arn.account}:event-bus/${arn.name}` : options.eventBusName;
  return new RuleDiagnostics({
    busName,
    now,
    origin: { kind: 'bus' },
    readRules: (abortSignal) => readBusRules(setup.eventBridge, bus, { excludeNames: [setup.captureRuleName], abortSignal }),
  });
}

/**
 * The account and region EventBridge stamps on this bus's events: the capture rule's ARN has both
 * once the capture exists; before, the bus ARN's, the region option's or AWS_REGION.
 */
export function busPlaceOf(
  captureRuleArn: string | undefined,
  options: Pick<ResolvedOptions, 'eventBusArn' | 'region'>,
  env: NodeJS.ProcessEnv = process.env,
): BusPlace {
  const match = captureRuleArn === undefined ? null : /^arn:[^:]+:events:([^:]*):(\d*):/.exec(captureRuleArn);
  const region = match?.[1] || options.eventBusArn?.region || options.region || env['AWS_REGION'] || 'us-east-1';
  const account = match?.[2] || options.eventBusArn?.account;
  return { region, ...(account ? { account } : {}) };
}

/**
 * How a template's rule is named in the notes: its explicit `Name` when it has one (what a spec
 * mirrors it by, and the name it has when deployed), else its logical id (a generated name,
 * `<stack>-<LogicalId>-<suffix>`, differs between local and deployed runs and says no more).
 */
export function templateRuleLabel(rule: { readonly logicalId: string; readonly name: string }): string {
  return hasGeneratedName(rule) ? rule.logicalId : rule.name;
}
