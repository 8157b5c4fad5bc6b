// The native-ESM spec: Jest needs NODE_OPTIONS=--experimental-vm-modules (the e2e test sets it)
// and no transform, so that the .mjs file reaches Jest's ESM loader untouched and
// `import ... from 'jest-eventbridge'` goes through the package's "import" export condition.
/** @type {import('jest').Config} */
module.exports = {
  ...require('./jest.shared.cjs'),
  testMatch: ['<rootDir>/orders.spec.mjs'],
  transform: {},
};
