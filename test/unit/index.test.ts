import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as entry from '../../src/index';

describe('the package entry', () => {
  it('names every run-time export in the ESM entry (esm/index.mjs), which re-exports the CommonJS build by name', () => {
    const text = readFileSync(join(__dirname, '../../esm/index.mjs'), 'utf8');
    const listed = /export const \{([^}]*)\} = cjs;/.exec(text)?.[1] ?? '';
    const names = listed
      .split(',')
      .map((name) => name.trim())
      .filter((name) => name !== '');
    expect([...names].sort()).toStrictEqual(Object.keys(entry).sort());
  });
});
