/**
 * A test file's copy of the run's invocation log (local/invocationLog.ts): it long-polls the
 * log served by the global setup's process and keeps every record, so that `invocations` reads
 * are synchronous. Runs outside the test's realm with the library's own timers, so a spec's fake
 * timers cannot stall it.
 */
import type { InvocationPage } from '../local/invocationLog';
import type { InvocationRecord } from '../local/stackModel';
import { messageOf } from '../foundation/realm';
import { raceTimer } from '../foundation/timers';

/** Set by the global setup to the URL of the run's invocation log, when local flows run. */
export const LOCAL_FLOWS_LOG_ENV = 'JEST_EVENTBRIDGE_LOCAL_FLOWS_LOG';

const WAIT_MS = 20_000;
/** After a failed request, wait before the next one rather than spin on a log that went away. */
const RETRY_AFTER_MS = 500;

export class InvocationFollower {
  private readonly kept: InvocationRecord[] = [];
  private readonly abort = new AbortController();
  private readonly aborted = new Promise<void>((resolve) => this.abort.signal.addEventListener('abort', () => resolve(), { once: true }));
  private following: Promise<void> | undefined;
  private next = 0;
  private lastError: string | undefined;

  constructor(private readonly url: string) {}

  /** Every record received so far, oldest first. */
  get records(): readonly InvocationRecord[] {
    return this.kept;
  }

  /** Set while reading the log fails: the latest error, for messages. */
  get error(): string | undefined {
    return this.lastError;
  }

  start(): void {
    this.following ??= this.follow();
  }

  /**
   * Reads whatever the log holds now (without waiting for more), so that a failure message
   * written right after an invocation ended lists it.
   */
  async catchUp(): Promise<void> {
    await this.fetchPage(0).catch(() => undefined);
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.following;
  }

  private async follow(): Promise<void> {
    while (!this.abort.signal.aborted) {
      try {
        await this.fetchPage(WAIT_MS);
        this.lastError = undefined;
      } catch (error) {
        if (this.abort.signal.aborted) return;
        this.lastError = `cannot read the local invocation log at ${this.url}: ${messageOf(error)}`;
        await raceTimer(this.aborted, RETRY_AFTER_MS, { unref: true });
      }
    }
  }

  private async fetchPage(waitMs: number): Promise<void> {
    const response = await fetch(`${this.url}?after=${this.next}&wait=${waitMs}`, { signal: this.abort.signal });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const page = (await response.json()) as InvocationPage;
    // Two reads may overlap (catchUp during a long poll): keep each record once.
    if (page.next <= this.next) return;
    const fresh = page.records.slice(Math.max(0, page.records.length - (page.next - this.next)));
    this.kept.push(...fresh);
    this.next = page.next;
  }
}
