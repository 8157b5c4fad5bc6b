import globalTeardown from '../dist/runners/jest/globalTeardown';
export = globalTeardown;
