import type { EventBridgeEvent } from '../../../../src/core/events/envelope';
import { ScopeTracker, TestScopeError, type EventView } from '../../../../src/core/scopes/testScopes';
import { matchingOutsideView } from '../../../../src/core/matchers/checks/outsideView';
import { outsideViewNote } from '../../../../src/core/matchers/messages/outsideViewNote';
import { EventStore } from '../../../../src/core/store/eventStore';
import { envelope } from '../../support/fakeCapture';

const PREFIX = 'jeb-r-w1-abcdef:';

/** A tracker over a real store, a clock moved by hand, and events named by their detail-type. */
function setup(correlation: boolean) {
  let time = 0;
  const store = new EventStore({
    now: () => time,
    ...(correlation ? { correlationOf: (event) => (event.detail as { cid?: string }).cid } : {}),
  });
  const tracker = new ScopeTracker({
    position: () => store.lastSequence,
    now: () => time,
    correlationPrefix: correlation ? PREFIX : undefined,
    ...(correlation ? { correlationPath: 'detail.cid' } : {}),
  });
  tracker.open();
  const arrive = (name: string, cid?: string) => store.add([envelope({ 'detail-type': name, detail: cid === undefined ? {} : { cid } })]);
  /** What the scope running now sees, by name. */
  const seen = (view: EventView = tracker.view()) => store.visible(view).map((c) => c.event['detail-type']);
  const advance = (ms: number) => {
    time += ms;
  };
  return { store, tracker, arrive, seen, advance };
}

describe('ScopeTracker without correlation scoping', () => {
  it('keeps sequential tests apart when no beforeAll encloses them', () => {
    const { tracker, arrive, seen } = setup(false);
    arrive('before any test');
    tracker.beginTest(tracker.root, 'first');
    arrive('first');
    expect(seen()).toEqual(['first']);
    tracker.endTest(tracker.root);
    arrive('between');
    tracker.beginTest(tracker.root, 'second');
    arrive('second');
    expect(seen()).toEqual(['second']);
  });

  it("shows every test of a block what arrived since the block's beforeAll began, and says what that means for counts", () => {
    const { tracker, arrive, seen } = setup(false);
    const orders = tracker.blockFor('orders', 'orders', 'root');
    tracker.enterBlock(orders);
    tracker.beginHook(orders, 'beforeAll');
    arrive('put in beforeAll');
    tracker.endHook(orders);
    arrive('reply before the first test');
    tracker.beginTest(orders, 'first');
    arrive('reply during the first test');
    expect(seen()).toEqual(['put in beforeAll', 'reply before the first test', 'reply during the first test']);
    tracker.endTest(orders);
    tracker.beginTest(orders, 'second');
    // The second test sees the first test's events too: time cannot tell them apart.
    expect(seen()).toEqual(['put in beforeAll', 'reply before the first test', 'reply during the first test']);
  });

  it("opens a nested block's tests on the outermost enclosing beforeAll, and hides a sibling block's events", () => {
    const { tracker, arrive, seen, store } = setup(false);
    tracker.enterBlock(tracker.root);
    tracker.beginHook(tracker.root, 'beforeAll');
    arrive('top-level beforeAll');
    tracker.endHook(tracker.root);
    const first = tracker.blockFor('a', 'a', 'root');
    tracker.enterBlock(first);
    tracker.beginHook(first, 'beforeAll');
    arrive('a beforeAll');
    tracker.endHook(first);
    tracker.beginTest(first, 'in a');
    expect(seen()).toEqual(['top-level beforeAll', 'a beforeAll']);
    tracker.endTest(first);
    tracker.exitBlock(first);
    const second = tracker.blockFor('b', 'b', 'root');
    const inner = tracker.blockFor('b.inner', 'inner', 'b');
    tracker.enterBlock(second);
    tracker.enterBlock(inner);
    tracker.beginTest(inner, 'in b.inner');
    arrive('b.inner test');
    const view = tracker.view();
    expect(seen(view)).toEqual(['top-level beforeAll', 'b.inner test']);
    const hidden = store.captured().find((c) => c.event['detail-type'] === 'a beforeAll');
    expect(hidden && view.whyHidden(hidden)).toEqual({ kind: 'sibling-block', block: 'describe "a"' });
    // The fast visibility test and the explanation agree on every event.
    expect(store.captured().map((c) => view.isVisible(c))).toEqual(store.captured().map((c) => view.whyHidden(c) === undefined));
  });

  it('lets an afterAll see what its block saw, and a clear() hide what came before', () => {
    const { tracker, arrive, seen } = setup(false);
    const block = tracker.blockFor('b', 'b', 'root');
    tracker.enterBlock(block);
    tracker.beginHook(block, 'beforeAll');
    arrive('setup');
    tracker.endHook(block);
    tracker.beginTest(block, 't');
    arrive('test');
    tracker.clear();
    expect(seen()).toEqual([]);
    arrive('after clear');
    expect(seen()).toEqual(['after clear']);
    tracker.endTest(block);
    tracker.beginHook(block, 'afterAll');
    expect(seen()).toEqual(['setup', 'test', 'after clear']);
  });

  it('refuses to mix the events of concurrent tests', async () => {
    const { tracker } = setup(false);
    let release = (): void => undefined;
    const running = tracker.runConcurrent(tracker.root, 'slow', () => new Promise<void>((resolve) => (release = resolve)));
    expect(() => tracker.view()).toThrow(TestScopeError);
    expect(() => tracker.view()).toThrow(
      `cannot tell the events of "the file's top level" from those of the test.concurrent tests running at the same time`,
    );
    expect(() => tracker.runConcurrent(tracker.root, 'other', () => tracker.view())).toThrow(
      'jest-eventbridge cannot tell the events of concurrent test "other" from those of the test.concurrent tests running at the same time: without correlation scoping, a test sees events by arrival time only. Turn on correlation scoping (the "correlation" option, with a service that copies the id onto the events it emits), or use test instead of test.concurrent.',
    );
    release();
    await running;
    expect(() => tracker.view()).not.toThrow();
  });
});

describe('ScopeTracker with correlation scoping', () => {
  it('gives each test and block an id, and a test sees its own and its enclosing blocks’ at any time', () => {
    const { tracker, arrive, seen, store } = setup(true);
    tracker.enterBlock(tracker.root);
    expect(tracker.currentCorrelationId()).toBe(`${PREFIX}file`);
    const a = tracker.blockFor('a', 'a', 'root');
    const b = tracker.blockFor('b', 'b', 'root');
    tracker.enterBlock(a);
    tracker.beginHook(a, 'beforeAll');
    expect(tracker.currentCorrelationId()).toBe(`${PREFIX}b1`);
    tracker.endHook(a);
    tracker.beginTest(a, 'first in a');
    expect(tracker.currentCorrelationId()).toBe(`${PREFIX}t1`);
    arrive('own', `${PREFIX}t1`);
    arrive('block a, late', `${PREFIX}b1`);
    arrive('file', `${PREFIX}file`);
    arrive('block b', `${PREFIX}b2`);
    arrive('another run', 'jeb-other:t1');
    arrive('no id');
    const view = tracker.view();
    expect(seen(view)).toEqual(['own', 'block a, late', 'file']);
    expect(tracker.visibleCorrelationIds()).toEqual([`${PREFIX}t1`, `${PREFIX}b1`, `${PREFIX}file`]);
    const reasons = store.captured().map((c) => view.whyHidden(c));
    expect(reasons.slice(3)).toEqual([
      { kind: 'other-correlation', correlationId: `${PREFIX}b2`, owner: 'describe "b"' },
      { kind: 'other-correlation', correlationId: 'jeb-other:t1', owner: undefined },
      { kind: 'no-correlation' },
    ]);
    tracker.endTest(a);
    tracker.beginTest(a, 'second in a');
    expect(seen()).toEqual(['block a, late', 'file']);
    tracker.endTest(a);
    tracker.exitBlock(a);
    tracker.enterBlock(b);
    tracker.beginTest(b, 'in b');
    expect(seen()).toEqual(['file', 'block b']);
  });

  it('scopes concurrent tests by their async context, puts and views alike', async () => {
    const { tracker, arrive, store } = setup(true);
    tracker.enterBlock(tracker.root);
    const gate = { open: (): void => undefined };
    const opened = new Promise<void>((resolve) => (gate.open = resolve));
    const body = async () => {
      const id = tracker.currentCorrelationId();
      await opened;
      // After an await, in whatever order the tests resume, each still knows who it is.
      expect(tracker.currentCorrelationId()).toBe(id);
      return { id, seen: store.visible(tracker.view()).map((c) => c.event['detail-type']) };
    };
    const one = tracker.runConcurrent(tracker.root, 'one', body);
    const two = tracker.runConcurrent(tracker.root, 'two', body);
    arrive('for one', `${PREFIX}t1`);
    arrive('for two', `${PREFIX}t2`);
    arrive('for the file', `${PREFIX}file`);
    gate.open();
    expect(await Promise.all([one, two])).toEqual([
      { id: `${PREFIX}t1`, seen: ['for one', 'for the file'] },
      { id: `${PREFIX}t2`, seen: ['for two', 'for the file'] },
    ]);
  });

  it('fails rather than guess while a concurrent test runs outside any known context', () => {
    const { tracker } = setup(true);
    tracker.beginUnscopedConcurrent();
    expect(() => tracker.currentCorrelationId()).toThrow(TestScopeError);
    expect(() => tracker.view()).toThrow('jest-eventbridge cannot tell which test is running: a test.concurrent test runs');
    tracker.endUnscopedConcurrent();
    expect(tracker.currentCorrelationId()).toBe(`${PREFIX}file`);
  });
});

describe('matching events outside the view, in failure messages', () => {
  it('says how long before the window each arrived', () => {
    const { tracker, arrive, advance, store } = setup(false);
    advance(1000);
    arrive('OrderConfirmed');
    advance(3200);
    tracker.beginTest(tracker.root, 't');
    arrive('OrderConfirmed');
    const view = tracker.view();
    const outside = matchingOutsideView(
      (event) => (event as EventBridgeEvent)['detail-type'] === 'OrderConfirmed',
      store.captured(),
      view,
      store.lastSequence,
    );
    expect(outside.map((o) => o.captured.sequence)).toEqual([1]);
    expect(outsideViewNote(outside, view.viewer)).toEqual([
      '',
      'Not counted:',
      "  1 matching event arrived 3.2 s before this test began, outside this test's window.",
    ]);
  });

  it('names the owner of another correlation id, the missing id and clear()', () => {
    const { tracker, arrive, advance, store } = setup(true);
    tracker.beginTest(tracker.root, 'earlier');
    tracker.endTest(tracker.root);
    tracker.beginTest(tracker.root, 'now');
    arrive('X', `${PREFIX}t1`);
    arrive('X', `${PREFIX}t1`);
    arrive('X');
    arrive('X', `${PREFIX}t2`);
    advance(500);
    tracker.clear();
    const view = tracker.view();
    const outside = matchingOutsideView(() => true, store.captured(), view, store.lastSequence);
    expect(outsideViewNote(outside, view.viewer, 'detail.cid')).toEqual([
      '',
      'Not counted:',
      `  2 matching events carry correlation id ${PREFIX}t1, of test "earlier": not counted for this test.`,
      '  1 matching event carries no correlation id at detail.cid, so no test counts it (the service must copy the id of the event it handles onto the events it emits).',
      '  1 matching event arrived 0.5 s before eventBridge.clear() hid it from this test.',
    ]);
  });

  it('stops at the position where the matcher decided, and says nothing when all were seen', () => {
    const { tracker, arrive, store } = setup(false);
    tracker.beginTest(tracker.root, 't');
    arrive('seen');
    expect(
      outsideViewNote(
        matchingOutsideView(() => true, store.captured(), tracker.view(), 0),
        'this test',
      ),
    ).toEqual([]);
  });
});
