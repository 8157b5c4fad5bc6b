/**
 * Removes the captures of this process when it gets SIGINT or SIGTERM, then lets the signal do
 * what it would have done.
 *
 * Jest installs no handler for either signal (jest-cli, @jest/core and jest-worker have none
 * outside watch mode), so a Ctrl-C or a CI cancellation ends the Jest process, and the worker
 * processes in its process group, at once: no environment teardown runs and every capture in
 * progress stays behind. With this registry, the environment of each running file is stopped
 * first, within a bound, and the signal is then raised again, so the exit status is still the
 * signal's (130 for SIGINT). A second signal skips the clean-up.
 *
 * A signal sent to the Jest process alone (`kill <pid>`, some CI runners) kills it but not its
 * workers: they lose their parent (the IPC channel closes) and would run the current file to its
 * end for nobody, possibly on a machine about to be reclaimed. A worker whose channel closes
 * therefore cleans up the same way and ends itself with SIGTERM.
 *
 * SIGKILL, an out-of-memory kill or a lost machine cannot be caught: `jest-eventbridge sweep`
 * removes what they leave.
 */

import { warn } from '../foundation/log';
import { cancelTimer, scheduleTimer } from '../foundation/timers';
import { messageOf } from '../foundation/realm';

export interface Stoppable {
  stop(): Promise<unknown>;
  /**
   * The captures stopping it removes, by name, so that a warning counts each capture once (a
   * file sharing its worker's capture removes none itself; the worker's capture and the run's
   * records may name the same one). @default one capture, unnamed
   */
  captureNames?(): readonly string[];
}

type HostEvent = NodeJS.Signals | 'disconnect';

/** The part of `process` this needs; injectable so that unit tests send no real signals. */
export interface SignalHost {
  readonly pid: number;
  /** A function only in a process with an IPC channel to its parent (a Jest worker). */
  readonly send?: unknown;
  on(event: HostEvent, listener: (signal: NodeJS.Signals) => void): unknown;
  removeListener(event: HostEvent, listener: (signal: NodeJS.Signals) => void): unknown;
  listenerCount(event: HostEvent): number;
  kill(pid: number, signal: NodeJS.Signals): unknown;
}

export interface SignalCleanupOptions {
  /** How long clean-up may take before the signal is raised anyway. @default 10000 */
  readonly boundMs?: number;
  readonly warn?: (message: string) => void;
}

export const SIGNAL_CLEANUP_BOUND_MS = 10_000;
export const HANDLED_SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];

export class SignalCleanup {
  /** Registered targets, each with its stop once one has begun (teardown and signal share it). */
  private readonly tracked = new Map<Stoppable, Promise<unknown> | undefined>();
  private listening = false;
  /** Why a clean-up is under way, if one is: a signal, or the loss of the Jest parent. */
  private cleaning: 'signal' | 'disconnect' | false = false;
  private raiseWhenDone: NodeJS.Signals = 'SIGTERM';
  private boundTimer: NodeJS.Timeout | undefined;
  private readonly boundMs: number;
  private readonly warn: (message: string) => void;

  constructor(
    private readonly host: SignalHost = process,
    options: SignalCleanupOptions = {},
  ) {
    this.boundMs = options.boundMs ?? SIGNAL_CLEANUP_BOUND_MS;
    this.warn = options.warn ?? warn;
  }

  /** From now until `stop(target)`, a signal stops `target` before the process ends. */
  register(target: Stoppable): void {
    if (!this.tracked.has(target)) this.tracked.set(target, undefined);
    this.listen();
  }

  /**
   * Forgets `target` without stopping it (a worker's capture between two files: the run's
   * teardown removes it). A stop a signal already began goes on.
   */
  forget(target: Stoppable): void {
    if (this.tracked.get(target) !== undefined) return;
    this.tracked.delete(target);
    if (this.tracked.size === 0 && !this.cleaning) this.unlisten();
  }

  /** Stops `target` (joining a stop a signal already began) and forgets it. */
  async stop(target: Stoppable): Promise<void> {
    try {
      await this.stopOnce(target);
    } finally {
      this.tracked.delete(target);
      if (this.tracked.size === 0 && !this.cleaning) this.unlisten();
    }
  }

  private stopOnce(target: Stoppable): Promise<unknown> {
    let stopping = this.tracked.get(target);
    if (stopping === undefined) {
      stopping = Promise.resolve().then(() => target.stop());
      this.tracked.set(target, stopping);
    }
    return stopping;
  }

  private listen(): void {
    if (this.listening) return;
    this.listening = true;
    for (const signal of HANDLED_SIGNALS) this.host.on(signal, this.onSignal);
    if (typeof this.host.send === 'function') this.host.on('disconnect', this.onDisconnect);
  }

  private unlisten(): void {
    if (!this.listening) return;
    this.listening = false;
    for (const signal of HANDLED_SIGNALS) this.host.removeListener(signal, this.onSignal);
    this.host.removeListener('disconnect', this.onDisconnect);
  }

  private readonly onSignal = (signal: NodeJS.Signals): void => {
    if (this.cleaning === 'signal') {
      // Asked twice: the user would rather lose the captures than wait.
      this.raise(signal);
    } else if (this.cleaning === 'disconnect') {
      // The same Ctrl-C that killed the Jest parent, arriving after its news: not a second ask.
      this.cleaning = 'signal';
      this.raiseWhenDone = signal;
    } else {
      this.cleanUpThenRaise('signal', signal, signal);
    }
  };

  private readonly onDisconnect = (): void => {
    if (!this.cleaning) this.cleanUpThenRaise('disconnect', 'SIGTERM', 'the Jest process that ran this worker is gone');
  };

  private cleanUpThenRaise(cause: 'signal' | 'disconnect', signal: NodeJS.Signals, why: string): void {
    this.cleaning = cause;
    this.raiseWhenDone = signal;
    const targets = [...this.tracked.keys()];
    const named = new Set(targets.flatMap((target) => target.captureNames?.() ?? []));
    const captures = named.size + targets.filter((target) => target.captureNames === undefined).length;
    const bound = this.boundMs % 1000 === 0 ? `${this.boundMs / 1000} s` : `${this.boundMs} ms`;
    // Nothing to remove (a run whose files use their own captures, between files): stay quiet.
    if (captures > 0)
      this.warn(
        `${why}: removing ${captures} capture${captures === 1 ? '' : 's'} before exiting (at most ${bound}; send ${signal} again to skip, then run "npx jest-eventbridge sweep").`,
      );
    const stops = Promise.allSettled(targets.map((target) => this.stopOnce(target))).then((outcomes) => {
      for (const outcome of outcomes) {
        if (outcome.status === 'rejected') this.warn(messageOf(outcome.reason));
      }
    });
    const outlasted = new Promise<void>((resolve) => {
      this.boundTimer = scheduleTimer(() => {
        this.warn(`clean-up did not finish within ${bound}; run "npx jest-eventbridge sweep" to remove what is left.`);
        resolve();
      }, this.boundMs);
    });
    void Promise.race([stops, outlasted]).then(() => {
      if (this.cleaning) this.raise(this.raiseWhenDone);
    });
  }

  /**
   * Sends the signal again with our handlers gone, so that it does what it would have done. Also
   * when others listen: some (signal-exit, which Jest loads) act only once they are the last
   * listener, so staying quiet would swallow the signal.
   */
  private raise(signal: NodeJS.Signals): void {
    cancelTimer(this.boundTimer);
    this.unlisten();
    this.cleaning = false;
    this.host.kill(this.host.pid, signal);
  }
}

/** The process-wide registry the environment uses. */
export const signalCleanup = new SignalCleanup();

/** Call when a file's capture is about to be created: a signal from now on removes it. */
export function registerSignalCleanup(target: Stoppable): void {
  signalCleanup.register(target);
}

/** Call when `target` stays but no longer needs removing on a signal here (someone else removes it later). */
export function unregisterSignalCleanup(target: Stoppable): void {
  signalCleanup.forget(target);
}

/** Call instead of `target.stop()` in teardown: joins a clean-up a signal began, and unregisters. */
export function stopAndUnregister(target: Stoppable): Promise<void> {
  return signalCleanup.stop(target);
}
