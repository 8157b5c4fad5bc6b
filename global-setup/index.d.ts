import globalSetup from '../dist/jest/globalSetup';
export = globalSetup;
