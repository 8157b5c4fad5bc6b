import { describeSummary, summarizeReport } from '../../../src/core/report/html/reportSummary';
import { fixtureReport, largeReport } from '../../support/reportFixture';

describe('summarizeReport', () => {
  it('counts files, tests and events, and each test for its list row', () => {
    expect(summarizeReport(fixtureReport())).toEqual({
      files: 3,
      failedFiles: 1,
      tests: 5,
      failedTests: 1,
      skippedTests: 1,
      unknownTests: 0,
      puts: 4,
      captured: 5,
      counts: [
        [
          { events: 5, failedMatchers: 1, failedInvocations: 1 },
          { events: 2, failedMatchers: 0, failedInvocations: 0 },
        ],
        [{ events: 2, failedMatchers: 0, failedInvocations: 0 }],
        [
          { events: 0, failedMatchers: 0, failedInvocations: 0 },
          { events: 0, failedMatchers: 0, failedInvocations: 0 },
        ],
      ],
    });
  });

  it('holds the large fixture to its shape: 500 tests, 20,000 events, one test of 1000', () => {
    const { report, shape } = largeReport();
    const summary = summarizeReport(report);
    expect([summary.tests, summary.puts + summary.captured]).toEqual([500, 20000]);
    expect(summary.counts[shape.bigTest.file]?.[shape.bigTest.test]?.events).toBe(1000);
  });
});

describe('describeSummary', () => {
  it('says files, tests, failed, skipped (when any) and events', () => {
    expect(describeSummary(summarizeReport(fixtureReport()))).toBe(
      '3 files · 5 tests · 1 failed · 1 skipped · 9 events (4 put, 5 captured)',
    );
  });

  it('uses the singular for one, and leaves skipped out when none were', () => {
    const report = fixtureReport();
    const one = {
      ...report,
      files: [{ ...report.files[1]!, tests: report.files[1]!.tests.map((test) => ({ ...test, timeline: test.timeline.slice(0, 1) })) }],
    };
    expect(describeSummary(summarizeReport(one))).toBe('1 file · 1 test · 0 failed · 1 event (1 put, 0 captured)');
  });

  it('counts the tests the runner gave no result for', () => {
    const report = fixtureReport();
    const unknown = {
      ...report,
      files: [{ ...report.files[1]!, tests: report.files[1]!.tests.map((test) => ({ ...test, status: 'unknown' as const })) }],
    };
    expect(describeSummary(summarizeReport(unknown))).toMatch(/^1 file · 1 test · 0 failed · 1 with no result · /);
  });
});
