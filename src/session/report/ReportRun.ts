import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative } from 'node:path';
import { joinReport, unmatchedRedactPaths, type RunnerFileResult } from '../../core/report/joinReport';
import type { ReporterOptions } from '../../core/report/reporterOptions';
import type { EventReport } from '../../core/report/reportModel';
import { readFileParts } from './partFiles';
import { REPORT_PARTS_ENV, REPORT_REDACT_ENV, reportSettingsEnv } from './reportSettings';
import { reportFolder, writeReport } from './writeReport';

export interface ReportRunInputs {
  readonly runner: EventReport['runner'];
  readonly options: ReporterOptions;
  /** Where the parts' folder is made. @default the system's temporary folder */
  readonly tmpDir?: string;
  readonly env?: NodeJS.ProcessEnv;
  /** The current time, for `generatedAt`. */
  readonly now?: () => Date;
  /** Whether a process id is a running process (for stale parts' folders). @default a signal-0 probe */
  readonly isRunning?: (pid: number) => boolean;
}

/** What a run's end did: the line to print, and where the report went (when it wrote one). */
export interface ReportRunEnd {
  /** One or more lines, without a final newline. */
  readonly line: string;
  readonly htmlPath?: string;
  readonly jsonPath?: string;
}

/** The parts' folders are named for the reporter's process: `jest-eventbridge-report-<pid>-XXXXXX`. */
const FOLDER_PREFIX = 'jest-eventbridge-report-';
const FOLDER_NAME = /^jest-eventbridge-report-(\d+)-/;

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Whether `pid` names a live process: signal 0 checks without sending; EPERM is a live process of another user. */
function processIsRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the parts' folders of reporters whose process is gone (a run ended by Ctrl-C or a kill
 * never reaches its exit handler). Best effort: a folder that cannot be read or removed stays.
 */
export function removeStalePartsFolders(tmpDir: string, isRunning: (pid: number) => boolean = processIsRunning): void {
  let names: string[];
  try {
    names = readdirSync(tmpDir);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = Number(FOLDER_NAME.exec(name)?.[1]);
    if (!Number.isInteger(pid) || pid === process.pid || isRunning(pid)) continue;
    try {
      rmSync(join(tmpDir, name), { recursive: true, force: true });
    } catch {
      // Another user's, or in use: not ours to insist on.
    }
  }
}

/**
 * One run's event report, runner-neutral: made in the runner's main process before the workers
 * start, it makes a temporary folder (private to the user: parts hold the texts `redact`
 * masked) and sets the variables that ask each test file's worker to record and write its part
 * there; at the run's end, it joins the parts with the runner's results, writes the report and
 * removes the folder. A runner that runs again (watch mode) makes a new one per run. Nothing it
 * does fails the run: a folder or a report that cannot be written is a line saying so.
 */
export class ReportRun {
  /** Undefined when the folder could not be made: then no worker records, and the end says why. */
  readonly partsDir: string | undefined;
  private readonly env: NodeJS.ProcessEnv;
  private readonly setupProblem: string | undefined;
  /** A run that never ends (an interrupted watch run, a crash) still leaves no folder behind. */
  private readonly onExit = (): void => this.dispose();

  constructor(private readonly inputs: ReportRunInputs) {
    const tmpDir = inputs.tmpDir ?? tmpdir();
    this.env = inputs.env ?? process.env;
    removeStalePartsFolders(tmpDir, inputs.isRunning);
    let partsDir: string | undefined;
    try {
      // mkdtemp makes the folder 0700.
      partsDir = mkdtempSync(join(tmpDir, `${FOLDER_PREFIX}${process.pid}-`));
    } catch (error) {
      this.setupProblem = `could not make the event report's temporary folder in ${tmpDir}: ${messageOf(error)}`;
    }
    this.partsDir = partsDir;
    if (partsDir !== undefined) {
      Object.assign(this.env, reportSettingsEnv({ partsDir, redact: inputs.options.redact }));
      process.once('exit', this.onExit);
    }
  }

  /**
   * Joins the parts with the runner's results and writes `report.json` and `report.html`. When
   * no file ran with jest-eventbridge (no part), writes nothing and says so: an empty report
   * would replace the last useful one with a page that shows nothing. The parts read are
   * removed: a runner that keeps its workers between runs (Vitest's watch mode) keeps the folder,
   * and the next run's parts go into it. Never throws: a report that cannot be written is a line.
   * @param rootDir the runner's root folder: outputDir and the report's paths are relative to it
   */
  finish(results: readonly RunnerFileResult[], rootDir: string): ReportRunEnd {
    if (this.partsDir === undefined)
      return { line: `jest-eventbridge: ${this.setupProblem ?? 'no parts folder'}, so no event report was written.` };
    const { parts, unreadable, files } = readFileParts(this.partsDir);
    const folder = reportFolder(rootDir, this.inputs.options.outputDir);
    try {
      const skipped = unreadable.length > 0 ? ` (${unreadable.length} unreadable part${unreadable.length === 1 ? '' : 's'} left out)` : '';
      if (parts.length === 0) {
        return { line: `jest-eventbridge: no test file ran with jest-eventbridge, so no event report was written${skipped}.` };
      }
      const report = joinReport({
        runner: this.inputs.runner,
        rootDir: rootDir,
        redacted: this.inputs.options.redact,
        generatedAt: (this.inputs.now?.() ?? new Date()).toISOString(),
        results,
        parts,
      });
      const unmatched = unmatchedRedactPaths(this.inputs.options.redact, parts).map(
        (path) =>
          `\njest-eventbridge: redact path ${JSON.stringify(path)} matched no value in this run (a path is detail.<key>.<key>...; check its keys' spelling).`,
      );
      const written = writeReport(folder, report);
      const fromHere = relative(process.cwd(), written.htmlPath);
      const shown = fromHere.startsWith('..') || isAbsolute(fromHere) ? written.htmlPath : fromHere;
      return { line: `jest-eventbridge: event report in ${shown}${skipped}${unmatched.join('')}`, ...written };
    } catch (error) {
      return { line: `jest-eventbridge: could not write the event report to ${folder}: ${messageOf(error)}` };
    } finally {
      for (const file of files) rmSync(file, { force: true });
    }
  }

  /** Removes the parts' folder and the variables (also when the run ends without a result). */
  dispose(): void {
    process.removeListener('exit', this.onExit);
    if (this.partsDir === undefined) return;
    rmSync(this.partsDir, { recursive: true, force: true });
    if (this.env[REPORT_PARTS_ENV] === this.partsDir) {
      delete this.env[REPORT_PARTS_ENV];
      delete this.env[REPORT_REDACT_ENV];
    }
  }
}
