/**
 * The embedded emulator: moto's server (EventBridge, SQS, STS, DynamoDB, S3, SNS, CloudFormation
 * on one endpoint) in a Python process, with the runtime fixes of `python/serve_moto.py` applied
 * before it accepts a request. Used by `emulator: true`, by `npx jest-eventbridge emulator`, and
 * by this repository's own tests, demo and bench.
 */
import { request } from 'node:http';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { EmulatorError, motoMissingMessage, motoUnsupportedMessage, pythonMissingMessage, type PythonSource } from './emulatorErrors';
import { assertPortFree, findFreePort } from './loopbackPort';
import { spawnGroup, type Exit } from './processGroup';
import { raceTimer } from '../foundation/timers';
import { warn as warnOnStderr } from '../foundation/log';

export interface EmulatorOptions {
  /** TCP port to listen on. @default a free port the system picks */
  readonly port?: number;
  /** Address to bind. @default '127.0.0.1' (loopback only: nothing outside this machine can reach it) */
  readonly host?: string;
  /** The Python that has moto. @default $JEST_EVENTBRIDGE_PYTHON, else `python3`, else `python` */
  readonly python?: string;
  /** Apply the runtime fixes; false runs moto as it ships (for comparisons). @default true */
  readonly fixes?: boolean;
  /** How long to wait for the server to answer, in ms. @default 30000 */
  readonly readyTimeout?: number;
  /** Receives every line the server prints (its request log included). @default ignored */
  readonly log?: (line: string) => void;
  /** Receives the warning line printed when a fix cannot be applied to this moto version. @default stderr */
  readonly warn?: (line: string) => void;
}

export interface RunningEmulator {
  /** Base URL for every AWS client, e.g. `http://127.0.0.1:49152`. */
  readonly endpoint: string;
  /** Process id of the Python server (the leader of its process group). */
  readonly pid: number;
  /** moto's version, as the server reported it. */
  readonly motoVersion: string;
  /** The runtime fixes in force, by name. */
  readonly fixes: readonly string[];
  /** Settles when the server's process has exited: after stop(), or on its own (a crash). */
  readonly exited: Promise<void>;
  /** Stops the server and every process it started; resolves once they are gone; idempotent. */
  stop(): Promise<void>;
}

/** Selects the Python that runs moto. */
export const PYTHON_ENV = 'JEST_EVENTBRIDGE_PYTHON';
export const DEFAULT_HOST = '127.0.0.1';
const DEFAULT_READY_TIMEOUT_MS = 30_000;
const READY_POLL_INTERVAL_MS = 100;
const READY_PROBE_TIMEOUT_MS = 1_000;
/** A port picked by binding port 0 can be taken by someone else before the server binds it. */
const PORT_ATTEMPTS = 3;
const SERVE_MOTO_PATH = join('python', 'serve_moto.py');
/** Exit codes of serve_moto.py, and of a shell (or pyenv shim) that cannot find the command. */
const EXIT_MOTO_MISSING = 3;
const EXIT_MOTO_UNSUPPORTED = 4;
const EXIT_COMMAND_NOT_FOUND = 127;
const WITHOUT_FIXES = '--without-fixes';
const SERVER_LINE = /^jest-eventbridge emulator: moto (\S+), fixes applied: (.*)\.$/;
const WARNING_LINE = /^jest-eventbridge emulator: warning: /;

/**
 * Starts the emulator and resolves once it answers HTTP.
 * @throws EmulatorError when Python or moto is missing or unsupported (the message names the
 *   install command), when a chosen port is taken, or when the server does not come up in time.
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? DEFAULT_HOST;
  if (options.port !== undefined && !(Number.isInteger(options.port) && options.port > 0 && options.port < 65_536)) {
    throw new EmulatorError(`Cannot start the emulator: port ${String(options.port)} is not a TCP port (a whole number from 1 to 65535).`);
  }
  const { pythons, source } = pythonCandidates(options.python);
  let motoMissing: string | undefined;
  for (const python of pythons) {
    for (let attempt = 1; attempt <= PORT_ATTEMPTS; attempt += 1) {
      const port = options.port === undefined ? await findFreePort(host) : await assertPortFree(options.port, host);
      const outcome = await launch(python, host, port, options);
      if (outcome.kind === 'ready') return outcome.emulator;
      if (outcome.kind === 'no-python') break;
      if (outcome.kind === 'no-moto') {
        motoMissing ??= motoMissingMessage(python, outcome.detail);
        break;
      }
      // Only a port we picked ourselves is worth another try; a port the caller chose is theirs.
      if (options.port !== undefined || attempt === PORT_ATTEMPTS) throw outcome.error;
    }
  }
  throw new EmulatorError(motoMissing ?? pythonMissingMessage(pythons, source));
}

/**
 * The bootstrap script ships in the package's python/ folder; this module runs from dist/emulator
 * (installed), src/emulator (the repository's tests) or a copy compiled elsewhere (the bench),
 * so the nearest folder above that holds it is the package root.
 */
function serveMotoScript(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const candidate = join(dir, SERVE_MOTO_PATH);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir)
      throw new EmulatorError(
        `The emulator's bootstrap script (${SERVE_MOTO_PATH}) is missing from the jest-eventbridge package above ${__dirname}: reinstall the package.`,
      );
  }
}

function pythonCandidates(chosen: string | undefined): { pythons: string[]; source: PythonSource } {
  const fromEnv = process.env[PYTHON_ENV]?.trim();
  if (chosen !== undefined) return { pythons: [chosen], source: 'option' };
  if (fromEnv) return { pythons: [fromEnv], source: 'env' };
  return { pythons: ['python3', 'python'], source: 'default' };
}

type LaunchOutcome =
  | { readonly kind: 'ready'; readonly emulator: RunningEmulator }
  | { readonly kind: 'no-python' }
  | { readonly kind: 'no-moto'; readonly detail: string }
  | { readonly kind: 'port-taken'; readonly error: EmulatorError };

async function launch(python: string, host: string, port: number, options: EmulatorOptions): Promise<LaunchOutcome> {
  const endpoint = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  // The bootstrap's lines already start with `jest-eventbridge emulator:`, so they are written as they are.
  const warn = options.warn ?? warnOnStderr;
  let motoVersion = 'unknown';
  let fixes: string[] = [];
  // Our bootstrap prints this line just before the server starts: an HTTP answer before it came
  // from something else on the port (taken between the free-port pick and moto's bind).
  let bootstrapped = false;
  const child = spawnGroup(
    python,
    [serveMotoScript(), ...(options.fixes === false ? [WITHOUT_FIXES] : []), '-H', host, '-p', String(port)],
    { ...process.env, PYTHONUNBUFFERED: '1' },
    (line) => {
      options.log?.(line);
      const server = SERVER_LINE.exec(line);
      if (server) {
        bootstrapped = true;
        motoVersion = server[1] ?? motoVersion;
        fixes = server[2] === 'none' || server[2] === undefined ? [] : server[2].split(', ');
      }
      if (WARNING_LINE.test(line)) warn(line);
    },
  );

  let handedOut = false;
  try {
    const deadline = Date.now() + (options.readyTimeout ?? DEFAULT_READY_TIMEOUT_MS);
    for (;;) {
      const state = await Promise.race([child.exited.then((exit) => ({ exit })), answersHttp(endpoint).then((answered) => ({ answered }))]);
      if ('exit' in state) return classifyEarlyExit(python, port, state.exit, await child.tail());
      if (state.answered && bootstrapped && child.pid !== undefined) {
        handedOut = true;
        // The server alone must not keep Node alive: if stop() is forgotten, the guard cleans up.
        child.detachFromEventLoop();
        const exited = child.exited.then(() => undefined);
        return { kind: 'ready', emulator: { endpoint, pid: child.pid, motoVersion, fixes, exited, stop: () => child.stop() } };
      }
      if (Date.now() >= deadline) {
        throw new EmulatorError(
          `The emulator (${python} with moto) did not answer on ${endpoint} within ${(options.readyTimeout ?? DEFAULT_READY_TIMEOUT_MS) / 1000} s.` +
            formatTail(await child.tail()),
        );
      }
      await raceTimer(child.exited, READY_POLL_INTERVAL_MS);
    }
  } finally {
    // Whatever went wrong, a process we do not hand out is one nobody else can stop.
    if (!handedOut) await child.stop();
  }
}

function classifyEarlyExit(python: string, port: number, exit: Exit, tail: string[]): LaunchOutcome {
  if ('error' in exit) {
    if (exit.error.code === 'ENOENT') return { kind: 'no-python' };
    throw new EmulatorError(`Could not run ${python}: ${exit.error.message}`);
  }
  const text = tail.join('\n');
  const reason = tail.find((line) => line.startsWith('jest-eventbridge emulator:'))?.replace('jest-eventbridge emulator: ', '') ?? text;
  if (exit.code === EXIT_COMMAND_NOT_FOUND) return { kind: 'no-python' };
  if (exit.code === EXIT_MOTO_MISSING) return { kind: 'no-moto', detail: reason };
  if (exit.code === EXIT_MOTO_UNSUPPORTED) throw new EmulatorError(motoUnsupportedMessage(python, reason));
  const error = new EmulatorError(
    `The emulator (${python} with moto) exited before it answered on port ${port} (${exit.signal ?? `code ${String(exit.code)}`}).${formatTail(tail)}`,
  );
  if (/address already in use/i.test(text)) return { kind: 'port-taken', error };
  throw error;
}

function formatTail(tail: string[]): string {
  return tail.length === 0 ? '' : `\nLast output:\n${tail.join('\n')}`;
}

/** Whether anything answers HTTP at `endpoint` (any status: the server is up). */
export function answersHttp(endpoint: string): Promise<boolean> {
  return new Promise((resolve) => {
    // No keep-alive agent: a pooled socket would keep the process alive after the run.
    const probe = request(`${endpoint}/`, { method: 'GET', agent: false, timeout: READY_PROBE_TIMEOUT_MS });
    probe.once('response', (response) => {
      response.resume();
      resolve(true);
    });
    probe.once('timeout', () => probe.destroy());
    probe.once('error', () => resolve(false));
    probe.end();
  });
}
