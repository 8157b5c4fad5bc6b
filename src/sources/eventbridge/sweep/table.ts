/**
 * The sweep's printed output: a plain-text table (no colour, so it reads the same in a CI log)
 * and the summary lines under it.
 */
import { formatAge, formatDuration } from '../../../foundation/duration';
import type { SweepReport, SweptResource } from './report';

export const TABLE_HEADERS = ['NAME', 'KIND', 'AGE', 'RUN ID', 'STATUS', 'ACTION'] as const;

/** Left-aligned columns, two spaces apart; lines carry no trailing blanks (diffs and logs stay clean). */
export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    headers
      .map((_, column) => (cells[column] ?? '').padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(headers), ...rows.map(line)].join('\n');
}

function actionText(resource: SweptResource): string {
  switch (resource.outcome) {
    case 'deleted':
    case 'would delete':
      return resource.outcome;
    case 'failed':
      return 'FAILED';
    case 'kept':
    case 'skipped':
      return resource.reason ? `${resource.outcome}: ${resource.reason}` : resource.outcome;
  }
}

export function reportRows(report: SweepReport): string[][] {
  return report.resources.map((resource) => [
    resource.name,
    resource.kind,
    resource.ageMs === undefined ? '-' : formatAge(resource.ageMs),
    resource.runId ?? '-',
    resource.status,
    actionText(resource),
  ]);
}

function count(resources: readonly SweptResource[]): string {
  const rules = resources.filter((r) => r.kind === 'rule').length;
  const queues = resources.length - rules;
  const parts = [
    rules > 0 ? `${rules} rule${rules === 1 ? '' : 's'}` : '',
    queues > 0 ? `${queues} queue${queues === 1 ? '' : 's'}` : '',
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(' and ') : 'nothing';
}

/** One line: what was (or would be) removed, kept and skipped. */
export function summarizeSweep(report: SweepReport): string {
  const of = (outcome: SweptResource['outcome']): SweptResource[] => report.resources.filter((r) => r.outcome === outcome);
  const threshold = formatDuration(report.olderThanMs);
  const parts = [
    report.dryRun ? `would remove ${count(of('would delete'))} (dry run: nothing deleted)` : `removed ${count(report.deleted)}`,
  ];
  if (report.failed.length > 0) parts.push(`could not remove ${count(report.failed)}`);
  const kept = of('kept').length;
  if (kept > 0) parts.push(`kept ${kept} younger than ${threshold}`);
  const skipped = of('skipped').length;
  if (skipped > 0) parts.push(`skipped ${skipped} not provably created by jest-eventbridge`);
  return `bus "${report.eventBusName}", prefix "${report.prefix}", older than ${threshold}: ${parts.join('; ')}.`;
}

/** Each resource that could not be removed, with the reason; empty when none. */
export function formatSweepFailures(report: SweepReport): string {
  if (report.failed.length === 0) return '';
  return ['Could not remove:', ...report.failed.map((r) => `  - ${r.kind} ${r.name}: ${r.error ?? 'no reason given'}`)].join('\n');
}

/** The whole printout: table, summary and, unless left out (the CLI prints them on stderr), the failures. */
export function formatSweepReport(report: SweepReport, { withFailures = true }: { withFailures?: boolean } = {}): string {
  const lines: string[] = [];
  if (report.resources.length === 0) {
    lines.push(`No capture queue or rule named ${report.prefix}* on bus "${report.eventBusName}".`);
  } else {
    lines.push(formatTable(TABLE_HEADERS, reportRows(report)), '');
  }
  if (report.otherQueues > 0) {
    const queues = `${report.otherQueues} other queue${report.otherQueues === 1 ? '' : 's'}`;
    lines.push(`Left alone ${queues} named ${report.prefix}*: another bus's, or without jest-eventbridge tags.`);
  }
  lines.push(summarizeSweep(report));
  if (withFailures && report.failed.length > 0) lines.push(formatSweepFailures(report));
  return lines.join('\n');
}
