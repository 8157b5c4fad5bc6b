import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { matcherDefinitions } from '../../../../src/core/matchers';
import { matchers } from '../../../../src/runners/jest/jestMatchers';

describe('the list of matchers', () => {
  const files = readdirSync(join(__dirname, '../../../../src/core/matchers'))
    .filter((file) => /^to[A-Z]\w+\.ts$/.test(file))
    .map((file) => file.replace(/\.ts$/, ''))
    .sort();

  it('lists every matcher file, under its file name', () => {
    expect(matcherDefinitions.map((definition) => definition.name).sort()).toEqual(files);
  });

  it('registers every listed matcher with Jest, and nothing else', () => {
    expect(Object.keys(matchers).sort()).toEqual(files);
  });
});
