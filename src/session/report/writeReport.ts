import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { ConfigurationError } from '../../foundation/errors';
import { isAbsolute, join, resolve } from 'node:path';
import { renderReportHtml } from '../../core/report/html/renderReportHtml';
import type { EventReport } from '../../core/report/reportModel';
import { stringifyExactJson } from '../../foundation/exactJson';

/** Where the report went. */
export interface WrittenReport {
  readonly jsonPath: string;
  readonly htmlPath: string;
}

/** `outputDir` as the user gave it, from the runner's root folder unless absolute. */
export function reportFolder(rootDir: string, outputDir: string): string {
  return isAbsolute(outputDir) ? outputDir : resolve(rootDir, outputDir);
}

/**
 * Refuses, before the run, an `outputDir` that names an existing file: the report could only fail
 * to be written at the run's end, where a passing run keeps its exit status and the loss goes
 * unnoticed. A folder that does not exist yet is fine (it is made when the report is written).
 * @param entry how the user named the reporter, for the message
 * @throws ConfigurationError naming the value and the fix
 */
export function checkReportFolder(rootDir: string, outputDir: string, entry: string): void {
  const folder = reportFolder(rootDir, outputDir);
  let isFile = false;
  try {
    isFile = !statSync(folder).isDirectory();
  } catch {
    return;
  }
  if (isFile) {
    throw new ConfigurationError(
      `jest-eventbridge: invalid options for ${entry}. outputDir ${JSON.stringify(outputDir)} names a file (${folder}), where the report needs a folder: name another folder, or move the file.`,
    );
  }
}

/**
 * Writes `report.json` and `report.html` into `folder` (created if missing), replacing the
 * previous run's. The one place the page is rendered.
 */
export function writeReport(folder: string, report: EventReport): WrittenReport {
  mkdirSync(folder, { recursive: true });
  const jsonPath = join(folder, 'report.json');
  const htmlPath = join(folder, 'report.html');
  writeFileSync(jsonPath, `${stringifyExactJson(report) ?? '{}'}\n`);
  writeFileSync(htmlPath, renderReportHtml(report));
  return { jsonPath, htmlPath };
}
