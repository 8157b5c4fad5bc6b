import type { Circus } from '@jest/types';
import { ScopeTracker } from '../../../../src/core/scopes/testScopes';
import { CircusScopes } from '../../../../src/runners/jest/circusScopes';

// Circus's objects, reduced to the fields CircusScopes reads; the cast stands for the rest.
function describeBlock(name: string, parent?: Circus.DescribeBlock): Circus.DescribeBlock {
  const block = {
    type: 'describeBlock',
    name,
    parent,
    children: [],
    hooks: [],
    mode: undefined,
    tests: [],
  } as unknown as Circus.DescribeBlock;
  parent?.children.push(block);
  return block;
}

function testEntry(name: string, parent: Circus.DescribeBlock, fn: () => unknown, concurrent: boolean): Circus.TestEntry {
  const test = { type: 'test', name, parent, fn, concurrent } as unknown as Circus.TestEntry;
  parent.children.push(test);
  return test;
}

function hook(type: Circus.HookType, parent: Circus.DescribeBlock): Circus.Hook {
  return { type, parent } as unknown as Circus.Hook;
}

function setup() {
  const tracker = new ScopeTracker({ position: () => 0, now: () => 0, correlationPrefix: 'p:' });
  tracker.open();
  const scopes = new CircusScopes(tracker);
  const send = (event: Record<string, unknown>) => scopes.handle(event as unknown as Circus.Event);
  return { tracker, send };
}

describe('CircusScopes', () => {
  it('stamps a beforeAll with its block id and a sequential test with its own', () => {
    const { tracker, send } = setup();
    const root = describeBlock('ROOT_DESCRIBE_BLOCK');
    const orders = describeBlock('orders', root);
    const test = testEntry('confirms', orders, () => undefined, false);
    const ids: (string | undefined)[] = [];
    send({ name: 'run_describe_start', describeBlock: root });
    ids.push(tracker.currentCorrelationId());
    send({ name: 'run_describe_start', describeBlock: orders });
    send({ name: 'hook_start', hook: hook('beforeAll', orders) });
    ids.push(tracker.currentCorrelationId());
    send({ name: 'hook_success', hook: hook('beforeAll', orders) });
    send({ name: 'test_start', test });
    send({ name: 'hook_start', hook: hook('beforeEach', orders) });
    ids.push(tracker.currentCorrelationId());
    send({ name: 'test_done', test });
    send({ name: 'hook_start', hook: hook('afterAll', orders) });
    ids.push(tracker.currentCorrelationId());
    send({ name: 'run_describe_finish', describeBlock: orders });
    ids.push(tracker.currentCorrelationId());
    expect(ids).toEqual(['p:file', 'p:b1', 'p:t1', 'p:b1', 'p:file']);
  });

  it('gives each concurrent test its own id through its callback, whichever order Jest calls them in', async () => {
    const { tracker, send } = setup();
    const root = describeBlock('ROOT_DESCRIBE_BLOCK');
    const seen: Record<string, string | undefined> = {};
    const body = (name: string) => async () => {
      await Promise.resolve();
      seen[name] = tracker.currentCorrelationId();
    };
    const one = testEntry('one', root, body('one'), true);
    const two = testEntry('two', root, body('two'), true);
    const sequential = testEntry('sequential', root, () => undefined, false);
    send({ name: 'run_describe_start', describeBlock: root });
    // As Jest 29 does: both callbacks start before any test event.
    const running = [(one.fn as () => Promise<void>)(), (two.fn as () => Promise<void>)()];
    send({ name: 'test_start', test: sequential });
    const sequentialId = tracker.currentCorrelationId();
    await Promise.all(running);
    expect(seen).toEqual({ one: 'p:t1', two: 'p:t2' });
    expect(sequentialId).toBe('p:t3');
    // Circus reads a `done` callback from the length: the wrapper keeps it.
    expect(one.fn.length).toBe(0);
  });

  it('refuses to guess while a concurrent test it could not wrap is running', () => {
    const { tracker, send } = setup();
    const root = describeBlock('ROOT_DESCRIBE_BLOCK');
    send({ name: 'run_describe_start', describeBlock: root });
    // Added after the file started: its callback was never wrapped.
    const late = testEntry('late', root, () => undefined, true);
    send({ name: 'test_start', test: late });
    expect(() => tracker.currentCorrelationId()).toThrow('jest-eventbridge cannot tell which test is running');
    send({ name: 'test_done', test: late });
    expect(tracker.currentCorrelationId()).toBe('p:file');
  });
});
