import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventReport } from '../../../src/core/report/reportModel';
import { ConfigurationError } from '../../../src/foundation/errors';
import { readFileParts, writeFilePart } from '../../../src/session/report/partFiles';
import { ReportRun } from '../../../src/session/report/ReportRun';
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
    expect(readReportSettings(env)).toEqual({ partsDir: run.partsDir, redact: ['detail.card'] });
    // What a worker does at its file's teardown; a big integer stays exact.
    writeFilePart(run.partsDir, { partFormat: 1, testPath: join(work, 'a.test.ts'), eventsForgotten: 0, tests: [] });
    writeFilePart(run.partsDir, {
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
    writeFileSync(join(run.partsDir, 'stray.json'), '{"not":"a part"}');
    const end = run.finish([{ testPath: join(work, 'a.test.ts'), failed: true, tests: [] }], work);
    expect(end.line).toBe(`jest-eventbridge: event report in ${join(work, 'out', 'report.html')} (1 unreadable part left out)`);
    const json = readFileSync(join(work, 'out', 'report.json'), 'utf8');
    expect(json).toContain('{"n":12345678901234567890}');
    const report = JSON.parse(json) as EventReport;
    expect([report.generatedAt, report.files.map((file) => [file.path, file.status])]).toEqual([
      '2026-12-01T10:00:00.000Z',
      [
        ['a.test.ts', 'failed'],
        ['b.test.ts', 'passed'],
      ],
    ]);
    expect(readFileSync(join(work, 'out', 'report.html'), 'utf8')).toContain('<script type="application/json" id="report-data">');
    // The parts are gone; the folder stays for a runner that runs again in the same workers.
    expect(readdirSync(run.partsDir)).toEqual([]);
    run.dispose();
    expect(existsSync(run.partsDir)).toBe(false);
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

describe('report settings', () => {
  it('are absent without the variable, and refuse redact paths that are not JSON paths', () => {
    expect(readReportSettings({})).toBeUndefined();
    expect(() => readReportSettings({ [REPORT_PARTS_ENV]: work, [REPORT_REDACT_ENV]: '["card"]' })).toThrow(ConfigurationError);
    expect(readFileParts(join(work, 'missing'))).toEqual({ parts: [], unreadable: [], files: [] });
  });
});
