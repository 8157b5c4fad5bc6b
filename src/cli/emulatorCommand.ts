/**
 * `jest-eventbridge emulator [--port N] [--host ADDRESS]`: runs the embedded emulator in the
 * foreground, for specs run by hand, a second terminal, or other tools, until interrupted.
 */
import { messageOf } from '../foundation/realm';
import { ConfigurationError } from '../foundation/errors';
import { cancelTimer, MAX_TIMER_MS, scheduleTimer } from '../foundation/timers';
import { DEFAULT_HOST, type EmulatorOptions, type RunningEmulator } from '../emulator/startEmulator';
import { EMULATOR_CREDENTIALS, EMULATOR_REGION } from '../emulator/credentials';

export const EMULATOR_USAGE = `Usage: jest-eventbridge emulator [options]

Runs moto (EventBridge, SQS, STS, DynamoDB, S3, SNS, CloudFormation), with jest-eventbridge's
fixes for fast and race-free deliveries, until interrupted (Ctrl-C). Needs Python with
\`pip install 'moto[server]>=5,<6'\`; JEST_EVENTBRIDGE_PYTHON selects the Python.

Options:
  --port N          TCP port (default: a free one)
  --host ADDRESS    address to bind (default: ${DEFAULT_HOST}, reachable from this machine only)
  -h, --help        show this help`;

export interface EmulatorCommandIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly startEmulator: (options: EmulatorOptions) => Promise<RunningEmulator>;
  /** Resolves when the user asks to stop (SIGINT or SIGTERM). */
  readonly interrupted: () => Promise<void>;
}

/** Parses `--port` and `--host`; every mistake is reported at once. */
export function parseEmulatorOptions(values: Readonly<Record<string, string | undefined>>, problems: string[]): EmulatorOptions {
  const port = values.port;
  let portNumber: number | undefined;
  if (port !== undefined) {
    portNumber = /^\d+$/.test(port) ? Number(port) : NaN;
    if (!(portNumber >= 1 && portNumber <= 65_535))
      problems.push(`--port "${port}" is not a TCP port: use a whole number from 1 to 65535, e.g. --port 4010.`);
  }
  const host = values.host;
  return {
    ...(portNumber !== undefined ? { port: portNumber } : {}),
    ...(host !== undefined ? { host } : {}),
  };
}

/** Runs until interrupted; returns the exit status. */
export async function runEmulatorCommand(options: EmulatorOptions, io: EmulatorCommandIo): Promise<number> {
  let emulator: RunningEmulator;
  try {
    emulator = await io.startEmulator({ ...options, warn: (line) => io.stderr(`${line}\n`) });
  } catch (error) {
    io.stderr(`${messageOf(error)}\n`);
    return error instanceof ConfigurationError ? 2 : 1;
  }
  io.stdout(
    `${emulator.endpoint}\n` +
      `jest-eventbridge emulator: moto ${emulator.motoVersion} at ${emulator.endpoint} (pid ${emulator.pid}); fixes: ${emulator.fixes.join(', ') || 'none'}.\n` +
      `Point clients at it with:\n  export AWS_ENDPOINT_URL=${emulator.endpoint} AWS_REGION=${EMULATOR_REGION} AWS_ACCESS_KEY_ID=${EMULATOR_CREDENTIALS.accessKeyId} AWS_SECRET_ACCESS_KEY=${EMULATOR_CREDENTIALS.secretAccessKey}\n` +
      'Press Ctrl-C to stop.\n',
  );
  let crashed = false;
  try {
    // Until the user stops it, or the server ends by itself (then its endpoint is dead: say so).
    crashed = await Promise.race([io.interrupted().then(() => false), emulator.exited.then(() => true)]);
  } finally {
    await emulator.stop();
  }
  if (crashed) {
    io.stderr(`jest-eventbridge emulator: the emulator (pid ${emulator.pid}) exited by itself; ${emulator.endpoint} no longer answers.\n`);
    return 1;
  }
  io.stderr('jest-eventbridge emulator: stopped.\n');
  return 0;
}

/** Resolves on the first SIGINT or SIGTERM, which then no longer ends the process by default. */
export function processInterrupted(): Promise<void> {
  return new Promise((resolve) => {
    // Signal listeners do not keep Node running, and the emulator's process is unreferenced so
    // that it never holds a test run open: this timer keeps the command alive until the signal.
    let alive = scheduleTimer(function keep() {
      alive = scheduleTimer(keep, MAX_TIMER_MS);
    }, MAX_TIMER_MS);
    const done = (): void => {
      cancelTimer(alive);
      process.removeListener('SIGINT', done);
      process.removeListener('SIGTERM', done);
      resolve();
    };
    process.on('SIGINT', done);
    process.on('SIGTERM', done);
  });
}
