import '../dist/runners/jest/matcherTypes';
export {};
