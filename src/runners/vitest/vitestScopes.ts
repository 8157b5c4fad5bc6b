import type { Block, ScopeTracker } from '../../core/scopes/testScopes';
import type { VitestSuite, VitestSuiteHooks, VitestTest } from './vitestApi';

/**
 * Maps Vitest's run of one file onto a ScopeTracker, as CircusScopes does Jest's events:
 * - each describe block: an aroundAll hook put first in its hook list (enter/exit the block);
 * - its beforeAll/afterAll hooks: each wrapped to run as the block's all-hooks;
 * - each test: from the setup file's aroundEach, a sequential test with its beforeEach/afterEach
 *   hooks, or a concurrent one (`test.concurrent`, `describe.concurrent`) run in an async
 *   context of its own, which the tracker reads, so it sees only its own events.
 * Vitest collects the whole file before its aroundAll hooks run, so the file's suites can be
 * instrumented from there. It relies on TestRunner.getSuiteHooks returning the live lists.
 */
export class VitestScopes {
  constructor(
    private readonly tracker: ScopeTracker,
    private readonly hooksOf: (suite: VitestSuite) => VitestSuiteHooks,
  ) {}

  /** Instruments every describe block of `file` (call once, from the file's aroundAll). */
  instrument(file: VitestSuite): void {
    this.instrumentSuite(file, true);
  }

  /** Runs the file's suites (the file's aroundAll's `runSuite`) in the file's block. */
  async runFile(file: VitestSuite, runSuite: () => Promise<void>): Promise<void> {
    const root = this.blockOf(file);
    this.tracker.enterBlock(root);
    try {
      await runSuite();
    } finally {
      this.tracker.exitBlock(root);
    }
  }

  /** Runs one test (an aroundEach's `runTest`) in its scope. */
  async runTest(test: VitestTest, runTest: () => Promise<void>): Promise<void> {
    const block = this.blockOf(test.suite ?? test.file);
    if (test.concurrent === true) {
      await this.tracker.runConcurrent(block, test.name, runTest);
      return;
    }
    this.tracker.beginTest(block, test.name);
    try {
      await runTest();
    } finally {
      this.tracker.endTest(block);
    }
  }

  /** The tracker's block for a suite; the file (a suite without a parent) is the root. */
  blockOf(suite: VitestSuite): Block {
    const parent = parentOf(suite);
    if (parent !== undefined) this.blockOf(parent);
    return this.tracker.blockFor(suite, suite.name, parent);
  }

  private instrumentSuite(suite: VitestSuite, isFile: boolean): void {
    const hooks = this.hooksOf(suite);
    if (!Array.isArray(hooks.aroundAll) || !Array.isArray(hooks.beforeAll) || !Array.isArray(hooks.afterAll)) {
      throw new Error(
        'jest-eventbridge/vitest: this Vitest keeps suite hooks in a shape jest-eventbridge does not know (TestRunner.getSuiteHooks), so it cannot scope events per test. Use a supported Vitest (4.1 to 5.x) and report the version.',
      );
    }
    const tracker = this.tracker;
    if (!isFile) {
      hooks.aroundAll.unshift(async (runSuite) => {
        const block = this.blockOf(suite);
        tracker.enterBlock(block);
        try {
          await runSuite();
        } finally {
          tracker.exitBlock(block);
        }
      });
    }
    const wrap =
      (kind: 'beforeAll' | 'afterAll') =>
      (hook: (suite: VitestSuite) => unknown) =>
      async (given: VitestSuite): Promise<unknown> => {
        const block = this.blockOf(suite);
        tracker.beginHook(block, kind);
        try {
          return await hook(given);
        } finally {
          tracker.endHook(block);
        }
      };
    hooks.beforeAll = hooks.beforeAll.map(wrap('beforeAll'));
    hooks.afterAll = hooks.afterAll.map(wrap('afterAll'));
    for (const task of suite.tasks) if (task.type === 'suite') this.instrumentSuite(task, false);
  }
}

/** A suite's enclosing suite: its `suite`, else its file (unless it is the file). */
export function parentOf(suite: VitestSuite): VitestSuite | undefined {
  if (suite.suite !== undefined) return suite.suite;
  if (suite.file !== undefined && suite.file !== suite) return suite.file;
  return undefined;
}
