import { jestFileResult, jestStatus } from '../../../src/runners/jest/reporter';
import { vitestFileResult, type VitestTestCaseLike } from '../../../src/runners/vitest/reporter';

describe("the runners' results, runner-neutral", () => {
  it("reads Jest's file result", () => {
    expect(
      jestFileResult({
        testFilePath: '/repo/a.test.ts',
        numFailingTests: 1,
        testResults: [
          { title: 'a', ancestorTitles: ['block'], status: 'failed', startAt: 5, duration: 7, failureMessages: ['boom'] },
          { title: 'b', ancestorTitles: [], status: 'pending', startAt: null, duration: null, failureMessages: [] },
        ],
      }),
    ).toEqual({
      testPath: '/repo/a.test.ts',
      failed: true,
      tests: [
        { title: 'a', ancestors: ['block'], status: 'failed', startedAt: 5, durationMs: 7, failureMessages: ['boom'] },
        { title: 'b', ancestors: [], status: 'skipped', failureMessages: [] },
      ],
    });
    expect(
      jestFileResult({ testFilePath: 'x', numFailingTests: 0, testExecError: { message: 'm', stack: 'Error: m\n at x' }, testResults: [] }),
    ).toEqual({
      testPath: 'x',
      failed: true,
      error: 'Error: m\n at x',
      tests: [],
    });
    // No exec error and no test: the file's failure message is why (what Jest gives some files that failed to run).
    expect(
      jestFileResult({ testFilePath: 'y', numFailingTests: 0, failureMessage: '  ● Test suite failed to run', testResults: [] }),
    ).toEqual({ testPath: 'y', failed: true, error: '  ● Test suite failed to run', tests: [] });
    expect(['passed', 'failed', 'todo', 'disabled', 'focused'].map(jestStatus)).toEqual(['passed', 'failed', 'todo', 'skipped', 'skipped']);
  });

  it("reads Vitest's test module", () => {
    const module = { type: 'module' as const };
    const suite = { type: 'suite' as const, name: 'orders', parent: module };
    const test = (name: string, state: string, mode = 'run', errors: { message: string; stack?: string }[] = []): VitestTestCaseLike => ({
      name,
      parent: suite,
      options: { mode },
      result: () => ({ state, errors }),
      diagnostic: () => (state === 'skipped' ? undefined : { startTime: 10.4, duration: 3.6 }),
    });
    expect(
      vitestFileResult({
        moduleId: '/repo/a.test.ts',
        state: () => 'failed',
        errors: () => [],
        children: {
          allTests: () => [test('a', 'failed', 'run', [{ message: 'boom', stack: 'AssertionError: boom' }]), test('b', 'skipped', 'todo')],
        },
      }),
    ).toEqual({
      testPath: '/repo/a.test.ts',
      failed: true,
      tests: [
        { title: 'a', ancestors: ['orders'], status: 'failed', startedAt: 10, durationMs: 4, failureMessages: ['AssertionError: boom'] },
        { title: 'b', ancestors: ['orders'], status: 'todo', failureMessages: [] },
      ],
    });
  });

  it("reads a Vitest module whose fork died as failed, with the run's unhandled errors", () => {
    const pending = { moduleId: '/repo/killed.test.ts', state: () => 'pending', errors: () => [], children: { allTests: () => [] } };
    const crash = { message: 'Worker exited unexpectedly', stack: 'Error: [vitest-pool]: Worker forks emitted error.' };
    expect(vitestFileResult(pending, [crash])).toEqual({
      testPath: '/repo/killed.test.ts',
      failed: true,
      error:
        'Vitest gave no result for this file: it is still "pending" at the run\'s end\n\nError: [vitest-pool]: Worker forks emitted error.',
      tests: [],
    });
    // Without a run error (an interrupted run), not reaching an end is no failure of the file.
    expect(vitestFileResult(pending)).toEqual({ testPath: '/repo/killed.test.ts', failed: false, tests: [] });
  });
});
