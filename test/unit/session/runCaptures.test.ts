import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  RUN_CAPTURES_ENV,
  forgetRunCapture,
  formatRunCapturesFailures,
  runCapturesOpen,
  openRunCaptures,
  readRunCaptures,
  recordRunCapture,
  removeRunCaptures,
} from '../../../src/session/runCaptures';

describe('the run folder of worker captures', () => {
  let env: NodeJS.ProcessEnv;
  afterEach(() => {
    const folder = env[RUN_CAPTURES_ENV];
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('is opened once per run (a second project reuses it) and named for the workers', () => {
    env = {};
    const folder = openRunCaptures(env);
    expect(env[RUN_CAPTURES_ENV]).toBe(folder);
    expect(openRunCaptures(env)).toBe(folder);
  });

  it('records, reads and forgets captures; a stray file is reported, not fatal', () => {
    env = {};
    const folder = openRunCaptures(env);
    const record = { resourceName: 'jeb-abc-w1-worker-x', eventBusName: 'orders', label: 'worker 1 of run abc', region: 'eu-west-1' };
    recordRunCapture(folder, record);
    writeFileSync(join(folder, 'stray.json'), '{not json');
    expect(readRunCaptures(folder)).toEqual({ records: [record], unreadable: ['stray.json'] });
    forgetRunCapture(folder, record.resourceName);
    forgetRunCapture(folder, record.resourceName);
    expect(readdirSync(folder)).toEqual(['stray.json']);
  });

  it('with nothing recorded, the teardown removes the folder and forgets it, so the next run opens its own', async () => {
    env = {};
    const folder = openRunCaptures(env);
    expect(await removeRunCaptures(env)).toEqual({ removed: [], failed: [] });
    expect(env[RUN_CAPTURES_ENV]).toBeUndefined();
    expect(() => readdirSync(folder)).toThrow();
    expect(await removeRunCaptures(env)).toEqual({ removed: [], failed: [] });
    const next = openRunCaptures(env);
    expect(next).not.toBe(folder);
  });

  it('says which captures the teardown could not remove, and the sweep for each bus', () => {
    env = {};
    const folder = mkdtempSync(join(tmpdir(), 'unused-'));
    rmSync(folder, { recursive: true });
    expect(
      formatRunCapturesFailures({
        removed: [],
        failed: [
          { resourceName: 'jeb-abc-w1-worker-x', eventBusName: 'orders', reason: 'AccessDenied: no\nmore' },
          { resourceName: 'jeb-abc-w2-worker-y', eventBusName: 'orders', reason: 'Throttled' },
        ],
      }),
    ).toBe(
      [
        "jest-eventbridge: the run's teardown could not remove 2 worker captures:",
        '  - jeb-abc-w1-worker-x: AccessDenied: no',
        '  - jeb-abc-w2-worker-y: Throttled',
        'Remove them with `npx jest-eventbridge sweep --bus orders`.',
      ].join('\n'),
    );
  });

  it('is closed once the teardown begins: a worker starting a file then records nothing (it makes its own capture)', async () => {
    env = {};
    const folder = openRunCaptures(env);
    expect(runCapturesOpen(folder)).toBe(true);
    const copy = { ...env };
    await removeRunCaptures(copy);
    expect(runCapturesOpen(folder)).toBe(false);
    expect(() => recordRunCapture(folder, { resourceName: 'jeb-late', eventBusName: 'orders', label: 'worker 1' })).toThrow(
      /the run's teardown has begun/,
    );
  });

  it('names unreadable records and the sweep that removes what they named', () => {
    env = {};
    expect(formatRunCapturesFailures({ removed: ['jeb-a'], failed: [], unreadable: ['jeb-b.json'] })).toBe(
      "jest-eventbridge: the run's teardown could not read 1 record of worker captures (jeb-b.json); `npx jest-eventbridge sweep --bus <bus>` removes what they named.",
    );
  });
});
