// The CommonJS spec, run without any Node flag: how most Jest users run today.
/** @type {import('jest').Config} */
module.exports = {
  ...require('./jest.shared.cjs'),
  testMatch: ['<rootDir>/orders.spec.cjs'],
};
