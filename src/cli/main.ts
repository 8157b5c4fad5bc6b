/**
 * `npx jest-eventbridge <command>`: the package's command line (bin/jest-eventbridge.js loads
 * this from dist/). Returns the exit status rather than exiting, so that output is flushed and
 * tests can call it.
 */
import { silenceSdkNodeVersionWarning } from '../capture/sdkNodeWarning';
import { ConfigurationError } from '../errors';
import { formatSweepFailures, formatSweepReport, sweep, type SweepOptions, type SweepReport } from '../sweep';
import { parseCommandLine, type Command } from './commandLine';

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** The sweep to run; replaceable in tests. */
  readonly sweep?: (options: SweepOptions) => Promise<SweepReport>;
}

const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  silenceSdkNodeVersionWarning();
  let command: Command;
  try {
    command = parseCommandLine(argv);
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    io.stderr(`jest-eventbridge: ${error.message}\n`);
    return EXIT_USAGE;
  }
  if (command.kind === 'help') {
    io.stdout(`${command.text}\n`);
    return EXIT_OK;
  }

  let report: SweepReport;
  try {
    report = await (io.sweep ?? sweep)(command.options);
  } catch (error) {
    io.stderr(`${error instanceof Error ? error.message : String(error)}\n`);
    return error instanceof ConfigurationError ? EXIT_USAGE : EXIT_FAILED;
  }
  io.stdout(`${formatSweepReport(report, { withFailures: false })}\n`);
  if (report.failed.length === 0) return EXIT_OK;
  io.stderr(`${formatSweepFailures(report)}\n`);
  return EXIT_FAILED;
}
