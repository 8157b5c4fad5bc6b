/**
 * `npx jest-eventbridge <command>`: the package's command line (bin/jest-eventbridge.js loads
 * this from dist/). Returns the exit status rather than exiting, so that output is flushed and
 * tests can call it.
 */
import { messageOf } from '../foundation/realm';
import { silenceSdkNodeVersionWarning } from '../aws/sdkNodeWarning';
import { ConfigurationError } from '../foundation/errors';
import { formatSweepFailures, formatSweepReport, sweep, type SweepOptions, type SweepReport } from '../sources/eventbridge/sweep';
import { checkAwsSettings, type AwsSettings } from './awsSettings';
import { formatUsageProblems, parseCommandLine, UsageError, type Command } from './commandLine';
import { processInterrupted, runEmulatorCommand, type EmulatorCommandIo } from './emulatorCommand';
import { startEmulator } from '../emulator/startEmulator';

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** The sweep to run; replaceable in tests. */
  readonly sweep?: (options: SweepOptions) => Promise<SweepReport>;
  /** Resolves region and credentials before the sweep; replaceable in tests. */
  readonly checkAwsSettings?: (settings: AwsSettings) => Promise<string[]>;
  /** What `emulator` starts and waits for; replaceable in tests. */
  readonly startEmulator?: EmulatorCommandIo['startEmulator'];
  readonly interrupted?: EmulatorCommandIo['interrupted'];
}

const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  silenceSdkNodeVersionWarning();
  let command: Command | undefined;
  let usage: UsageError | undefined;
  try {
    command = parseCommandLine(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    usage = error;
  }
  if (command?.kind === 'help') {
    io.stdout(`${command.text}\n`);
    return EXIT_OK;
  }

  // The region and credentials the sweep needs, reported together with any argument mistakes.
  const settings: AwsSettings | undefined =
    command?.kind === 'sweep'
      ? {
          regionGiven: command.options.region !== undefined,
          ...(command.options.region !== undefined ? { region: command.options.region } : {}),
          ...(command.options.endpoint !== undefined ? { endpoint: command.options.endpoint } : {}),
        }
      : usage?.awsSettings;
  const settingProblems = settings ? await (io.checkAwsSettings ?? checkAwsSettings)(settings) : [];
  const problems = [...(usage?.problems ?? []), ...settingProblems];
  if (problems.length > 0 || command === undefined) {
    io.stderr(`jest-eventbridge: ${formatUsageProblems(problems, usage ? usage.command : 'sweep')}\n`);
    return EXIT_USAGE;
  }

  if (command.kind === 'emulator') {
    return runEmulatorCommand(command.options, {
      stdout: io.stdout,
      stderr: io.stderr,
      startEmulator: io.startEmulator ?? startEmulator,
      interrupted: io.interrupted ?? processInterrupted,
    });
  }

  let report: SweepReport;
  try {
    report = await (io.sweep ?? sweep)(command.options);
  } catch (error) {
    io.stderr(`${messageOf(error)}\n`);
    return error instanceof ConfigurationError ? EXIT_USAGE : EXIT_FAILED;
  }
  io.stdout(`${formatSweepReport(report, { withFailures: false })}\n`);
  if (report.failed.length === 0) return EXIT_OK;
  io.stderr(`${formatSweepFailures(report)}\n`);
  return EXIT_FAILED;
}
