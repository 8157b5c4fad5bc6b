import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FILE_PART_FORMAT, isFilePart, type FilePart } from '../../core/report/filePart';
import { errorText } from '../../core/report/reportText';
import { parseExactJson, stringifyExactJson } from '../../foundation/exactJson';
import { warn } from '../../foundation/log';

/** One file per test file and process: a file that runs twice (watch mode reruns in a new run) never overwrites another's. */
function partName(testPath: string): string {
  const hash = createHash('sha256').update(testPath).digest('hex').slice(0, 16);
  return `${hash}-${process.pid}-${Date.now()}.json`;
}

/**
 * Writes a file's part into the reporter's folder, synchronously: a teardown may be the last
 * thing a worker does. Written under a temporary name, then renamed: the reporter reads only
 * `.json` files, so it never reads a part half-written (a worker killed mid-write, a late one).
 * Integers beyond 2^53 stay exact.
 */
export function writeFilePart(partsDir: string, part: FilePart): void {
  mkdirSync(partsDir, { recursive: true, mode: 0o700 });
  const path = join(partsDir, partName(part.testPath));
  const temporary = `${path}.tmp`;
  writeFileSync(temporary, stringifyExactJson(part) ?? '{}', { mode: 0o600 });
  renameSync(temporary, path);
}

/**
 * Builds and writes a file's part from a teardown: a part that cannot be built or written is a
 * warning (the report then lacks the file, or lists it as crashed), never an error that would
 * fail the file's tests or skip the rest of the teardown.
 * @param makePart builds the part; undefined when no report is wanted
 */
export function saveFilePart(
  partsDir: string,
  testPath: string,
  makePart: () => FilePart | undefined,
  warnOf: (message: string) => void = warn,
): void {
  try {
    const part = makePart();
    if (part !== undefined) writeFilePart(partsDir, part);
  } catch (error) {
    warnOf(
      `the event report will lack ${testPath}: its part could not be written (${error instanceof Error ? error.message : String(error)}).`,
    );
  }
}

/**
 * Saves the part of a file whose capture could not even be configured (its options were wrong):
 * only its error. Never throws: the caller is about to throw the user's error, which must not be hidden.
 */
export function saveSetupErrorPart(partsDir: string, testPath: string, error: unknown, warnOf: (message: string) => void = warn): void {
  saveFilePart(
    partsDir,
    testPath,
    () => ({ partFormat: FILE_PART_FORMAT, testPath, error: errorText(error), eventsForgotten: 0, tests: [] }),
    warnOf,
  );
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
