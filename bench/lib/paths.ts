import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The repository root: the nearest folder above this file whose package.json is ours. Found by
 * walking up rather than by a fixed number of `..`, because this file runs compiled from
 * .tmp/bench and is type-checked from bench/.
 */
export function repoRoot(): string {
  let dir = __dirname;
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === 'jest-eventbridge') return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('bench: could not find the jest-eventbridge repository above ' + __dirname);
    dir = parent;
  }
}

/** The folder of this file's compiled output tree (`.tmp/bench`), where compiled specs live too. */
export function compiledRoot(): string {
  return join(repoRoot(), '.tmp', 'bench');
}
