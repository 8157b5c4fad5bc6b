import { join } from 'node:path';
import { checkReporterOptions, eventBridgeGlobalSetup, RUN_ID_ENV } from '../../../../src/runners/jest/globalSetup';
import { buildReport, type SweptResource } from '../../../../src/sources/eventbridge/sweep/report';
import type { SweepOptions, SweepReport } from '../../../../src/sources/eventbridge/sweep';

const deleted = (name: string, kind: 'rule' | 'queue'): SweptResource => ({
  kind,
  name,
  id: name,
  tags: {},
  status: 'paired',
  action: 'delete',
  outcome: 'deleted',
});

function setup(
  eventBridge: unknown,
  sweepResult: SweepReport | Error = buildReport({
    eventBusName: 'orders',
    prefix: 'jeb-',
    olderThanMs: 3_600_000,
    dryRun: false,
    resources: [],
    otherQueues: 0,
  }),
) {
  const written: string[] = [];
  const calls: SweepOptions[] = [];
  const run = eventBridgeGlobalSetup(
    { testTimeout: 30_000 },
    { testEnvironmentOptions: { eventBridge } },
    {
      write: (text) => written.push(text),
      // No run folder of worker captures in this process: nothing here starts a worker.
      workerCaptures: false,
      sweep: (options) => {
        calls.push(options);
        return sweepResult instanceof Error ? Promise.reject(sweepResult) : Promise.resolve(sweepResult);
      },
    },
  );
  return { run, written, calls };
}

describe('the global setup', () => {
  const saved = process.env[RUN_ID_ENV];
  beforeEach(() => {
    delete process.env[RUN_ID_ENV];
  });
  afterAll(() => {
    if (saved === undefined) delete process.env[RUN_ID_ENV];
    else process.env[RUN_ID_ENV] = saved;
  });

  it('gives the run a fresh id for all its workers, and keeps one already set', async () => {
    await setup({ eventBusName: 'orders' }).run;
    const first = process.env[RUN_ID_ENV];
    expect(first).toMatch(/^[a-z0-9]{6}$/);
    await setup({ eventBusName: 'orders' }).run;
    expect(process.env[RUN_ID_ENV]).toBe(first);
  });

  it('does not sweep unless sweep is true', async () => {
    for (const options of [{ eventBusName: 'orders' }, { eventBusName: 'orders', sweep: 'yes' }, undefined]) {
      const { run, calls, written } = setup(options);
      await run;
      expect(calls).toEqual([]);
      expect(written).toEqual([]);
    }
  });

  it('sweeps the bus once with the options of the environment, and prints one line', async () => {
    const report = buildReport({
      eventBusName: 'orders',
      prefix: 'team-',
      olderThanMs: 1_800_000,
      dryRun: false,
      resources: [deleted('team-a', 'rule'), deleted('team-a', 'queue')],
      otherQueues: 0,
    });
    const { run, calls, written } = setup(
      {
        eventBusName: 'arn:aws:events:eu-west-1:111122223333:event-bus/orders',
        sweep: true,
        sweepOlderThan: '30m',
        resourcePrefix: 'team-',
        endpoint: 'http://127.0.0.1:4566',
        maxAttempts: 2,
      },
      report,
    );
    await run;
    expect(calls).toEqual([
      {
        eventBusName: 'orders',
        olderThan: 1_800_000,
        prefix: 'team-',
        maxAttempts: 2,
        region: 'eu-west-1',
        endpoint: 'http://127.0.0.1:4566',
      },
    ]);
    expect(written).toEqual(['jest-eventbridge: sweep: bus "orders", prefix "team-", older than 30m: removed 1 rule and 1 queue.\n']);
  });

  it('names what it could not remove, and lets the tests run when the sweep fails', async () => {
    const failed: SweptResource = { ...deleted('jeb-a', 'queue'), outcome: 'failed', error: 'AccessDenied' };
    const partial = setup(
      { eventBusName: 'orders', sweep: true },
      buildReport({ eventBusName: 'orders', prefix: 'jeb-', olderThanMs: 3_600_000, dryRun: false, resources: [failed], otherQueues: 0 }),
    );
    await partial.run;
    expect(partial.written).toEqual([
      'jest-eventbridge: sweep: bus "orders", prefix "jeb-", older than 1h: removed nothing; could not remove 1 queue.\n',
      'jest-eventbridge: Could not remove:\n  - queue jeb-a: AccessDenied\n',
    ]);

    const broken = setup({ eventBusName: 'orders', sweep: true }, new Error('cannot reach endpoint'));
    await expect(broken.run).resolves.toBeUndefined();
    expect(broken.written).toEqual([
      'jest-eventbridge: sweep of bus "orders" (leftovers older than 1h) failed, tests run anyway: cannot reach endpoint\n',
    ]);
  });

  it('fails the run early on invalid options when asked to sweep', async () => {
    await expect(setup({ sweep: true }).run).rejects.toThrow('"testEnvironmentOptions.eventBridge.eventBusName" is required');
  });
});

describe('the global setup called by hand', () => {
  it('names the two arguments it needs', async () => {
    const call = eventBridgeGlobalSetup as unknown as (...args: unknown[]) => Promise<void>;
    await expect(call()).rejects.toThrow(
      'jest-eventbridge: the global setup needs the two arguments Jest passes to a global setup: from your own, call ours as `await eventBridgeSetup(globalConfig, projectConfig)`.',
    );
  });
});

describe('checkReporterOptions', () => {
  const ours = join(__dirname, '../../../../reporter/index.js');

  it("refuses our reporter's bad options before anything starts, as the reporter would", () => {
    expect(() =>
      checkReporterOptions([
        ['default', {}],
        [ours, { redcat: ['detail.card.number'] }],
      ]),
    ).toThrow(
      `jest-eventbridge: invalid options for ['jest-eventbridge/reporter', options]. unknown option "redcat" (did you mean "redact"?); known: outputDir, redact.`,
    );
    expect(() => checkReporterOptions([['jest-eventbridge/reporter', { outputDir: 42 }]])).toThrow(/outputDir must be a folder name/);
  });

  it("leaves good options and other reporters' options alone", () => {
    expect(() =>
      checkReporterOptions([
        ['default', {}],
        [ours, { outputDir: 'reports' }],
        ['jest-junit', { redcat: 1 }],
      ]),
    ).not.toThrow();
    expect(() => checkReporterOptions(undefined)).not.toThrow();
  });
});
