import globalSetup from '../dist/runners/jest/globalSetup';
export = globalSetup;
