import { matchers } from '../../../../src/runners/jest/jestMatchers';
import '../../../../src/runners/jest/matcherTypes';

expect.extend(matchers);

export { failureOf } from '../../../support/failureOf';
