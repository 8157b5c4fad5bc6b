import { matchers } from '../../../../src/core/matchers';
import '../../../../src/runners/jest/matcherTypes';

expect.extend(matchers);

export { failureOf } from '../../../support/failureOf';
