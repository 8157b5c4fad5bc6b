import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateReporterOptions } from '../../../src/core/report/reporterOptions';
import { checkReportFolder } from '../../../src/session/report/writeReport';
import { ConfigurationError } from '../../../src/foundation/errors';

const ENTRY = "['jest-eventbridge/reporter', options]";

function messageOf(raw: unknown): string {
  try {
    validateReporterOptions(raw, ENTRY);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigurationError);
    return (error as Error).message;
  }
  throw new Error('the options were accepted');
}

describe('validateReporterOptions', () => {
  it('defaults outputDir and redact', () => {
    expect(validateReporterOptions(undefined, ENTRY)).toEqual({ outputDir: 'eventbridge-report', redact: [] });
    expect(validateReporterOptions({}, ENTRY)).toEqual({ outputDir: 'eventbridge-report', redact: [] });
    expect(validateReporterOptions({ outputDir: 'reports/events', redact: ['detail.card.number'] }, ENTRY)).toEqual({
      outputDir: 'reports/events',
      redact: ['detail.card.number'],
    });
  });

  it('names an unknown key, with the likely one', () => {
    expect(messageOf({ outpuDir: 'x' })).toBe(
      `jest-eventbridge: invalid options for ${ENTRY}. unknown option "outpuDir" (did you mean "outputDir"?); known: outputDir, redact.`,
    );
  });

  it('names a bad outputDir and redact together', () => {
    expect(messageOf({ outputDir: '', redact: 'detail.card' })).toBe(
      [
        `jest-eventbridge: invalid options for ${ENTRY}.`,
        '  - outputDir must be a folder name, relative to the root folder or absolute (like "eventbridge-report"); got "".',
        '  - redact must be an array of paths in the event\'s detail, like ["detail.card.number"].',
      ].join('\n'),
    );
    expect(messageOf({ redact: ['card.number'] })).toBe(
      `jest-eventbridge: invalid options for ${ENTRY}. redact must hold paths that start at detail, with a key after each dot, like "detail.card.number"; got "card.number".`,
    );
  });

  it('refuses options that are not an object', () => {
    expect(messageOf('eventbridge-report')).toBe(
      `jest-eventbridge: invalid options for ${ENTRY}. They must be an object like { outputDir: 'eventbridge-report', redact: ['detail.card.number'] }; got "eventbridge-report".`,
    );
  });
});

describe('checkReportFolder', () => {
  it('refuses an outputDir that names an existing file, and leaves a folder or a new path alone', () => {
    const root = mkdtempSync(join(tmpdir(), 'jeb-report-folder-'));
    try {
      writeFileSync(join(root, 'afile'), '');
      mkdirSync(join(root, 'reports'));
      expect(() => checkReportFolder(root, 'afile', "['jest-eventbridge/reporter', options]")).toThrow(
        `jest-eventbridge: invalid options for ['jest-eventbridge/reporter', options]. outputDir "afile" names a file (${join(root, 'afile')}), where the report needs a folder: name another folder, or move the file.`,
      );
      expect(() => checkReportFolder(root, 'reports', 'r')).not.toThrow();
      expect(() => checkReportFolder(root, 'not-yet/there', 'r')).not.toThrow();
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('refuses an outputDir with a NUL character up front', () => {
    expect(() => validateReporterOptions({ outputDir: 'a\0b' }, 'r')).toThrow(/outputDir must be a folder name/);
  });
});
