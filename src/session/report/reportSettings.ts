import { redactPathsProblem } from '../../core/report/redact';
import { ConfigurationError } from '../../foundation/errors';

/**
 * How the reporter, in the runner's main process, tells each test file's worker that a report is
 * wanted: variables it sets before the workers start (they inherit them; `--runInBand` runs the
 * files in the reporter's own process, which has them too).
 */
export const REPORT_PARTS_ENV = 'JEST_EVENTBRIDGE_REPORT_PARTS';
/** The `redact` paths, as JSON. */
export const REPORT_REDACT_ENV = 'JEST_EVENTBRIDGE_REPORT_REDACT';

/** What a worker needs to record and write its file's part. */
export interface ReportSettings {
  /** The folder each file's part goes into (the reporter's temporary folder). */
  readonly partsDir: string;
  readonly redact: readonly string[];
}

/** The variables that ask the workers for parts. */
export function reportSettingsEnv(settings: ReportSettings): Record<string, string> {
  return { [REPORT_PARTS_ENV]: settings.partsDir, [REPORT_REDACT_ENV]: JSON.stringify(settings.redact) };
}

/**
 * The report settings the reporter left in the environment; undefined when no report is wanted
 * (then nothing is recorded).
 * @throws ConfigurationError when the redact paths are not what the reporter writes
 */
export function readReportSettings(env: NodeJS.ProcessEnv): ReportSettings | undefined {
  const partsDir = env[REPORT_PARTS_ENV];
  if (partsDir === undefined || partsDir === '') return undefined;
  let redact: unknown;
  try {
    redact = JSON.parse(env[REPORT_REDACT_ENV] ?? '[]');
  } catch {
    redact = env[REPORT_REDACT_ENV];
  }
  const problem = redactPathsProblem(redact);
  if (problem !== undefined)
    throw new ConfigurationError(`jest-eventbridge: ${REPORT_REDACT_ENV} ${problem} (the reporter sets it as JSON).`);
  return { partsDir, redact: redact as string[] };
}
