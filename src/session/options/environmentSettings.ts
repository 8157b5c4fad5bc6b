/**
 * Settings taken from environment variables, for what varies per stage or per run (the bus of a
 * stage, keeping the capture for one debugging run, a longer timeout on a slow CI runner, a
 * capture per file for one run).
 *
 * Precedence, most specific first: a file's `@jest-environment-options` docblock, then these
 * variables, then the Jest config's `testEnvironmentOptions.eventBridge`.
 */
import { EVENT_BUS_NAME_RULE, isEventBusNameOrArn } from '../../aws/arns';
import { ConfigurationError } from '../../foundation/errors';
import { isRecord } from '../../foundation/objects';
import { describeValue } from '../../foundation/describeValue';
import { formatProblemList } from '../../foundation/problemList';
import type { EventBridgeOptions } from './options';

/** The variables read, by the option each one sets. */
export const ENVIRONMENT_VARIABLES = {
  eventBusName: 'JEST_EVENTBRIDGE_EVENT_BUS_NAME',
  keep: 'JEST_EVENTBRIDGE_KEEP',
  timeout: 'JEST_EVENTBRIDGE_TIMEOUT',
  captureScope: 'JEST_EVENTBRIDGE_CAPTURE_SCOPE',
} as const;

export type EnvironmentOption = keyof typeof ENVIRONMENT_VARIABLES;

export interface EnvironmentSettings {
  /** The options the variables set; absent keys were not set (an empty variable counts as unset). */
  readonly options: Partial<Pick<EventBridgeOptions, EnvironmentOption>>;
  /** For each option taken from a variable, the variable's name, so that messages can name it. */
  readonly origins: Partial<Record<EnvironmentOption, string>>;
}

const TRUE = ['true', '1'];
const FALSE = ['false', '0'];
const WHOLE_MS = /^[1-9][0-9]*$/;

/**
 * Reads the JEST_EVENTBRIDGE_* settings from `env` (the runner passes `process.env`).
 * @throws ConfigurationError listing every bad variable at once, each named with the fix.
 */
export function readEnvironmentSettings(env: Readonly<Record<string, string | undefined>>): EnvironmentSettings {
  const options: Partial<Pick<EventBridgeOptions, EnvironmentOption>> = {};
  const origins: Partial<Record<EnvironmentOption, string>> = {};
  const problems: string[] = [];
  const value = (option: EnvironmentOption): string | undefined => {
    const text = env[ENVIRONMENT_VARIABLES[option]]?.trim();
    return text === undefined || text === '' ? undefined : text;
  };

  const bus = value('eventBusName');
  if (bus !== undefined) {
    if (!isEventBusNameOrArn(bus)) {
      problems.push(
        `${ENVIRONMENT_VARIABLES.eventBusName} ${describeValue(bus)} is not a bus name (${EVENT_BUS_NAME_RULE}) or event-bus ARN.`,
      );
    } else {
      options.eventBusName = bus;
      origins.eventBusName = ENVIRONMENT_VARIABLES.eventBusName;
    }
  }

  const keep = value('keep');
  if (keep !== undefined) {
    const lower = keep.toLowerCase();
    if (TRUE.includes(lower) || FALSE.includes(lower)) {
      options.keep = TRUE.includes(lower);
      origins.keep = ENVIRONMENT_VARIABLES.keep;
    } else {
      problems.push(`${ENVIRONMENT_VARIABLES.keep} must be "true" or "false" (or 1 or 0), got ${describeValue(keep)}.`);
    }
  }

  const timeout = value('timeout');
  if (timeout !== undefined) {
    if (WHOLE_MS.test(timeout)) {
      options.timeout = Number(timeout);
      origins.timeout = ENVIRONMENT_VARIABLES.timeout;
    } else {
      problems.push(
        `${ENVIRONMENT_VARIABLES.timeout} must be a whole number of milliseconds such as 20000, got ${JSON.stringify(timeout)}.`,
      );
    }
  }

  const scope = value('captureScope');
  if (scope !== undefined) {
    if (scope === 'file' || scope === 'worker') {
      options.captureScope = scope;
      origins.captureScope = ENVIRONMENT_VARIABLES.captureScope;
    } else {
      problems.push(`${ENVIRONMENT_VARIABLES.captureScope} must be "worker" or "file", got ${describeValue(scope)}.`);
    }
  }

  if (problems.length > 0) throw new ConfigurationError(formatProblemList('jest-eventbridge: invalid environment variables.', problems));
  return { options, origins };
}

/**
 * The raw `eventBridge` options with the environment's settings applied: over the config's
 * options, under the docblock's (`fromDocblock`: Jest has already replaced the config's object
 * with the docblock's). A key the docblock sets keeps its origin; the others name their variable.
 * Returns `raw` unchanged when no variable is set, so that its own errors are reported as before.
 */
export function applyEnvironmentSettings(
  raw: unknown,
  settings: EnvironmentSettings,
  fromDocblock: boolean,
): { readonly raw: unknown; readonly origins: Partial<Record<string, string>> } {
  if (Object.keys(settings.options).length === 0) return { raw, origins: {} };
  if (raw !== undefined && raw !== null && !isRecord(raw)) return { raw, origins: {} };
  const given = raw ?? {};
  if (!fromDocblock) return { raw: { ...given, ...settings.options }, origins: settings.origins };
  const origins = Object.fromEntries(Object.entries(settings.origins).filter(([key]) => !(key in given)));
  return { raw: { ...settings.options, ...given }, origins };
}
