import { mkdirSync, writeFileSync } from 'node:fs';
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
