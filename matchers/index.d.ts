import '../dist/jest/matcherTypes';
export {};
