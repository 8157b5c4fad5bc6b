import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative } from 'node:path';
import { joinReport, type RunnerFileResult } from '../../core/report/joinReport';
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
}

/** What a run's end did: the line to print, and where the report went (when it wrote one). */
export interface ReportRunEnd {
  readonly line: string;
  readonly htmlPath?: string;
  readonly jsonPath?: string;
}

/**
 * One run's event report, runner-neutral: made in the runner's main process before the workers
 * start, it makes a temporary folder and sets the variables that ask each test file's worker to
 * record and write its part there; at the run's end, it joins the parts with the runner's
 * results, writes the report and removes the folder. A runner that runs again (watch mode) makes
 * a new one per run.
 */
export class ReportRun {
  readonly partsDir: string;
  private readonly env: NodeJS.ProcessEnv;
  /** A run that never ends (an interrupted watch run, a crash) still leaves no folder behind. */
  private readonly onExit = (): void => this.dispose();

  constructor(private readonly inputs: ReportRunInputs) {
    this.partsDir = mkdtempSync(join(inputs.tmpDir ?? tmpdir(), 'jest-eventbridge-report-'));
    this.env = inputs.env ?? process.env;
    Object.assign(this.env, reportSettingsEnv({ partsDir: this.partsDir, redact: inputs.options.redact }));
    process.once('exit', this.onExit);
  }

  /**
   * Joins the parts with the runner's results and writes `report.json` and `report.html`. When
   * no file ran with jest-eventbridge (no part), writes nothing and says so: an empty report
   * would replace the last useful one with a page that shows nothing. The parts read are
   * removed: a runner that keeps its workers between runs (Vitest's watch mode) keeps the folder,
   * and the next run's parts go into it.
   * @param rootDir the runner's root folder: outputDir and the report's paths are relative to it
   */
  finish(results: readonly RunnerFileResult[], rootDir: string): ReportRunEnd {
    const { parts, unreadable, files } = readFileParts(this.partsDir);
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
      const written = writeReport(reportFolder(rootDir, this.inputs.options.outputDir), report);
      const fromHere = relative(process.cwd(), written.htmlPath);
      const shown = fromHere.startsWith('..') || isAbsolute(fromHere) ? written.htmlPath : fromHere;
      return { line: `jest-eventbridge: event report in ${shown}${skipped}`, ...written };
    } finally {
      for (const file of files) rmSync(file, { force: true });
    }
  }

  /** Removes the parts' folder and the variables (also when the run ends without a result). */
  dispose(): void {
    process.removeListener('exit', this.onExit);
    rmSync(this.partsDir, { recursive: true, force: true });
    if (this.env[REPORT_PARTS_ENV] === this.partsDir) {
      delete this.env[REPORT_PARTS_ENV];
      delete this.env[REPORT_REDACT_ENV];
    }
  }
}
