/**
 * A local AWS emulator for this repository's integration tests and demo: starts Python's moto
 * server (EventBridge, SQS and STS on one endpoint) on a free loopback port, or uses an emulator
 * that is already running (LocalStack, say) when `JEST_EVENTBRIDGE_TEST_ENDPOINT` names one.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { createServer, Socket } from 'node:net';
import {
  CreateEventBusCommand,
  EventBridgeClient,
  ResourceAlreadyExistsException,
} from '@aws-sdk/client-eventbridge';

export interface EmulatorOptions {
  /** Port to listen on; a free one is picked when absent. */
  readonly port?: number;
  /** Receives every line the emulator prints (request logs included); silent when absent. */
  readonly log?: (line: string) => void;
}

export interface RunningEmulator {
  readonly endpoint: string;
  /** Stops the emulator and everything it started; safe to call more than once. */
  stop(): Promise<void>;
}

export interface AwsTestClientConfig {
  readonly endpoint: string;
  readonly region: string;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
}

/** Points the suite at an emulator that is already running instead of starting moto. */
export const TEST_ENDPOINT_ENV = 'JEST_EVENTBRIDGE_TEST_ENDPOINT';
export const TEST_REGION = 'us-east-1';

const HOST = '127.0.0.1';
const READY_TIMEOUT_MS = 20_000;
const READY_POLL_INTERVAL_MS = 100;
const READY_PROBE_TIMEOUT_MS = 1_000;
/** How long moto gets to exit on SIGTERM, and then on SIGKILL, before stop() gives up waiting. */
const STOP_GRACE_MS = 5_000;
/** A port picked by binding port 0 can be taken by someone else before moto binds it. */
const PORT_ATTEMPTS = 3;
const OUTPUT_TAIL_LINES = 20;
/** How long to wait for the output of a process that exited (a forked child may hold the pipes). */
const OUTPUT_DRAIN_MS = 1_000;
/** Exit status of a shell (or pyenv shim) that cannot find the command. */
const COMMAND_NOT_FOUND = 127;

interface Candidate {
  readonly command: string;
  readonly args: (port: number) => string[];
}

// `moto_server` is the entry point pip installs; `python3 -m` finds moto when the script
// directory is not on PATH (a `pip install --user` without ~/.local/bin on PATH, say).
const CANDIDATES: readonly Candidate[] = [
  { command: 'moto_server', args: (port) => ['-H', HOST, '-p', String(port)] },
  { command: 'python3', args: (port) => ['-m', 'moto.server', '-H', HOST, '-p', String(port)] },
];

const MISSING_MESSAGE =
  'Cannot start the AWS emulator: neither `moto_server` nor `python3 -m moto.server` is available. ' +
  `Install it with \`pip install 'moto[server]'\`, or point the suite at an emulator that is ` +
  `already running, such as LocalStack, by setting ${TEST_ENDPOINT_ENV}=http://host:port.`;

/** Client settings for the emulator: fixed fake credentials, so that no real account is ever used. */
export function awsTestClientConfig(endpoint: string): AwsTestClientConfig {
  return {
    endpoint,
    region: TEST_REGION,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  };
}

/** The emulator named by `JEST_EVENTBRIDGE_TEST_ENDPOINT` (left running on stop), else a fresh moto. */
export async function resolveTestEndpoint(): Promise<RunningEmulator> {
  const given = process.env[TEST_ENDPOINT_ENV];
  if (given !== undefined && given.trim() !== '') {
    return { endpoint: given.trim().replace(/\/+$/, ''), stop: () => Promise.resolve() };
  }
  return startEmulator();
}

/** Creates an event bus; one that already exists is fine, so that setups can be re-run. */
export async function createEventBus(endpoint: string, name: string): Promise<void> {
  const client = new EventBridgeClient(awsTestClientConfig(endpoint));
  try {
    await client.send(new CreateEventBusCommand({ Name: name }));
  } catch (error) {
    if (!(error instanceof ResourceAlreadyExistsException)) throw error;
  } finally {
    client.destroy();
  }
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  for (const candidate of CANDIDATES) {
    for (let attempt = 1; attempt <= PORT_ATTEMPTS; attempt += 1) {
      // A port the caller chose must be free: otherwise whatever listens there would answer
      // the readiness probe, and we would hand out an endpoint that is not our emulator.
      const port = options.port === undefined ? await findFreePort() : await assertPortFree(options.port);
      const outcome = await launch(candidate, port, options.log);
      if (outcome.kind === 'ready') return outcome.emulator;
      if (outcome.kind === 'missing') break;
      // Only a port we picked ourselves is worth another try; a port the caller chose is theirs.
      if (options.port !== undefined || attempt === PORT_ATTEMPTS) throw outcome.error;
    }
  }
  throw new Error(MISSING_MESSAGE);
}

/** Binds port 0 so the kernel picks a free port, then releases it for moto to take. */
function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      server.close(() => {
        if (address !== null && typeof address === 'object') resolve(address.port);
        else reject(new Error('Could not read the port of a loopback socket.'));
      });
    });
  });
}

function assertPortFree(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(`Cannot start the AWS emulator: port ${port} on ${HOST} is already in use.`)
          : error,
      ),
    );
    server.listen(port, HOST, () => server.close(() => resolve(port)));
  });
}

type LaunchOutcome =
  | { readonly kind: 'ready'; readonly emulator: RunningEmulator }
  | { readonly kind: 'missing' }
  | { readonly kind: 'port-taken'; readonly error: Error };

type Exit =
  | { readonly error: NodeJS.ErrnoException }
  | { readonly code: number | null; readonly signal: NodeJS.Signals | null };

async function launch(
  candidate: Candidate,
  port: number,
  log: ((line: string) => void) | undefined,
): Promise<LaunchOutcome> {
  const endpoint = `http://${HOST}:${port}`;
  // Own process group (detached), so that stop() can kill moto together with anything it forks,
  // and so that moto never outlives us through a wrapper (pyenv shims, say) that we killed alone.
  const child = spawn(candidate.command, candidate.args(port), {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, PYTHONUNBUFFERED: '1' },
  });
  const output = collectOutput(child, log);
  const exited = new Promise<Exit>((resolve) => {
    child.once('error', (error: NodeJS.ErrnoException) => resolve({ error }));
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  // A later 'error' (a failed kill, say) must not become an uncaught exception.
  child.on('error', () => undefined);

  // Guard from the first moment: a Ctrl-C while we wait for readiness must not orphan moto.
  const releaseGuard = guardAgainstOrphans(child);
  let handedOut = false;
  try {
    const deadline = Date.now() + READY_TIMEOUT_MS;
    for (;;) {
      const state = await Promise.race([
        exited.then((exit) => ({ exit })),
        answersHttp(endpoint).then((answered) => ({ answered })),
      ]);
      if ('exit' in state) {
        // 'exit' can come before the last output does, and that output says why it exited.
        await settlesWithin(output.closed, OUTPUT_DRAIN_MS);
        return classifyEarlyExit(candidate, port, state.exit, output.tail());
      }
      if (state.answered) {
        handedOut = true;
        return { kind: 'ready', emulator: handOut(child, exited, endpoint, releaseGuard) };
      }
      if (Date.now() >= deadline) {
        throw new Error(
          `The AWS emulator (${candidate.command}) did not answer on ${endpoint} within ` +
            `${READY_TIMEOUT_MS / 1000} s.${formatTail(output.tail())}`,
        );
      }
      await Promise.race([delay(READY_POLL_INTERVAL_MS), exited]);
    }
  } finally {
    // Whatever went wrong, a process we do not hand out is one nobody else can stop.
    if (!handedOut) {
      await terminateGroup(child, exited);
      releaseGuard();
    }
  }
}

function classifyEarlyExit(candidate: Candidate, port: number, exit: Exit, tail: string[]): LaunchOutcome {
  if ('error' in exit) {
    if (exit.error.code === 'ENOENT') return { kind: 'missing' };
    throw new Error(`Could not run ${candidate.command}: ${exit.error.message}`);
  }
  const text = tail.join('\n');
  if (exit.code === COMMAND_NOT_FOUND || /No module named '?moto/.test(text)) return { kind: 'missing' };
  const error = new Error(
    `The AWS emulator (${candidate.command}) exited before it answered on port ${port} ` +
      `(${exit.signal ?? `code ${String(exit.code)}`}).${formatTail(tail)}`,
  );
  if (/address already in use/i.test(text)) return { kind: 'port-taken', error };
  throw error;
}

/** Keeps the last lines moto printed, for error messages, and drains its pipes so it never blocks. */
function collectOutput(
  child: ChildProcess,
  log: ((line: string) => void) | undefined,
): { tail(): string[]; closed: Promise<void> } {
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
        log?.(line);
      }
    });
  }
  return { tail: () => [...lines], closed };
}

function formatTail(tail: string[]): string {
  return tail.length === 0 ? '' : `\nLast output:\n${tail.join('\n')}`;
}

/** Any HTTP answer at all means the server is up; moto answers 200 on `/`, LocalStack may not. */
function answersHttp(endpoint: string): Promise<boolean> {
  return new Promise((resolve) => {
    // No keep-alive agent: a pooled socket would keep the Jest process alive after the run.
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

/**
 * Kills moto's process group when this process ends without stop(): on 'exit', and on the
 * signals that would otherwise end us without running 'exit' handlers. Moto sits in a group of its
 * own, so a Ctrl-C in the terminal does not reach it by itself. Returns the undo.
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

/** The stop handle of a running emulator. */
function handOut(
  child: ChildProcess,
  exited: Promise<Exit>,
  endpoint: string,
  releaseGuard: () => void,
): RunningEmulator {
  // The emulator alone must not keep Node alive: if stop() is forgotten, the guard cleans up.
  child.unref();
  for (const stream of [child.stdout, child.stderr]) if (stream instanceof Socket) stream.unref();

  let stopping: Promise<void> | undefined;
  return {
    endpoint,
    stop() {
      stopping ??= terminateGroup(child, exited).finally(releaseGuard);
      return stopping;
    },
  };
}

/** SIGTERM to the group, SIGKILL if it lingers, then SIGKILL to whatever of the group is left. */
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

async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([promise.then(() => true), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
