/**
 * The rules the run's local flows route, as one test file reads them: from the run's invocation
 * log server (`GET /rules`, local/invocationLog.ts), once per session. They are resolved as local
 * flows run them (the emulator's account, the run's stack name, physical names), so `mirrorRule`
 * and the failure messages' "which rule would route it" weigh exactly the rules that route the
 * test's events, not a second reading of the template with other defaults.
 */
import type { LocalRulesAnswer } from '../local/invocationLog';

export type { LocalRulesAnswer } from '../local/invocationLog';

/** The `/rules` address of the log server that serves `invocationLogUrl`. */
export function localRulesUrl(invocationLogUrl: string): string {
  return new URL('/rules', invocationLogUrl).href;
}

/** One session's memoised read of the run's local rules. */
export class LocalRules {
  private answer: Promise<LocalRulesAnswer> | undefined;

  /** @param invocationLogUrl the URL of the run's invocation log (runLocalFlows.ts) */
  constructor(private readonly invocationLogUrl: string) {}

  /**
   * The rules, read on the first call (a failed read is tried again on the next call).
   * @throws Error naming the address and the HTTP status or network error
   */
  read(signal?: AbortSignal): Promise<LocalRulesAnswer> {
    this.answer ??= this.fetch(signal).catch((error: unknown) => {
      this.answer = undefined;
      throw error;
    });
    return this.answer;
  }

  private async fetch(signal: AbortSignal | undefined): Promise<LocalRulesAnswer> {
    const url = localRulesUrl(this.invocationLogUrl);
    let response: Response;
    try {
      response = await fetch(url, signal ? { signal } : {});
    } catch (error) {
      throw new Error(`cannot read the local flows' rules at ${url}: ${error instanceof Error ? error.message : String(error)}`, {
        cause: error,
      });
    }
    if (!response.ok) throw new Error(`cannot read the local flows' rules at ${url}: HTTP ${response.status}`);
    return (await response.json()) as LocalRulesAnswer;
  }
}
