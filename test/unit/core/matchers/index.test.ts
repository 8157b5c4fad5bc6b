import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { matchers } from '../../../../src/core/matchers';

describe('matchers barrel', () => {
  it('exports every matcher file under its file name', () => {
    const files = readdirSync(join(__dirname, '../../../../src/core/matchers'))
      .filter((file) => /^to[A-Z]\w+\.ts$/.test(file))
      .map((file) => file.replace(/\.ts$/, ''))
      .sort();
    expect(Object.keys(matchers).sort()).toEqual(files);
  });
});
