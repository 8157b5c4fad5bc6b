import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventReport } from '../../../src/core/report/reportModel';
import { ConfigurationError } from '../../../src/foundation/errors';
import { readFileParts, saveFilePart, saveSetupErrorPart, writeFilePart } from '../../../src/session/report/partFiles';
import { removeStalePartsFolders, ReportRun } from '../../../src/session/report/ReportRun';
import { readReportSettings, REPORT_PARTS_ENV, REPORT_REDACT_ENV } from '../../../src/session/report/reportSettings';

let work: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'jeb-report-unit-'));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

const options = { outputDir: 'out', redact: ['detail.card'] };

describe('ReportRun', () => {
  it('asks the workers for parts through the environment, joins them at the end and removes them', () => {
    const env: NodeJS.ProcessEnv = {};
    const run = new ReportRun({ runner: 'jest', options, tmpDir: work, env, now: () => new Date('2026-12-01T10:00:00Z') });
    const partsDir = run.partsDir ?? '';
    expect(readReportSettings(env)).toEqual({ partsDir, redact: ['detail.card'] });
    // What a worker does at its file's teardown; a big integer stays exact.
    writeFilePart(partsDir, { partFormat: 1, testPath: join(work, 'a.test.ts'), eventsForgotten: 0, tests: [] });
    writeFilePart(partsDir, {
      partFormat: 1,
      testPath: join(work, 'b.test.ts'),
      eventsForgotten: 0,
      tests: [
        {
          title: 't',
          ancestors: [],
          startedAt: 1,
          timeline: [{ kind: 'put', offsetMs: 0, eventId: 'e', source: 's', detailType: 'd', entry: { n: 12345678901234567890n } }],
        },
      ],
    });
    writeFileSync(join(partsDir, 'stray.json'), '{"not":"a part"}');
    // A part being written: never read.
    writeFileSync(join(partsDir, 'half.json.tmp'), '{"partFormat":1,');
    const end = run.finish([{ testPath: join(work, 'a.test.ts'), failed: true, tests: [] }], work);
    expect(end.line).toBe(
      `jest-eventbridge: event report in ${join(work, 'out', 'report.html')} (1 unreadable part left out)\n` +
        'jest-eventbridge: redact path "detail.card" matched no value in this run (a path is detail.<key>.<key>...; check its keys\' spelling).',
    );
    const json = readFileSync(join(work, 'out', 'report.json'), 'utf8');
    expect(json).toContain('{"n":12345678901234567890}');
    const report = JSON.parse(json) as EventReport;
    expect([report.generatedAt, report.files.map((file) => [file.path, file.status])]).toEqual([
      '2026-12-01T10:00:00.000Z',
      [
        ['a.test.ts', 'failed'],
        // The runner gave no result for it.
        ['b.test.ts', 'unknown'],
      ],
    ]);
    expect(readFileSync(join(work, 'out', 'report.html'), 'utf8')).toContain('<script type="application/json" id="report-data">');
    // The parts are gone; the folder stays for a runner that runs again in the same workers.
    expect(readdirSync(partsDir)).toEqual(['half.json.tmp']);
    run.dispose();
    expect(existsSync(partsDir)).toBe(false);
    expect(env[REPORT_PARTS_ENV]).toBeUndefined();
  });

  it('writes nothing when no file sent a part, and says why', () => {
    const run = new ReportRun({ runner: 'vitest', options, tmpDir: work, env: {} });
    expect(run.finish([{ testPath: join(work, 'plain.test.ts'), failed: false, tests: [] }], work)).toEqual({
      line: 'jest-eventbridge: no test file ran with jest-eventbridge, so no event report was written.',
    });
    expect(existsSync(join(work, 'out'))).toBe(false);
    run.dispose();
  });
});

describe('ReportRun, when the disk says no', () => {
  it('says it could not write the report (outputDir is a file) instead of failing the run', () => {
    writeFileSync(join(work, 'out'), 'a file, not a folder');
    const run = new ReportRun({ runner: 'jest', options: { outputDir: 'out', redact: [] }, tmpDir: work, env: {} });
    writeFilePart(run.partsDir ?? '', { partFormat: 1, testPath: join(work, 'a.test.ts'), eventsForgotten: 0, tests: [] });
    const end = run.finish([], work);
    expect(end.line).toMatch(new RegExp(`^jest-eventbridge: could not write the event report to ${join(work, 'out')}: .*E(EXIST|NOTDIR)`));
    run.dispose();
  });

  it('says it could not make its folder, asks no worker for parts, and writes nothing', () => {
    const env: NodeJS.ProcessEnv = {};
    const missing = join(work, 'missing');
    const run = new ReportRun({ runner: 'jest', options, tmpDir: missing, env });
    expect([run.partsDir, env[REPORT_PARTS_ENV]]).toEqual([undefined, undefined]);
    expect(run.finish([], work).line).toMatch(
      new RegExp(
        `^jest-eventbridge: could not make the event report's temporary folder in ${missing}: .*ENOENT.*, so no event report was written\\.$`,
      ),
    );
    run.dispose();
  });

  it("removes the parts' folders of reporters whose process ended, and no other", () => {
    for (const name of ['jest-eventbridge-report-999999-abc', 'jest-eventbridge-report-4242-def', 'other-999999-x'])
      mkdirSync(join(work, name));
    removeStalePartsFolders(work, (pid) => pid === 4242);
    expect(readdirSync(work).sort()).toEqual(['jest-eventbridge-report-4242-def', 'other-999999-x']);
    const run = new ReportRun({ runner: 'jest', options, tmpDir: work, env: {} });
    expect(run.partsDir).toMatch(new RegExp(`jest-eventbridge-report-${process.pid}-`));
    run.dispose();
  });

  it('turns a part that cannot be built into a warning', () => {
    const warnings: string[] = [];
    saveFilePart(
      work,
      'a.test.ts',
      () => {
        throw new Error('store closed');
      },
      (message) => warnings.push(message),
    );
    expect(warnings).toEqual(['the event report will lack a.test.ts: its part could not be written (store closed).']);
  });

  it("never throws from a setup error's part: the user's error, thrown next, must not be hidden", () => {
    const notAFolder = join(work, 'file');
    writeFileSync(notAFolder, '');
    const warnings: string[] = [];
    expect(() => saveSetupErrorPart(notAFolder, 'a.test.ts', new Error('bad options'), (message) => warnings.push(message))).not.toThrow();
    expect(warnings).toEqual([expect.stringMatching(/^the event report will lack a\.test\.ts: its part could not be written \(.*EEXIST/)]);
  });
});

describe('report settings', () => {
  it('are absent without the variable, and refuse redact paths that are not JSON paths', () => {
    expect(readReportSettings({})).toBeUndefined();
    expect(() => readReportSettings({ [REPORT_PARTS_ENV]: work, [REPORT_REDACT_ENV]: '["card"]' })).toThrow(ConfigurationError);
    expect(readFileParts(join(work, 'missing'))).toEqual({ parts: [], unreadable: [], files: [] });
  });
});
