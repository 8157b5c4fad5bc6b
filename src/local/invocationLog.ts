/**
 * What the run's local flows did, served to the test workers over loopback HTTP. Local flows run
 * once per test run, in the process of the runner's global setup (each worker running the
 * handlers would invoke them once per worker); the workers follow this log to show a test the
 * invocations its events caused (`eventBridge.invocations`, failure messages) and to wait until
 * they have ended (`eventBridge.waitForInvocations()`).
 *
 * The log is one ordered stream of entries: an event routed (with the functions it went to), an
 * attempt that ended (its record), an invocation settled (all its attempts done). A follower
 * replays them in order, so it always knows which invocations are still running.
 *
 * `GET /invocations?after=<seq>&wait=<ms>` answers `{ "next", "buses", "entries" }` with the
 * entries after `seq`, waiting up to `wait` ms (at most 30 s) for one when there are none: a
 * long poll, so a worker hears of an entry at once, without polling on a timer.
 *
 * `GET /rules` answers `{ "file", "rules" }` (a `LocalRulesAnswer`): the rules local flows route,
 * resolved as they run them (the emulator's account, the run's stack name, the physical names of
 * what was provisioned), so that a worker's `mirrorRule` and failure messages weigh exactly those.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cancelTimer, scheduleTimer, type TimerHandle } from '../foundation/timers';
import type { InvocationRecord, LocalRuleSpec } from './stackModel';

/** One thing local flows did, in the order they did it. */
export type LogEntry =
  /** The router took an event from a bus; `functions` are the logical ids of the Lambda targets it invokes (none when no rule matched). */
  | { readonly type: 'routed'; readonly eventId: string; readonly functions: readonly string[] }
  /** An attempt of an invocation ended. */
  | { readonly type: 'attempt'; readonly record: InvocationRecord }
  /** Every attempt of the invocation of `logicalId` for `eventId` is done. */
  | { readonly type: 'settled'; readonly eventId: string; readonly logicalId: string };

/** What the log answers one follower's request with. */
export interface LogPage {
  /** The sequence number to ask `after` next time. */
  readonly next: number;
  /** The buses the router listens to: only their events are routed. */
  readonly buses: readonly string[];
  readonly entries: readonly LogEntry[];
}

/** The rules local flows route, as `GET /rules` answers them. */
export interface LocalRulesAnswer {
  /** The template, as messages name it. */
  readonly file: string;
  /** Every rule, in template order, resolved as local flows route by it. */
  readonly rules: readonly LocalRuleSpec[];
}

/** The longest a request may wait for an entry, in ms. */
export const MAX_WAIT_MS = 30_000;

interface Waiter {
  readonly after: number;
  readonly respond: (page: LogPage) => void;
  readonly timer: TimerHandle;
}

export class InvocationLog {
  private readonly entries: LogEntry[] = [];
  private readonly waiters = new Set<Waiter>();
  private server: Server | undefined;
  /** Entries forgotten from the front once `capacity` is passed: sequence numbers stay absolute. */
  private dropped = 0;
  private buses: readonly string[] = [];
  private rules: LocalRulesAnswer | undefined;

  /** @param capacity most entries kept (the oldest are forgotten past it) */
  constructor(private readonly capacity = 300_000) {}

  /** How many followers' requests are waiting for an entry now. */
  get waiting(): number {
    return this.waiters.size;
  }

  /** The buses whose events are routed, for followers to know which events to wait for. */
  listenTo(buses: readonly string[]): void {
    this.buses = [...buses];
  }

  /** The rules `GET /rules` answers with (until set, it answers 404). */
  serveRules(answer: LocalRulesAnswer): void {
    this.rules = answer;
  }

  append(entry: LogEntry): void {
    this.entries.push(entry);
    if (this.entries.length > this.capacity) {
      this.entries.shift();
      this.dropped += 1;
    }
    for (const waiter of [...this.waiters]) this.answer(waiter);
  }

  /** The entries after sequence number `after` (0: from the start). */
  page(after: number): LogPage {
    const from = Math.max(0, after - this.dropped);
    return { next: this.end(), buses: this.buses, entries: this.entries.slice(from) };
  }

  /** Starts serving on a free loopback port; resolves with the log's URL. */
  async serve(): Promise<string> {
    const server = createServer((request, response) => this.handle(request, response));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    // The run must be able to end while a follower is connected.
    server.unref();
    const { port } = server.address() as AddressInfo;
    return `http://127.0.0.1:${port}/invocations`;
  }

  /** Answers every waiting follower and stops serving. */
  async close(): Promise<void> {
    for (const waiter of [...this.waiters]) this.answer(waiter);
    const server = this.server;
    this.server = undefined;
    if (server === undefined) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private end(): number {
    return this.dropped + this.entries.length;
  }

  private answer(waiter: Waiter): void {
    this.waiters.delete(waiter);
    cancelTimer(waiter.timer);
    waiter.respond(this.page(waiter.after));
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (request.method === 'GET' && url.pathname === '/rules' && this.rules !== undefined) {
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(this.rules));
      return;
    }
    if (request.method !== 'GET' || url.pathname !== '/invocations') {
      response
        .writeHead(404, { 'content-type': 'text/plain' })
        .end('Only GET /invocations?after=<seq>&wait=<ms> and GET /rules (once local flows run) are served here.');
      return;
    }
    const after = wholeNumber(url.searchParams.get('after')) ?? 0;
    const wait = Math.min(wholeNumber(url.searchParams.get('wait')) ?? 0, MAX_WAIT_MS);
    const respond = (page: LogPage): void => {
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(page));
    };
    if (after < this.end() || wait === 0 || this.server === undefined) {
      respond(this.page(after));
      return;
    }
    const waiter: Waiter = { after, respond, timer: scheduleTimer(() => this.answer(waiter), wait, { unref: true }) };
    this.waiters.add(waiter);
    // The response's 'close' (not the request's, which fires once a GET is read) tells of a follower that left.
    response.once('close', () => {
      if (this.waiters.delete(waiter)) cancelTimer(waiter.timer);
    });
  }
}

function wholeNumber(text: string | null): number | undefined {
  if (text === null || !/^\d{1,15}$/.test(text)) return undefined;
  return Number(text);
}
