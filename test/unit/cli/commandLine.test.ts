import { join } from 'node:path';
import { main, type CliIo } from '../../../src/cli/main';
import { parseCommandLine, SWEEP_USAGE, USAGE } from '../../../src/cli/commandLine';
import { ConfigurationError, JestEventBridgeError } from '../../../src/foundation/errors';
import { buildReport, type SweptResource } from '../../../src/sources/eventbridge/sweep/report';
import type { SweepOptions, SweepReport } from '../../../src/sources/eventbridge/sweep';

function usageError(argv: string[]): string {
  try {
    parseCommandLine(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return (error as Error).message;
  }
  throw new Error('expected a usage error');
}

describe('parseCommandLine', () => {
  it('reads every sweep option', () => {
    expect(
      parseCommandLine([
        'sweep',
        '--bus',
        'orders',
        '--older-than',
        '2h',
        '--prefix',
        'team-',
        '--region',
        'eu-west-1',
        '--endpoint=http://127.0.0.1:4566',
        '--dry-run',
      ]),
    ).toEqual({
      kind: 'sweep',
      options: {
        eventBusName: 'orders',
        olderThan: '2h',
        prefix: 'team-',
        region: 'eu-west-1',
        endpoint: 'http://127.0.0.1:4566',
        dryRun: true,
      },
    });
  });

  it('leaves defaults to the sweep', () => {
    expect(parseCommandLine(['sweep', '--bus=orders'])).toEqual({ kind: 'sweep', options: { eventBusName: 'orders', dryRun: false } });
  });

  it.each([
    [['--help'], USAGE],
    [['-h'], USAGE],
    [['sweep', '--help'], SWEEP_USAGE],
    [['sweep', '--bus', 'orders', '-h'], SWEEP_USAGE],
    [['sweep', '--nonsense', '--help'], SWEEP_USAGE],
  ])('shows help for %j', (argv, text) => {
    expect(parseCommandLine(argv)).toEqual({ kind: 'help', text });
  });

  it.each([
    [[], 'missing command: sweep, emulator.\nRun "jest-eventbridge --help" for usage.'],
    [['swep', '--bus', 'orders'], 'unknown command "swep": did you mean "sweep"?\nRun "jest-eventbridge --help" for usage.'],
    [['deploy'], 'unknown command "deploy". Commands: sweep, emulator.\nRun "jest-eventbridge --help" for usage.'],
    [
      ['sweep'],
      '--bus is required: the name or ARN of the event bus to sweep, e.g. --bus my-bus.\nRun "jest-eventbridge sweep --help" for usage.',
    ],
    [['sweep', '--bus'], '--bus needs a value, e.g. --bus my-bus.\nRun "jest-eventbridge sweep --help" for usage.'],
    [['sweep', '--bus', '--dry-run'], '--bus needs a value, e.g. --bus my-bus.\nRun "jest-eventbridge sweep --help" for usage.'],
    [['sweep', '--bus='], '--bus needs a value, e.g. --bus my-bus.\nRun "jest-eventbridge sweep --help" for usage.'],
    [['sweep', '--buss', 'orders'], 'unknown option --buss: did you mean --bus?\nRun "jest-eventbridge sweep --help" for usage.'],
    [
      ['sweep', '--bus', 'orders', '--older', '2h'],
      'unknown option --older: did you mean --older-than?\nRun "jest-eventbridge sweep --help" for usage.',
    ],
    [
      ['sweep', '--bus', 'orders', '--dryrun'],
      'unknown option --dryrun: did you mean --dry-run?\nRun "jest-eventbridge sweep --help" for usage.',
    ],
    [
      ['sweep', '--bus', 'orders', '--verbose'],
      'unknown option --verbose. Options: --bus, --older-than, --prefix, --region, --endpoint, --dry-run, --help.\nRun "jest-eventbridge sweep --help" for usage.',
    ],
    [
      ['sweep', '--bus', 'orders', '-x'],
      'unknown option -x. Options: --bus, --older-than, --prefix, --region, --endpoint, --dry-run, --help.\nRun "jest-eventbridge sweep --help" for usage.',
    ],
    [
      ['sweep', '--bus', 'orders', '--older-than', '1 hour'],
      '--older-than "1 hour" is not a duration: use a whole number and a unit, such as 0s, 30m, 2h or 1d.\nRun "jest-eventbridge sweep --help" for usage.',
    ],
    [
      ['sweep', '--bus', 'orders', '--older-than', '90'],
      '--older-than "90" is not a duration: use a whole number and a unit, such as 0s, 30m, 2h or 1d.\nRun "jest-eventbridge sweep --help" for usage.',
    ],
    [
      ['sweep', '--bus', 'orders', '--dry-run=yes'],
      '--dry-run takes no value, got --dry-run=yes.\nRun "jest-eventbridge sweep --help" for usage.',
    ],
    [['sweep', '--bus', 'a', '--bus', 'b'], '--bus is given more than once.\nRun "jest-eventbridge sweep --help" for usage.'],
    [['sweep', 'orders'], 'unexpected argument "orders": did you mean --bus orders?\nRun "jest-eventbridge sweep --help" for usage.'],
    [
      ['sweep', '--bus', 'orders', 'extra'],
      'unexpected argument "extra": sweep takes options only.\nRun "jest-eventbridge sweep --help" for usage.',
    ],
    [
      ['sweep', '--bus', 'orders', '--prefix', 'team/x'],
      '--prefix "team/x" must be letters, digits, "-" or "_" (it starts queue and rule names), at most 64.\nRun "jest-eventbridge sweep --help" for usage.',
    ],
    [
      ['sweep', '--bus', 'orders', '--region', 'Frankfurt'],
      '--region "Frankfurt" is not an AWS region such as us-east-1.\nRun "jest-eventbridge sweep --help" for usage.',
    ],
    [
      ['sweep', '--bus', 'orders', '--endpoint', 'localhost:4566'],
      '--endpoint "localhost:4566" is not an http(s) URL such as http://127.0.0.1:4566.\nRun "jest-eventbridge sweep --help" for usage.',
    ],
  ])('rejects %j', (argv, message) => {
    expect(usageError(argv)).toBe(message);
  });

  it('reports every mistake at once', () => {
    expect(usageError(['sweep', 'one', 'two', '--older-than', 'soon', '--dry-run=1', '--colour'])).toBe(
      [
        'invalid arguments:',
        '  - unexpected argument "one": sweep takes options only.',
        '  - unexpected argument "two": sweep takes options only.',
        '  - --dry-run takes no value, got --dry-run=1.',
        '  - unknown option --colour. Options: --bus, --older-than, --prefix, --region, --endpoint, --dry-run, --help.',
        '  - --bus is required: the name or ARN of the event bus to sweep, e.g. --bus my-bus.',
        '  - --older-than "soon" is not a duration: use a whole number and a unit, such as 0s, 30m, 2h or 1d.',
        'Run "jest-eventbridge sweep --help" for usage.',
      ].join('\n'),
    );
  });
});

describe('parseCommandLine: --prefix', () => {
  it('takes a prefix up to a whole rule name (64), as sweep() does', () => {
    expect(parseCommandLine(['sweep', '--bus', 'orders', '--prefix', 'p'.repeat(64)])).toMatchObject({
      kind: 'sweep',
      options: { prefix: 'p'.repeat(64) },
    });
    expect(() => parseCommandLine(['sweep', '--bus', 'orders', '--prefix', 'p'.repeat(65)])).toThrow(
      `--prefix "${'p'.repeat(65)}" must be letters, digits, "-" or "_" (it starts queue and rule names), at most 64.\nRun "jest-eventbridge sweep --help" for usage.`,
    );
  });
});

describe('main', () => {
  function io(sweep: (options: SweepOptions) => Promise<SweepReport>) {
    const out: string[] = [];
    const err: string[] = [];
    // Region and credentials are taken as set here; the next block checks them for real.
    const cliIo: CliIo = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), sweep, checkAwsSettings: () => Promise.resolve([]) };
    return { cliIo, out, err };
  }
  const resource = (outcome: SweptResource['outcome'], error?: string): SweptResource => ({
    kind: 'rule',
    name: 'jeb-a',
    id: 'arn',
    tags: {},
    status: 'paired',
    action: 'delete',
    ageMs: 7_200_000,
    runId: 'r1',
    outcome,
    ...(error ? { error } : {}),
  });
  const mustNotSweep = (): Promise<SweepReport> => Promise.reject(new Error('must not run'));
  const report = (resources: SweptResource[]) =>
    buildReport({ eventBusName: 'orders', prefix: 'jeb-', olderThanMs: 0, dryRun: false, resources, otherQueues: 0 });

  it('exits 0 and prints the report when everything due was removed', async () => {
    const calls: SweepOptions[] = [];
    const { cliIo, out, err } = io((options) => {
      calls.push(options);
      return Promise.resolve(report([resource('deleted')]));
    });
    expect(await main(['sweep', '--bus', 'orders', '--older-than', '0s'], cliIo)).toBe(0);
    expect(calls).toEqual([{ eventBusName: 'orders', olderThan: '0s', dryRun: false }]);
    expect(out.join('')).toBe(
      [
        'NAME   KIND  AGE  RUN ID  STATUS  ACTION',
        'jeb-a  rule  2h   r1      paired  deleted',
        '',
        'bus "orders", prefix "jeb-", older than 0s: removed 1 rule.',
        '',
      ].join('\n'),
    );
    expect(err).toEqual([]);
  });

  it('exits 1 and names on stderr what could not be removed', async () => {
    const { cliIo, out, err } = io(() =>
      Promise.resolve(report([resource('failed', 'Deleting rule jeb-a failed: AccessDeniedException')])),
    );
    expect(await main(['sweep', '--bus', 'orders'], cliIo)).toBe(1);
    expect(out.join('')).toContain('could not remove 1 rule');
    expect(err.join('')).toBe('Could not remove:\n  - rule jeb-a: Deleting rule jeb-a failed: AccessDeniedException\n');
  });

  it('exits 1 when the listing fails', async () => {
    const { cliIo, err } = io(() =>
      Promise.reject(
        new JestEventBridgeError(
          'jest-eventbridge sweep: Listing the rules of bus nope (events:ListRules) failed: event bus "nope" does not exist.',
        ),
      ),
    );
    expect(await main(['sweep', '--bus', 'nope'], cliIo)).toBe(1);
    expect(err.join('')).toBe(
      'jest-eventbridge sweep: Listing the rules of bus nope (events:ListRules) failed: event bus "nope" does not exist.\n',
    );
  });

  it('exits 2 on bad usage without sweeping', async () => {
    const { cliIo, err } = io(mustNotSweep);
    expect(await main(['sweep', '--bus', 'orders', '--older-than', '1y'], cliIo)).toBe(2);
    expect(err.join('')).toBe(
      'jest-eventbridge: --older-than "1y" is not a duration: use a whole number and a unit, such as 0s, 30m, 2h or 1d.\nRun "jest-eventbridge sweep --help" for usage.\n',
    );
  });

  it('exits 0 with the help on stdout', async () => {
    const { cliIo, out } = io(mustNotSweep);
    expect(await main(['sweep', '--help'], cliIo)).toBe(0);
    expect(out.join('')).toBe(`${SWEEP_USAGE}\n`);
  });
});

describe('main, with the AWS settings a sweep needs', () => {
  // An environment without region or credentials: no variables, no config files, no instance
  // metadata (so that nothing reaches the network).
  const saved = { ...process.env };
  beforeEach(() => {
    for (const key of Object.keys(process.env)) if (key.startsWith('AWS_')) delete process.env[key];
    process.env.AWS_CONFIG_FILE = join(__dirname, 'no-such-aws-config');
    process.env.AWS_SHARED_CREDENTIALS_FILE = join(__dirname, 'no-such-aws-credentials');
    process.env.AWS_EC2_METADATA_DISABLED = 'true';
  });
  afterEach(() => {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  });

  async function run(argv: string[]): Promise<{ code: number; err: string }> {
    const err: string[] = [];
    const code = await main(argv, {
      stdout: () => undefined,
      stderr: (t) => err.push(t),
      sweep: () => Promise.reject(new Error('must not sweep')),
    });
    return { code, err: err.join('') };
  }

  it('reports a missing region and missing credentials in one run, by flag and variable name', async () => {
    expect(await run(['sweep', '--bus', 'orders'])).toEqual({
      code: 2,
      err: [
        'jest-eventbridge: invalid arguments:',
        '  - no AWS region is set: give --region, e.g. --region us-east-1, or set AWS_REGION (or a region in your AWS profile).',
        '  - no AWS credentials were found: set AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY.',
        'Run "jest-eventbridge sweep --help" for usage.',
        '',
      ].join('\n'),
    });
  });

  it('adds them to the argument mistakes, and does not call a region given but bad missing', async () => {
    expect(
      await run(['sweep', '--bus', 'orders', '--older-than', 'soon', '--region', 'mars-1', '--endpoint', 'http://127.0.0.1:4566']),
    ).toEqual({
      code: 2,
      err: [
        'jest-eventbridge: invalid arguments:',
        '  - --older-than "soon" is not a duration: use a whole number and a unit, such as 0s, 30m, 2h or 1d.',
        '  - --region "mars-1" is not an AWS region such as us-east-1.',
        '  - no AWS credentials were found: set AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (any values work against the emulator at --endpoint).',
        'Run "jest-eventbridge sweep --help" for usage.',
        '',
      ].join('\n'),
    });
  });

  it('takes region and credentials from the environment, as the SDK does', async () => {
    Object.assign(process.env, { AWS_REGION: 'eu-west-1', AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' });
    const calls: SweepOptions[] = [];
    const code = await main(['sweep', '--bus', 'orders'], {
      stdout: () => undefined,
      stderr: () => undefined,
      sweep: (options) => {
        calls.push(options);
        return Promise.resolve(
          buildReport({ eventBusName: 'orders', prefix: 'jeb-', olderThanMs: 0, dryRun: false, resources: [], otherQueues: 0 }),
        );
      },
    });
    expect({ code, calls }).toEqual({ code: 0, calls: [{ eventBusName: 'orders', dryRun: false }] });
  });
});
