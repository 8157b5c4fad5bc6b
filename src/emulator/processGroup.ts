/**
 * A child process in a process group of its own, so that it can be stopped together with
 * anything it forks, and never outlives us through a wrapper (a pyenv shim, say) killed alone.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { Socket } from 'node:net';
import { raceTimer, TIMED_OUT } from '../foundation/timers';

/** How long the child gets to exit on SIGTERM, and then on SIGKILL, before stop gives up waiting. */
const STOP_GRACE_MS = 5_000;
const OUTPUT_TAIL_LINES = 20;
/** How long to wait for the output of a process that exited (a forked child may hold the pipes). */
const OUTPUT_DRAIN_MS = 1_000;

export type Exit = { readonly error: NodeJS.ErrnoException } | { readonly code: number | null; readonly signal: NodeJS.Signals | null };

export interface GroupProcess {
  readonly pid: number | undefined;
  /** Settles when the process has exited or could not be started. */
  readonly exited: Promise<Exit>;
  /** The last lines it printed (stdout and stderr), for error messages; waits briefly for late output. */
  tail(): Promise<string[]>;
  /** Lets Node exit while the process still runs; the orphan guard still kills it on exit. */
  detachFromEventLoop(): void;
  /** SIGTERM to the group, SIGKILL if it lingers; safe to call more than once. */
  stop(): Promise<void>;
}

export function spawnGroup(command: string, args: readonly string[], env: NodeJS.ProcessEnv, onLine: (line: string) => void): GroupProcess {
  const child = spawn(command, [...args], { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env });
  const exited = new Promise<Exit>((resolve) => {
    child.once('error', (error: NodeJS.ErrnoException) => resolve({ error }));
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  // A later 'error' (a failed kill, say) must not become an uncaught exception.
  child.on('error', () => undefined);
  const output = collectOutput(child, onLine);
  // Guard from the first moment: a Ctrl-C while we wait for readiness must not orphan it.
  const releaseGuard = guardAgainstOrphans(child);
  let stopping: Promise<void> | undefined;
  return {
    pid: child.pid,
    exited,
    async tail() {
      await settlesWithin(output.closed, OUTPUT_DRAIN_MS);
      return output.lines();
    },
    detachFromEventLoop() {
      child.unref();
      for (const stream of [child.stdout, child.stderr]) if (stream instanceof Socket) stream.unref();
    },
    stop() {
      stopping ??= terminateGroup(child, exited).finally(releaseGuard);
      return stopping;
    },
  };
}

/** Keeps the last lines printed, and drains the pipes so that the child never blocks on them. */
function collectOutput(child: ChildProcess, onLine: (line: string) => void): { lines(): string[]; closed: Promise<void> } {
  const lines: string[] = [];
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  for (const stream of [child.stdout, child.stderr]) {
    if (stream === null) continue;
    stream.setEncoding('utf8');
    let partial = '';
    stream.on('data', (chunk: string) => {
      const parts = (partial + chunk).split(/\r?\n/);
      partial = parts.pop() ?? '';
      for (const line of parts) {
        lines.push(line);
        if (lines.length > OUTPUT_TAIL_LINES) lines.shift();
        onLine(line);
      }
    });
  }
  return { lines: () => [...lines], closed };
}

/**
 * Kills the group when this process ends without stop(): on 'exit', and on the signals that
 * would otherwise end us without running 'exit' handlers. The child sits in a group of its own,
 * so a Ctrl-C in the terminal does not reach it by itself. Returns the undo.
 */
function guardAgainstOrphans(child: ChildProcess): () => void {
  const pid = child.pid;
  if (pid === undefined) return () => undefined;
  const kill = (): void => signalGroup(pid, 'SIGKILL');
  // Re-raise once no one else listens, so that the signal still does what it would have done.
  const onSignal = (signal: NodeJS.Signals): void => {
    kill();
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  process.on('exit', kill);
  for (const signal of signals) process.once(signal, onSignal);
  return () => {
    process.removeListener('exit', kill);
    for (const signal of signals) process.removeListener(signal, onSignal);
  };
}

async function terminateGroup(child: ChildProcess, exited: Promise<Exit>): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) return;
  if (child.exitCode === null && child.signalCode === null) {
    signalGroup(pid, 'SIGTERM');
    if (!(await settlesWithin(exited, STOP_GRACE_MS))) {
      signalGroup(pid, 'SIGKILL');
      await settlesWithin(exited, STOP_GRACE_MS);
    }
  }
  // The group id stays reserved while any member lives, so this cannot hit an unrelated process.
  signalGroup(pid, 'SIGKILL');
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch (error) {
    // ESRCH: the group is already gone, which is what we want.
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/** Whether `promise` settled within `ms`. */
export async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  return (await raceTimer(promise, ms)) !== TIMED_OUT;
}
