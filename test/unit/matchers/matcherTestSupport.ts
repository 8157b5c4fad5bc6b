import { stripVTControlCharacters } from 'node:util';
import { matchers } from '../../../src/matchers';
import '../../../src/jest/matcherTypes';

expect.extend(matchers);

/** The message of a failed (or erroring) assertion, without colours. */
export async function failureOf(assertion: Promise<void>): Promise<string> {
  try {
    await assertion;
  } catch (error) {
    return stripVTControlCharacters((error as Error).message);
  }
  throw new Error('expected the assertion to fail');
}
