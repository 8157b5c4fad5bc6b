import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FILE_PART_FORMAT, isFilePart, type FilePart } from '../../core/report/filePart';
import { parseExactJson, stringifyExactJson } from '../../foundation/exactJson';
import { warn } from '../../foundation/log';

/** One file per test file and process: a file that runs twice (watch mode reruns in a new run) never overwrites another's. */
function partName(testPath: string): string {
  const hash = createHash('sha256').update(testPath).digest('hex').slice(0, 16);
  return `${hash}-${process.pid}-${Date.now()}.json`;
}

/**
 * Writes a file's part into the reporter's folder, synchronously: a teardown may be the last
 * thing a worker does. Integers beyond 2^53 stay exact.
 */
export function writeFilePart(partsDir: string, part: FilePart): void {
  mkdirSync(partsDir, { recursive: true });
  writeFileSync(join(partsDir, partName(part.testPath)), stringifyExactJson(part) ?? '{}');
}

/**
 * Writes a file's part from a teardown: a part that cannot be written is a warning (the report
 * then lacks the file), never an error that would fail the file's tests.
 */
export function saveFilePart(partsDir: string, part: FilePart | undefined, warnOf: (message: string) => void = warn): void {
  if (part === undefined) return;
  try {
    writeFilePart(partsDir, part);
  } catch (error) {
    warnOf(
      `the event report will lack ${part.testPath}: its part could not be written (${error instanceof Error ? error.message : String(error)}).`,
    );
  }
}

/** The part of a file whose capture could not even be configured (its options were wrong): only its error. */
export function writeSetupErrorPart(partsDir: string, testPath: string, error: unknown): void {
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  writeFilePart(partsDir, { partFormat: FILE_PART_FORMAT, testPath, error: text, eventsForgotten: 0, tests: [] });
}

/** Every part in the folder, in no particular order; a file that is not a part is reported, not thrown. */
export function readFileParts(partsDir: string): { readonly parts: FilePart[]; readonly unreadable: string[]; readonly files: string[] } {
  const parts: FilePart[] = [];
  const unreadable: string[] = [];
  let names: string[];
  try {
    names = readdirSync(partsDir).filter((name) => name.endsWith('.json'));
  } catch {
    return { parts, unreadable, files: [] };
  }
  for (const name of names) {
    try {
      const value = parseExactJson(readFileSync(join(partsDir, name), 'utf8'));
      if (isFilePart(value)) parts.push(value);
      else unreadable.push(name);
    } catch {
      unreadable.push(name);
    }
  }
  return { parts, unreadable, files: names.map((name) => join(partsDir, name)) };
}
