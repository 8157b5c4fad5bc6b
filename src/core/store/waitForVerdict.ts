import type { Clock } from './clock';
import type { CapturedEvent, EventStore } from './eventStore';

/** What a check says about the events seen so far. */
export type Progress = 'pass' | 'fail' | 'pending';

export interface Verdict {
  /** Whether the check held when waiting ended. */
  readonly pass: boolean;
  /** The events the scope saw, in arrival order, when waiting ended. */
  readonly events: readonly CapturedEvent[];
  /** How long it waited, in ms. */
  readonly waitedMs: number;
  /** True when the whole window ran out, false when the check settled early. */
  readonly timedOut: boolean;
}

export interface WaitOptions {
  readonly store: EventStore;
  readonly clock: Clock;
  readonly timeoutMs: number;
  /** Which events the check looks at: a test's view (capture/testScopes). @default the store's window */
  readonly view?: { isVisible(captured: CapturedEvent): boolean };
  /**
   * Looks at every visible event so far and says whether it can decide yet. Called at once and
   * again each time events arrive, never on a timer: there is no polling interval to wait out.
   */
  readonly progress: (events: readonly CapturedEvent[]) => Progress;
  /** Decides at the deadline, when `progress` stayed pending. */
  readonly atDeadline: (events: readonly CapturedEvent[]) => boolean;
}

/**
 * Waits until a check can decide, or until the window closes. Settles exactly once and always
 * removes its store subscription and timer, so nothing outlives the matcher that asked.
 */
export function waitForVerdict(options: WaitOptions): Promise<Verdict> {
  const { store, clock, timeoutMs } = options;
  const started = clock.now();
  return new Promise<Verdict>((resolve, reject) => {
    let settled = false;
    // Assigned after the close subscription, which can fire (and release) before it exists.
    // eslint-disable-next-line prefer-const
    let timer: unknown;
    const subscriptions: (() => void)[] = [];

    const release = (): boolean => {
      if (settled) return false;
      settled = true;
      for (const unsubscribe of subscriptions) unsubscribe();
      if (timer !== undefined) clock.clearTimeout(timer);
      return true;
    };
    const decide = (decision: (events: readonly CapturedEvent[]) => Progress, timedOut: boolean): void => {
      if (settled) return;
      let progress: Progress;
      let events: readonly CapturedEvent[];
      try {
        events = store.visible(options.view);
        progress = decision(events);
      } catch (error) {
        // A predicate's own error, possibly from the test sandbox's realm: passed on as it is.
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
        if (release()) reject(error);
        return;
      }
      if (progress !== 'pending' && release()) {
        resolve({ pass: progress === 'pass', events, waitedMs: Math.round(clock.now() - started), timedOut });
      }
    };

    subscriptions.push(store.subscribe(() => decide(options.progress, false)));
    subscriptions.push(
      store.onClose(() => {
        if (release())
          reject(new Error('jest-eventbridge: the capture was torn down while a matcher was still waiting (did the test time out?).'));
      }),
    );
    if (settled) return;
    timer = clock.setTimeout(() => decide((events) => (options.atDeadline(events) ? 'pass' : 'fail'), true), timeoutMs);
    decide(options.progress, false);
  });
}
