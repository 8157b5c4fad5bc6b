// Flat config: typed rules where they catch real bugs in async test code (a floating promise
// in a spec is an assertion that never runs), jest rules that know our matchers are async.
// TypeScript, which ESLint loads through jiti (a devDependency), so that the matchers' names
// come from the library's own list rather than from a copy kept here.
import js from '@eslint/js';
import jest from 'eslint-plugin-jest';
import tseslint from 'typescript-eslint';
import { matcherDefinitions } from './src/core/matchers/matcherDefinitions';

/** Our matchers return promises: `jest/valid-expect` then requires them to be awaited. */
const asyncMatchers = matcherDefinitions.map((definition) => definition.name);

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      '.tmp/**',
      'coverage/**',
      'bench/peers/**',
      'bench/realistic/**',
      '**/*.js',
      '**/*.mjs',
      '**/*.cjs',
      '*/index.d.ts',
      // The Vitest entry's subpaths (vitest/global-setup, vitest/v4): hand-written, like the others.
      'vitest/**/index.d.mts',
      'vitest/*/index.d.ts',
      // This file: outside tsconfig.test.json's project, which the typed rules need.
      'eslint.config.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { project: './tsconfig.test.json', tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Runner-neutral code reads no test runner's variables (JEST_WORKER_ID, VITEST_POOL_ID, …):
    // a runner passes what it knows in. Our own JEST_EVENTBRIDGE_* settings are not a runner's.
    files: ['src/**/*.ts'],
    ignores: ['src/runners/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'MemberExpression[property.name=/^(JEST_(?!EVENTBRIDGE)|VITEST)/], Literal[value=/^(JEST_(?!EVENTBRIDGE)|VITEST)[A-Z_]*$/]',
          message: "A test runner's variable outside src/runners/: take the value as an input from the runner instead.",
        },
      ],
    },
  },
  {
    // Test support code reads untyped JSON too.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
  {
    files: ['test/**/*.test.ts', 'examples/**/*.spec.ts', 'examples/**/*.failing.ts'],
    ...jest.configs['flat/recommended'],
    rules: {
      ...jest.configs['flat/recommended'].rules,
      'jest/valid-expect': ['error', { asyncMatchers }],
      'jest/expect-expect': ['error', { assertFunctionNames: ['expect', 'expect*'] }],
      // Test doubles and assertions on untyped JSON read fields of `unknown` values freely.
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
