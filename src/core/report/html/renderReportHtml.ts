/**
 * The event report as one self-contained HTML page (issue 17): the report's data embedded as
 * JSON, the page's own style and script inline, nothing loaded from anywhere, and a
 * Content-Security-Policy that forbids any request, so the page can be opened from a CI's
 * artifacts, offline, as a file. Pure: the caller writes the string where it wants.
 */
import type { EventReport } from '../reportModel';
import { contentSecurityPolicy } from './contentSecurityPolicy';
import { embedJson } from './embedJson';
import { escapeHtml } from './escapeHtml';
import { REPORT_SCRIPT } from './reportScript';
import { REPORT_STYLES } from './reportStyles';
import { describeSummary, summarizeReport } from './reportSummary';

export interface ReportHtmlOptions {
  /** The page's title and heading. Default: `Event report`. */
  readonly title?: string;
}

/** The line under the heading: the runner, when the report was written, and what was masked. */
function describeOrigin(report: EventReport): string {
  const parts = [`${report.runner === 'jest' ? 'Jest' : 'Vitest'} run`, `written ${report.generatedAt}`];
  if (report.redacted.length > 0) parts.push(`masked in detail: ${report.redacted.join(', ')}`);
  return parts.join(' · ');
}

/**
 * Renders `report` as the text of a complete HTML document (UTF-8). The summary line is in the
 * markup; the test list, each test's timeline and the detail pane are drawn by the inline script
 * from the embedded data, which the page only ever puts in as text. Throws what JSON.stringify
 * throws for a report that is not JSON (a cycle).
 */
export function renderReportHtml(report: EventReport, options: ReportHtmlOptions = {}): string {
  const title = options.title ?? 'Event report';
  const summary = summarizeReport(report);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(REPORT_SCRIPT, REPORT_STYLES))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${escapeHtml(title)}</title>
<style>${REPORT_STYLES}</style>
</head>
<body>
<header>
<h1>${escapeHtml(title)}</h1>
<span class="summary" id="summary">${escapeHtml(describeSummary(summary))}</span>
<p class="meta">${escapeHtml(describeOrigin(report))}</p>
</header>
<div class="layout">
<nav aria-label="Test files and tests">
<label class="filter" for="filter">Filter</label>
<input type="search" id="filter" placeholder="test name, detail-type or event id" autocomplete="off">
<p class="hint" id="filter-status" aria-live="polite"></p>
<ul class="list" id="test-list"></ul>
<button type="button" class="more" id="more-tests" hidden></button>
</nav>
<main id="test-view" aria-label="Timeline"><p class="hint">This report needs JavaScript to show its tests.</p></main>
<aside id="detail" aria-label="Details"></aside>
</div>
<script type="application/json" id="report-data">${embedJson(report)}</script>
<script type="application/json" id="report-summary">${embedJson(summary)}</script>
<script>${REPORT_SCRIPT}</script>
</body>
</html>
`;
}
