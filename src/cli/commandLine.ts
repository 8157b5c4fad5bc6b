/**
 * The command line of `jest-eventbridge`, parsed with node:util's parseArgs. It runs in lenient
 * mode and checks the tokens itself, so that every mistake is reported at once, with a
 * "did you mean" for a misspelt option, instead of parseArgs' first-error-only TypeError.
 * What the flags leave to the AWS SDK (region, credentials) is checked by main() and reported
 * in the same message.
 */
import { parseArgs } from 'node:util';
import { MAX_PREFIX_LENGTH, resourcePrefixProblem } from '../sources/eventbridge/resourceNames';
import { formatProblemList } from '../foundation/problemList';
import { ConfigurationError } from '../foundation/errors';
import { didYouMean } from '../foundation/didYouMean';
import { isHttpUrl } from '../foundation/valueFormats';
import { isKnownRegion } from '../aws/regions';
import { DURATION_EXAMPLES, parseDuration } from '../foundation/duration';
import type { SweepOptions } from '../sources/eventbridge/sweep';
import type { EmulatorOptions } from '../emulator/startEmulator';
import { EMULATOR_USAGE, parseEmulatorOptions } from './emulatorCommand';
import type { AwsSettings } from './awsSettings';

export const COMMANDS = ['sweep', 'emulator'] as const;

export const USAGE = `Usage: jest-eventbridge <command> [options]

Commands:
  sweep       remove capture queues and rules that test runs left behind
  emulator    run the embedded AWS emulator (moto, fixed for event tests) until interrupted

Run "jest-eventbridge <command> --help" for the options of a command.`;

export const SWEEP_USAGE = `Usage: jest-eventbridge sweep --bus NAME [options]

Removes the capture queues and rules that jest-eventbridge test runs left behind (a killed
worker, a cancelled CI job). Only resources that carry jest-eventbridge's tags and are older
than --older-than are deleted; anything else named with the prefix is left alone.

Options:
  --bus NAME        name or ARN of the event bus to sweep (required)
  --older-than AGE  only resources at least this old: 0s, 30m, 2h, 1d (default: 1h)
  --prefix P        name prefix of the capture queues and rules (default: jeb-)
  --region R        AWS region (default: the AWS SDK's, e.g. AWS_REGION)
  --endpoint URL    EventBridge and SQS endpoint, for an emulator (default: the AWS SDK's,
                    e.g. AWS_ENDPOINT_URL)
  --dry-run         list what would be deleted, delete nothing
  -h, --help        show this help

Exit status: 0 when everything due was removed (or nothing was due), 1 when something
could not be listed or removed, 2 on a usage error.`;

const STRING_OPTIONS = {
  bus: 'my-bus',
  'older-than': '2h',
  prefix: 'jeb-',
  region: 'us-east-1',
  endpoint: 'http://127.0.0.1:4566',
  port: '4010',
  host: '127.0.0.1',
} as const;
type StringOption = keyof typeof STRING_OPTIONS;
const BOOLEAN_OPTIONS = ['dry-run', 'help'] as const;
/** The options each command takes; `help` goes with every one. */
const COMMAND_OPTIONS: Readonly<Record<(typeof COMMANDS)[number], readonly string[]>> = {
  sweep: ['bus', 'older-than', 'prefix', 'region', 'endpoint', 'dry-run', 'help'],
  emulator: ['port', 'host', 'help'],
};
const ALL_OPTION_NAMES: readonly string[] = [...Object.keys(STRING_OPTIONS), ...BOOLEAN_OPTIONS];

export type Command =
  | { readonly kind: 'help'; readonly text: string }
  | { readonly kind: 'sweep'; readonly options: SweepOptions }
  | { readonly kind: 'emulator'; readonly options: EmulatorOptions };

function isStringOption(name: string): name is StringOption {
  return Object.prototype.hasOwnProperty.call(STRING_OPTIONS, name);
}

/**
 * A usage mistake (exit status 2). It keeps the problems, the command and the valid AWS flags
 * given, so that the CLI can add what it finds missing in the AWS settings to the same report.
 */
export class UsageError extends ConfigurationError {
  constructor(
    readonly problems: readonly string[],
    readonly command: string | undefined,
    readonly awsSettings?: AwsSettings,
  ) {
    super(formatUsageProblems(problems, command));
    this.name = 'UsageError';
  }
}

/** Every problem in one message, with where to find the usage. */
export function formatUsageProblems(problems: readonly string[], command: string | undefined): string {
  const list = formatProblemList('invalid arguments:', problems, { headingForOne: false });
  const help = command ? `jest-eventbridge ${command} --help` : 'jest-eventbridge --help';
  return `${list}\nRun "${help}" for usage.`;
}

function usageError(problems: readonly string[], command: string | undefined, awsSettings?: AwsSettings): UsageError {
  return new UsageError(problems, command, awsSettings);
}

/** What to run; throws a ConfigurationError listing every usage mistake (exit status 2). */
export function parseCommandLine(argv: readonly string[]): Command {
  const { tokens } = parseArgs({
    args: [...argv],
    options: {
      ...Object.fromEntries(Object.keys(STRING_OPTIONS).map((name) => [name, { type: 'string' as const }])),
      'dry-run': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: false,
    allowPositionals: true,
    tokens: true,
  });

  const problems: string[] = [];
  // An unknown option followed by a word most likely took it as its value (`--buss orders`):
  // that word is not reported again as a stray argument.
  const valueOfUnknown = new Set(
    tokens.flatMap((token) =>
      token.kind === 'option' && !ALL_OPTION_NAMES.includes(token.name) && token.value === undefined ? [token.index + 1] : [],
    ),
  );
  const positionals = tokens.flatMap((token) => (token.kind === 'positional' && !valueOfUnknown.has(token.index) ? [token.value] : []));
  const [command, ...extra] = positionals;
  const helpWanted = tokens.some((token) => token.kind === 'option' && token.name === 'help');
  if (command === undefined) {
    if (helpWanted) return { kind: 'help', text: USAGE };
    throw usageError([`missing command: ${COMMANDS.join(', ')}.`], undefined);
  }
  if (!isCommand(command)) {
    const hint = didYouMean(command, COMMANDS);
    throw usageError(
      [`unknown command "${command}"${hint ? `: did you mean "${hint}"?` : `. Commands: ${COMMANDS.join(', ')}.`}`],
      undefined,
    );
  }
  if (helpWanted) return { kind: 'help', text: command === 'emulator' ? EMULATOR_USAGE : SWEEP_USAGE };
  const optionNames = COMMAND_OPTIONS[command];

  const values: Partial<Record<StringOption, string>> = {};
  let dryRun = false;
  const seen = new Set<string>();
  /** Options a misspelling was taken for: not reported again as missing. */
  const hinted = new Set<string>();
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const { name, rawName } = token;
    if (!optionNames.includes(name)) {
      const hint = suggestOption(name, optionNames);
      if (hint !== undefined) hinted.add(hint);
      problems.push(
        `unknown option ${rawName}${hint ? `: did you mean --${hint}?` : `. Options: ${optionNames.map((o) => `--${o}`).join(', ')}.`}`,
      );
      continue;
    }
    if (seen.has(name)) {
      problems.push(`--${name} is given more than once.`);
      continue;
    }
    seen.add(name);
    if (isStringOption(name)) {
      // Lenient parseArgs takes the next argument as the value even when it is an option.
      if (token.value === undefined || token.value === '' || (!token.inlineValue && token.value.startsWith('-'))) {
        problems.push(`--${name} needs a value, e.g. --${name} ${STRING_OPTIONS[name]}.`);
      } else {
        values[name] = token.value;
      }
    } else if (token.value !== undefined) {
      problems.push(`--${name} takes no value, got ${rawName}=${token.value}.`);
    } else if (name === 'dry-run') {
      dryRun = true;
    }
  }

  if (command === 'emulator') {
    problems.unshift(...extra.map((value) => `unexpected argument "${value}": emulator takes options only.`));
    const options = parseEmulatorOptions(values, problems);
    if (problems.length > 0) throw usageError(problems, command);
    return { kind: 'emulator', options };
  }

  // `sweep orders` most likely meant `sweep --bus orders`.
  const [only] = extra;
  if (only !== undefined && extra.length === 1 && !seen.has('bus') && !hinted.has('bus')) {
    problems.unshift(`unexpected argument "${only}": did you mean --bus ${only}?`);
    hinted.add('bus');
  } else {
    problems.unshift(...extra.map((value) => `unexpected argument "${value}": ${command} takes options only.`));
  }
  if (!seen.has('bus') && !hinted.has('bus')) {
    problems.push(`--bus is required: the name or ARN of the event bus to sweep, e.g. --bus ${STRING_OPTIONS.bus}.`);
  }
  const olderThan = values['older-than'];
  if (olderThan !== undefined && parseDuration(olderThan) === undefined) {
    problems.push(`--older-than "${olderThan}" is not a duration: use a whole number and a unit, such as ${DURATION_EXAMPLES}.`);
  }
  const prefix = values.prefix;
  if (prefix !== undefined && resourcePrefixProblem(prefix, 'sweep') !== undefined) {
    problems.push(
      `--prefix "${prefix}" must be letters, digits, "-" or "_" (it starts queue and rule names), at most ${MAX_PREFIX_LENGTH.sweep}.`,
    );
  }
  const region = values.region;
  if (region !== undefined && !isKnownRegion(region)) {
    problems.push(`--region "${region}" is not an AWS region such as ${STRING_OPTIONS.region}.`);
  }
  const endpoint = values.endpoint;
  if (endpoint !== undefined && !isHttpUrl(endpoint)) {
    problems.push(`--endpoint "${endpoint}" is not an http(s) URL such as ${STRING_OPTIONS.endpoint}.`);
  }
  if (problems.length > 0) {
    const validRegion = region !== undefined && isKnownRegion(region) ? region : undefined;
    const validEndpoint = endpoint !== undefined && isHttpUrl(endpoint) ? endpoint : undefined;
    throw usageError(problems, command, {
      regionGiven: seen.has('region'),
      ...(validRegion !== undefined ? { region: validRegion } : {}),
      ...(validEndpoint !== undefined ? { endpoint: validEndpoint } : {}),
    });
  }

  return {
    kind: 'sweep',
    options: {
      eventBusName: values.bus ?? '',
      dryRun,
      ...(olderThan !== undefined ? { olderThan } : {}),
      ...(prefix !== undefined ? { prefix } : {}),
      ...(region !== undefined ? { region } : {}),
      ...(endpoint !== undefined ? { endpoint } : {}),
    },
  };
}

function isCommand(word: string): word is (typeof COMMANDS)[number] {
  return (COMMANDS as readonly string[]).includes(word);
}

/** A truncated name (`--older`) is as likely as a typo: a unique completion wins, then the closest. */
function suggestOption(name: string, optionNames: readonly string[]): string | undefined {
  const completions = name.length >= 2 ? optionNames.filter((option) => option.startsWith(name)) : [];
  return completions.length === 1 ? completions[0] : didYouMean(name, optionNames);
}
