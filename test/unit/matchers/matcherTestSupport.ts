import { matchers } from '../../../src/matchers';
import '../../../src/jest/matcherTypes';

expect.extend(matchers);

export { failureOf } from '../../support/failureOf';
