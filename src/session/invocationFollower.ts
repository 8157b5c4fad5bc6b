/**
 * A test file's copy of the run's local-flows log (local/invocationLog.ts): it long-polls the
 * log served by the global setup's process and replays its entries, so that reading the
 * invocations is synchronous and a test can wait until those its events caused have ended.
 * Runs outside the test's realm with the library's own timers, so a spec's fake timers cannot
 * stall it.
 */
import type { LogEntry, LogPage } from '../local/invocationLog';
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
  private readonly routed = new Set<string>();
  /** Invocations started and not settled yet, by event id. */
  private readonly running = new Map<string, number>();
  private readonly listeners = new Set<() => void>();
  private readonly abort = new AbortController();
  private readonly aborted = new Promise<void>((resolve) => this.abort.signal.addEventListener('abort', () => resolve(), { once: true }));
  private following: Promise<void> | undefined;
  private next = 0;
  private listenedBuses: readonly string[] = [];
  private lastError: string | undefined;

  constructor(private readonly url: string) {}

  /** Every attempt's record received so far, in the order they ended. */
  get records(): readonly InvocationRecord[] {
    return this.kept;
  }

  /** Set while reading the log fails: the latest error, for messages. */
  get error(): string | undefined {
    return this.lastError;
  }

  /** The buses whose events local flows route. */
  get buses(): readonly string[] {
    return this.listenedBuses;
  }

  start(): void {
    this.following ??= this.follow();
  }

  /**
   * Whether every event of `eventIds` has been routed and every invocation it caused has ended
   * (retries included).
   */
  settled(eventIds: Iterable<string>): boolean {
    for (const id of eventIds) if (!this.routed.has(id) || (this.running.get(id) ?? 0) > 0) return false;
    return true;
  }

  /** Calls `listener` after each batch of entries is replayed; returns a function that stops that. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Reads whatever the log holds now, without waiting for more. */
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
    const page = (await response.json()) as LogPage;
    this.listenedBuses = page.buses;
    // Two reads may overlap (catchUp during a long poll): replay each entry once.
    if (page.next <= this.next) return;
    const fresh = page.entries.slice(Math.max(0, page.entries.length - (page.next - this.next)));
    this.next = page.next;
    for (const entry of fresh) this.replay(entry);
    for (const listener of [...this.listeners]) listener();
  }

  private replay(entry: LogEntry): void {
    switch (entry.type) {
      case 'routed':
        this.routed.add(entry.eventId);
        if (entry.functions.length > 0) this.running.set(entry.eventId, (this.running.get(entry.eventId) ?? 0) + entry.functions.length);
        return;
      case 'attempt':
        this.kept.push(entry.record);
        return;
      case 'settled': {
        const left = (this.running.get(entry.eventId) ?? 1) - 1;
        if (left > 0) this.running.set(entry.eventId, left);
        else this.running.delete(entry.eventId);
        return;
      }
    }
  }
}
