import { ScopeTracker } from '../../../../src/core/scopes/testScopes';
import { VitestScopes, parentOf } from '../../../../src/runners/vitest/vitestScopes';
import type { VitestSuite, VitestSuiteHooks, VitestTest } from '../../../../src/runners/vitest/vitestApi';

/** A file with `describe('orders', () => { beforeAll(); afterAll(); it('a'); it.concurrent('b'); it.concurrent('c') })`, as Vitest collects it. */
function collectedFile() {
  const file = {
    type: 'suite',
    name: 'orders.spec.ts',
    filepath: '/specs/orders.spec.ts',
    tasks: [] as (VitestSuite | VitestTest)[],
  } as VitestSuite & {
    tasks: (VitestSuite | VitestTest)[];
  };
  const block = { type: 'suite', name: 'orders', file, tasks: [] as VitestTest[] } as VitestSuite & { tasks: VitestTest[] };
  const test = (name: string, concurrent: boolean): VitestTest => ({ type: 'test', name, suite: block, file, concurrent });
  block.tasks.push(test('a', false), test('b', true), test('c', true));
  file.tasks.push(block);
  const hooks = new Map<VitestSuite, VitestSuiteHooks>();
  for (const suite of [file, block]) hooks.set(suite, { beforeAll: [], afterAll: [], aroundAll: [] });
  return { file, block, tests: block.tasks, hooksOf: (suite: VitestSuite) => hooks.get(suite)! };
}

function setUp() {
  const tracker = new ScopeTracker({ position: () => 0, now: () => 0, correlationPrefix: 'p:' });
  const collected = collectedFile();
  const seen: string[] = [];
  const look = (where: string) => {
    const scope = tracker.current();
    seen.push(`${where}: ${scope.kind} ${scope.name} (${scope.correlationId})`);
  };
  collected.hooksOf(collected.block).beforeAll.push(() => look('beforeAll'));
  collected.hooksOf(collected.block).afterAll.push(() => look('afterAll'));
  const scopes = new VitestScopes(tracker, collected.hooksOf);
  return { tracker, scopes, seen, look, ...collected };
}

/** Runs the file the way Vitest does: the file's aroundAll, then the block's around/before/tests/after hooks. */
async function runLikeVitest(context: ReturnType<typeof setUp>): Promise<void> {
  const { scopes, file, block, tests, hooksOf, look } = context;
  scopes.instrument(file);
  await scopes.runFile(file, async () => {
    look('file');
    const hooks = hooksOf(block);
    const runBlock = async (): Promise<void> => {
      for (const hook of hooks.beforeAll) await hook(block);
      const [a, b, c] = tests as [VitestTest, VitestTest, VitestTest];
      await scopes.runTest(a, () => Promise.resolve(look('test')));
      // b and c interleave: each still sees its own scope.
      let release: () => void = () => undefined;
      const gate = new Promise<void>((open) => (release = open));
      await Promise.all([
        scopes.runTest(b, async () => {
          await gate;
          look('concurrent');
        }),
        scopes.runTest(c, () => {
          look('concurrent');
          release();
          return Promise.resolve();
        }),
      ]);
      for (const hook of hooks.afterAll) await hook(block);
    };
    // Vitest runs a suite's aroundAll hooks around everything else of it; ours came first.
    const [around] = hooks.aroundAll;
    await around!(runBlock, block);
    look('file again');
  });
}

describe('VitestScopes', () => {
  it("maps a file's blocks, hooks, tests and concurrent tests onto scopes", async () => {
    const context = setUp();
    await runLikeVitest(context);
    expect(context.seen).toEqual([
      "file: block the file's top level (p:file)",
      'beforeAll: beforeAll beforeAll of describe "orders" (p:b1)',
      'test: test a (p:t1)',
      'concurrent: test c (p:t3)',
      'concurrent: test b (p:t2)',
      'afterAll: afterAll afterAll of describe "orders" (p:b1)',
      "file again: block the file's top level (p:file)",
    ]);
  });

  it('puts one aroundAll on each describe block, none on the file', () => {
    const context = setUp();
    context.scopes.instrument(context.file);
    expect([context.hooksOf(context.file).aroundAll.length, context.hooksOf(context.block).aroundAll.length]).toEqual([0, 1]);
  });

  it("fails loudly when Vitest's hook lists change shape", () => {
    const { tracker, file } = setUp();
    const scopes = new VitestScopes(tracker, () => ({}) as VitestSuiteHooks);
    expect(() => scopes.instrument(file)).toThrow(
      'jest-eventbridge/vitest: this Vitest keeps suite hooks in a shape jest-eventbridge does not know (TestRunner.getSuiteHooks), so it cannot scope events per test. Use a supported Vitest (4.1 to 5.x) and report the version.',
    );
  });
});

describe('parentOf', () => {
  it('is the enclosing suite, else the file, and nothing for the file', () => {
    const { file, block } = setUp();
    const inner = { type: 'suite', name: 'inner', suite: block, file, tasks: [] } as VitestSuite;
    expect([parentOf(inner), parentOf(block), parentOf(file)]).toEqual([block, file, undefined]);
  });
});
