import type { FilePart, RecordedTest } from '../../../src/core/report/filePart';
import {
  joinReport,
  NO_PART_ERROR,
  relativePath,
  unmatchedRedactPaths,
  type RunnerFileResult,
  type RunnerTestResult,
} from '../../../src/core/report/joinReport';
import type { PutEntry, TimelineEntry } from '../../../src/core/report/reportModel';

const idOf = (entry: TimelineEntry): string => ('eventId' in entry ? entry.eventId : '');

const put = (eventId: string, offsetMs: number): PutEntry => ({
  kind: 'put',
  offsetMs,
  eventId,
  source: 'shop.orders',
  detailType: 'OrderPlaced',
  entry: { Source: 'shop.orders' },
});

const recorded = (title: string, ancestors: string[], eventId: string): RecordedTest => ({
  title,
  ancestors,
  startedAt: 1_000,
  durationMs: 50,
  timeline: [put(eventId, 3)],
});

const part = (testPath: string, tests: RecordedTest[], extra: Partial<FilePart> = {}): FilePart => ({
  partFormat: 1,
  testPath,
  eventBusName: 'orders',
  startedAt: 900,
  durationMs: 400,
  eventsForgotten: 0,
  tests,
  ...extra,
});

const result = (
  title: string,
  ancestors: string[],
  status: RunnerTestResult['status'],
  failureMessages: string[] = [],
): RunnerTestResult => ({
  title,
  ancestors,
  status,
  durationMs: 40,
  failureMessages,
});

const file = (testPath: string, tests: RunnerTestResult[], extra: Partial<RunnerFileResult> = {}): RunnerFileResult => ({
  testPath,
  failed: tests.some((test) => test.status === 'failed'),
  tests,
  ...extra,
});

const join = (results: RunnerFileResult[], parts: FilePart[]) =>
  joinReport({ runner: 'jest', rootDir: '/repo', redacted: ['detail.card'], generatedAt: '2026-12-01T10:00:00.000Z', results, parts });

describe('joinReport', () => {
  it('pairs the runner results with the recorded tests: failed files first, then by path; failed tests first, then in run order', () => {
    const report = join(
      [
        file('/repo/b.test.ts', [result('one', [], 'passed'), result('two', ['block'], 'failed', ['\u001b[31mexpected\u001b[39m'])]),
        file('/repo/a.test.ts', [result('three', [], 'passed')]),
        file('/repo/c.test.ts', [result('four', [], 'passed'), result('five', [], 'skipped')]),
      ],
      [
        part('/repo/c.test.ts', [recorded('four', [], 'e4')]),
        part('/repo/a.test.ts', [recorded('three', [], 'e3')]),
        part('/repo/b.test.ts', [recorded('one', [], 'e1'), recorded('two', ['block'], 'e2')]),
      ],
    );
    expect(report).toMatchObject({ formatVersion: 1, runner: 'jest', redacted: ['detail.card'], generatedAt: '2026-12-01T10:00:00.000Z' });
    expect(report.files.map((f) => [f.path, f.status, f.tests.map((t) => [t.title, t.status, t.timeline.map(idOf)])])).toEqual([
      [
        'b.test.ts',
        'failed',
        [
          ['two', 'failed', ['e2']],
          ['one', 'passed', ['e1']],
        ],
      ],
      ['a.test.ts', 'passed', [['three', 'passed', ['e3']]]],
      [
        'c.test.ts',
        'passed',
        [
          ['four', 'passed', ['e4']],
          ['five', 'skipped', []],
        ],
      ],
    ]);
    expect(report.files[0]?.tests[0]).toEqual({
      title: 'two',
      ancestors: ['block'],
      status: 'failed',
      startedAt: 1_000,
      durationMs: 40,
      failureMessages: ['expected'],
      timeline: [put('e2', 3)],
    });
    expect(report.files[0]).toMatchObject({ eventBusName: 'orders', startedAt: 900, durationMs: 400, eventsForgotten: 0 });
  });

  it('pairs tests of the same name in order, a retried test by its last attempt', () => {
    const report = join(
      [file('/repo/a.test.ts', [result('same', [], 'passed'), result('same', [], 'failed'), result('retried', [], 'passed')])],
      [
        part('/repo/a.test.ts', [
          recorded('same', [], 's1'),
          recorded('same', [], 's2'),
          recorded('retried', [], 'r1'),
          recorded('retried', [], 'r2'),
        ]),
      ],
    );
    expect(report.files[0]?.tests.map((t) => [t.title, t.timeline.map(idOf)])).toEqual([
      ['same', ['s2']],
      ['same', ['s1']],
      ['retried', ['r2']],
    ]);
  });

  it('leaves out files without a part, and fails a file whose capture could not be set up', () => {
    const report = join(
      [file('/repo/plain.test.ts', [result('adds', [], 'passed')]), file('/repo/a.test.ts', [result('never', [], 'failed')])],
      [part('/repo/a.test.ts', [], { error: 'CaptureSetupError: \u001b[1mno bus\u001b[22m' })],
    );
    expect(report.files.map((f) => [f.path, f.status, f.error])).toEqual([['a.test.ts', 'failed', 'CaptureSetupError: no bus']]);
  });

  it('takes the runner file error when the part has none', () => {
    const report = join([file('/repo/a.test.ts', [], { failed: true, error: 'SyntaxError: x' })], [part('/repo/a.test.ts', [])]);
    expect(report.files[0]).toMatchObject({ status: 'failed', error: 'SyntaxError: x', tests: [] });
  });
});

describe('joinReport, safely', () => {
  const CARD = '4111111111111111';

  it("masks every part's secret texts in the runner's failure messages and file errors, and never writes the texts themselves", () => {
    const report = join(
      [
        file('/repo/a.test.ts', [result('pays', [], 'failed', [`Received: {"card":{"number":"${CARD}"}}`])]),
        file('/repo/b.test.ts', [], { failed: true, error: `TypeError: bad card ${CARD}` }),
      ],
      [part('/repo/a.test.ts', [recorded('pays', [], 'e1')], { secrets: [CARD] }), part('/repo/b.test.ts', [])],
    );
    const json = JSON.stringify(report);
    expect(json).not.toContain(CARD);
    expect(report.files.map((f) => [f.path, f.error, f.tests.map((t) => t.failureMessages)])).toEqual([
      ['a.test.ts', undefined, [['Received: {"card":{"number":"[redacted]"}}']]],
      ['b.test.ts', 'TypeError: bad card [redacted]', []],
    ]);
  });

  it('lists a file the runner failed to run and that left no part (a killed worker), with why', () => {
    const report = join(
      [
        file('/repo/killed.test.ts', [], { failed: true, error: 'Test suite failed to run\n\nCall retries were exceeded' }),
        file('/repo/plain.test.ts', [result('adds', [], 'failed')]),
      ],
      [],
    );
    expect(report.files.map((f) => [f.path, f.status, f.error])).toEqual([
      ['killed.test.ts', 'failed', `${NO_PART_ERROR}.\n\nTest suite failed to run\n\nCall retries were exceeded`],
    ]);
  });

  it('does not call the tests of a part without a runner result passed', () => {
    const report = join([], [part('/repo/a.test.ts', [recorded('ran', [], 'e1')])]);
    expect(report.files.map((f) => [f.path, f.status, f.tests.map((t) => [t.title, t.status])])).toEqual([
      ['a.test.ts', 'unknown', [['ran', 'unknown']]],
    ]);
  });

  it("keeps only a file's newest part (a late part of an earlier run is not joined)", () => {
    const report = join(
      [file('/repo/a.test.ts', [result('t', [], 'passed')])],
      [
        part('/repo/a.test.ts', [recorded('t', [], 'new')], { writtenAt: 20 }),
        part('/repo/a.test.ts', [recorded('t', [], 'old')], { writtenAt: 10 }),
      ],
    );
    expect(report.files.map((f) => f.tests.map((t) => t.timeline.map(idOf)))).toEqual([[['new']]]);
  });

  it('names the redact paths no part matched', () => {
    expect(
      unmatchedRedactPaths(
        ['detail.card', 'detail.crad', 'detail.email'],
        [part('a', [], { redactMatched: ['detail.card'] }), part('b', [], { redactMatched: ['detail.email'] }), part('c', [])],
      ),
    ).toEqual(['detail.crad']);
  });
});

describe('relativePath', () => {
  it('is relative to the root with / separators, and whole outside it', () => {
    expect(relativePath('/repo/', '/repo/test/a.test.ts')).toBe('test/a.test.ts');
    expect(relativePath('C:\\repo', 'C:\\repo\\test\\a.test.ts')).toBe('test/a.test.ts');
    expect(relativePath('/repo', '/elsewhere/a.test.ts')).toBe('/elsewhere/a.test.ts');
  });
});
