import globalTeardown from '../dist/jest/globalTeardown';
export = globalTeardown;
