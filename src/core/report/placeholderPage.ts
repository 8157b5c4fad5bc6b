import { stringifyExactJson } from '../../foundation/exactJson';
import type { EventReport } from './reportModel';

/** `<` and the line separators escaped: the JSON cannot close its script element or break the script. */
function embeddable(json: string): string {
  return json
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * A minimal, self-contained page for the report until the real one (src/core/report/html/) is
 * merged: the files and tests with their status, and the whole report as JSON in the page. No
 * request leaves it: no script, style or font from elsewhere.
 */
export function renderPlaceholderPage(report: EventReport): string {
  const items = report.files
    .map((file) => {
      const tests = file.tests
        .map(
          (test) =>
            `<li>${escapeHtml(test.status)}: ${escapeHtml([...test.ancestors, test.title].join(' › '))} (${test.timeline.length} entries)</li>`,
        )
        .join('');
      return `<li>${escapeHtml(file.status)}: ${escapeHtml(file.path)}<ul>${tests}</ul></li>`;
    })
    .join('');
  return [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8"><title>jest-eventbridge event report</title></head><body>',
    `<h1>Event report (${escapeHtml(report.runner)}, ${escapeHtml(report.generatedAt)})</h1>`,
    `<ul>${items}</ul>`,
    `<script type="application/json" id="report-data">${embeddable(stringifyExactJson(report) ?? '{}')}</script>`,
    '</body></html>',
    '',
  ].join('\n');
}
