import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { matcherDefinitions, offlineMatcherFunctions } from '../../../../src/core/matchers';
import { matchers } from '../../../../src/runners/jest/jestMatchers';

describe('the list of matchers', () => {
  const files = readdirSync(join(__dirname, '../../../../src/core/matchers'))
    .filter((file) => /^to[A-Z]\w+\.ts$/.test(file))
    .map((file) => file.replace(/\.ts$/, ''))
    .sort();

  it('lists every matcher file, under its file name: the waiting ones as definitions, the offline ones beside them', () => {
    const waiting = matcherDefinitions.map((definition) => definition.name);
    const offline = Object.keys(offlineMatcherFunctions);
    expect(offline).toStrictEqual(['toMatchEventPattern']);
    expect([...waiting, ...offline].sort()).toEqual(files);
  });

  it('registers every listed matcher with Jest, and nothing else', () => {
    expect(Object.keys(matchers).sort()).toEqual(files);
  });
});
