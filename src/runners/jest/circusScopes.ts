import type { Circus } from '@jest/types';
import type { Block, ScopeTracker } from '../../core/scopes/testScopes';

/**
 * Maps jest-circus's events onto a ScopeTracker (Jest 29 and 30):
 * - `run_describe_start`/`_finish`: a block runs; `hook_start`/`hook_success`/`hook_failure` of
 *   beforeAll/afterAll: the block's all-hooks run (the first beforeAll opens its window).
 * - `test_start` … `test_done` (or `test_skip`/`test_todo`, which end a test without
 *   `test_done`): a sequential test with its beforeEach/afterEach hooks.
 * - `test.concurrent`: circus events cannot say which test is running, since concurrent tests
 *   interleave (Jest 30 dispatches their test_start/test_done in turn; Jest 29 even calls
 *   their callbacks before any of their events, right after the file's beforeAll hooks). So
 *   when the file's top level starts, every concurrent test's callback is wrapped to run in
 *   its own async context, which the tracker reads (AsyncLocalStorage).
 */
export class CircusScopes {
  private readonly wrapped = new WeakSet<Circus.TestEntry>();
  private readonly unscoped = new WeakSet<Circus.TestEntry>();

  constructor(private readonly tracker: ScopeTracker) {}

  handle(event: Circus.Event): void {
    switch (event.name) {
      case 'run_describe_start':
        if (event.describeBlock.parent === undefined) this.wrapConcurrentTests(event.describeBlock);
        this.tracker.enterBlock(this.blockOf(event.describeBlock));
        break;
      case 'run_describe_finish':
        this.tracker.exitBlock(this.blockOf(event.describeBlock));
        break;
      case 'hook_start':
        if (event.hook.type === 'beforeAll' || event.hook.type === 'afterAll')
          this.tracker.beginHook(this.blockOf(event.hook.parent), event.hook.type);
        break;
      case 'hook_success':
      case 'hook_failure':
        if (event.hook.type === 'beforeAll' || event.hook.type === 'afterAll') this.tracker.endHook(this.blockOf(event.hook.parent));
        break;
      case 'test_start':
        if (!event.test.concurrent) this.tracker.beginTest(this.blockOf(event.test.parent), event.test.name);
        else if (!this.wrapped.has(event.test)) {
          // A concurrent test we could not give an async context of its own: puts and matchers
          // outside any known context fail until it ends, rather than mix its events with others'.
          this.unscoped.add(event.test);
          this.tracker.beginUnscopedConcurrent();
        }
        break;
      case 'test_done':
      case 'test_skip':
      case 'test_todo':
        if (!event.test.concurrent) this.tracker.endTest(this.blockOf(event.test.parent));
        else if (this.unscoped.has(event.test)) {
          this.unscoped.delete(event.test);
          this.tracker.endUnscopedConcurrent();
        }
        break;
      default:
        break;
    }
  }

  private blockOf(describeBlock: Circus.DescribeBlock): Block {
    if (describeBlock.parent !== undefined) this.blockOf(describeBlock.parent);
    return this.tracker.blockFor(describeBlock, describeBlock.name, describeBlock.parent);
  }

  private wrapConcurrentTests(describeBlock: Circus.DescribeBlock): void {
    for (const child of describeBlock.children) {
      if (child.type === 'describeBlock') this.wrapConcurrentTests(child);
      else if (child.concurrent && typeof child.fn === 'function' && !this.wrapped.has(child)) this.wrap(child);
    }
  }

  private wrap(test: Circus.TestEntry): void {
    const original = test.fn;
    const block = this.blockOf(test.parent);
    const tracker = this.tracker;
    const wrapped = function (this: unknown, ...args: unknown[]): unknown {
      return tracker.runConcurrent(block, test.name, () => (original as (...a: unknown[]) => unknown).apply(this, args));
    };
    // Circus tells a callback that takes `done` by its length.
    Object.defineProperty(wrapped, 'length', { value: original.length });
    test.fn = wrapped as Circus.TestEntry['fn'];
    this.wrapped.add(test);
  }
}
