/**
 * What the adapter uses of Vitest, structurally: the setup file (`jest-eventbridge/vitest`, an
 * ES module, since Vitest cannot be required) imports Vitest and hands these members in. Typed
 * here rather than imported, so that the build needs no Vitest and one shape covers 4.1 and 5.
 */

/** A suite, or the file's root suite (`type: 'suite'`, with `filepath` on the file). */
export interface VitestSuite {
  readonly type: 'suite';
  readonly name: string;
  /** The enclosing suite; undefined for the file and for suites at the file's top level. */
  readonly suite?: VitestSuite;
  /** The file the suite belongs to; the file itself has none, or itself. */
  readonly file?: VitestSuite;
  readonly filepath?: string;
  readonly tasks: readonly VitestTask[];
}

export interface VitestTest {
  readonly type: 'test';
  readonly name: string;
  readonly suite?: VitestSuite;
  readonly file: VitestSuite;
  readonly concurrent?: boolean;
}

export type VitestTask = VitestSuite | VitestTest;

/** `TestRunner.getSuiteHooks(suite)`: the suite's own hook lists, which the runner reads when it runs it. */
export interface VitestSuiteHooks {
  beforeAll: Array<(suite: VitestSuite) => unknown>;
  afterAll: Array<(suite: VitestSuite) => unknown>;
  aroundAll: Array<(runSuite: () => Promise<void>, suite: VitestSuite) => unknown>;
}

/** A test's context, as an aroundEach hook gets it. */
export interface VitestTestContext {
  readonly task: VitestTest;
}

export interface VitestExpect {
  extend(matchers: Record<string, unknown>): void;
}

/** The members of the `vitest` module the setup file passes in. */
export interface VitestApi {
  readonly expect: VitestExpect;
  readonly inject: (key: string) => unknown;
  readonly aroundAll: (
    fn: (runSuite: () => Promise<void>, context: unknown, suite: VitestSuite) => Promise<void>,
    timeout?: number,
  ) => void;
  readonly aroundEach: (fn: (runTest: () => Promise<void>, context: VitestTestContext) => Promise<void>) => void;
  readonly TestRunner: { getSuiteHooks(suite: VitestSuite): VitestSuiteHooks };
}

/** What a Vitest global setup gets (`TestProject`), in part. */
export interface VitestProject {
  readonly config: {
    readonly environmentOptions?: Record<string, unknown> | null;
    readonly testTimeout?: number;
    readonly root?: string;
    /** Whether each test file runs in a fresh module graph (`test.isolate`, true by default). */
    readonly isolate?: boolean;
    /** `forks`, `threads`, `vmThreads`, `vmForks` or a custom pool. */
    readonly pool?: string;
  };
  provide(key: string, value: unknown): void;
}
