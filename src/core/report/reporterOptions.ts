import { describeValue } from '../../foundation/describeValue';
import { didYouMean } from '../../foundation/didYouMean';
import { ConfigurationError } from '../../foundation/errors';
import { formatProblemList } from '../../foundation/problemList';
import { redactPathsProblem } from './redact';

/** The event reporter's options, for Jest and Vitest alike. */
export interface ReporterOptions {
  /** Where `report.json` and `report.html` go, relative to the runner's root folder. @default 'eventbridge-report' */
  readonly outputDir: string;
  /** Paths in `detail` masked as "[redacted]" in every payload. @default [] */
  readonly redact: readonly string[];
}

export const DEFAULT_OUTPUT_DIR = 'eventbridge-report';

const KNOWN_KEYS = ['outputDir', 'redact'] as const;

/**
 * Checks the reporter's options (`['jest-eventbridge/reporter', { outputDir, redact }]`), every
 * problem at once, each naming the value and the fix.
 * @param entry how the user named the reporter, for the messages
 * @throws ConfigurationError listing the problems
 */
export function validateReporterOptions(raw: unknown, entry: string): ReporterOptions {
  if (raw === undefined || raw === null) return { outputDir: DEFAULT_OUTPUT_DIR, redact: [] };
  const heading = `jest-eventbridge: invalid options for ${entry}.`;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ConfigurationError(
      `${heading} They must be an object like { outputDir: 'eventbridge-report', redact: ['detail.card.number'] }; got ${describeValue(raw)}.`,
    );
  }
  const record = raw as Record<string, unknown>;
  const problems: string[] = [];
  for (const key of Object.keys(record)) {
    if ((KNOWN_KEYS as readonly string[]).includes(key)) continue;
    const hint = didYouMean(key, KNOWN_KEYS);
    problems.push(`unknown option "${key}"${hint ? ` (did you mean "${hint}"?)` : ''}; known: ${KNOWN_KEYS.join(', ')}.`);
  }
  const { outputDir = DEFAULT_OUTPUT_DIR, redact = [] } = record;
  // A NUL character is in no file system's names: the write would fail only at the run's end.
  if (typeof outputDir !== 'string' || outputDir.trim() === '' || outputDir.includes('\0')) {
    problems.push(
      `outputDir must be a folder name, relative to the root folder or absolute (like "eventbridge-report"); got ${describeValue(outputDir)}.`,
    );
  }
  const redactProblem = redactPathsProblem(redact);
  if (redactProblem !== undefined) problems.push(`redact ${redactProblem}.`);
  if (problems.length > 0) throw new ConfigurationError(formatProblemList(heading, problems));
  return { outputDir: outputDir as string, redact: redact as string[] };
}
