import { AsyncLocalStorage } from 'node:async_hooks';
import { JestEventBridgeError } from '../../foundation/errors';
import type { CapturedEvent } from '../store/eventStore';

/**
 * What a test sees, independent of any runner. A file is a tree of blocks (the file's top level,
 * each `describe`); a *scope* is what runs at a moment: a test (with its beforeEach/afterEach),
 * a block's beforeAll or afterAll hooks, or the block itself between them.
 *
 * The rule: a scope sees what it caused and what the beforeAll hooks of its enclosing blocks
 * caused, whenever it arrived.
 * - With correlation scoping each test and each block has an id, stamped on its puts; a scope
 *   sees events carrying its own id or the id of an enclosing block, at any time.
 * - Without it, events cannot be told apart, so time decides: a scope sees what arrived since it
 *   began or since the first beforeAll of an enclosing block began (the outermost one), except
 *   what arrived while a block that does not enclose it was running (a sibling `describe`).
 * `clear()` hides, for the scope that called it, everything that arrived before.
 */

/** One `describe` block, or the file's top level (the root, no parent). */
export interface Block {
  readonly name: string;
  readonly parent: Block | undefined;
  /** Stamped on the puts of this block's beforeAll/afterAll hooks (with correlation scoping). */
  readonly correlationId: string;
  /** Arrival position (store sequence) when its first beforeAll began; unset if it has none. */
  openedAt?: number;
  /** Clock time (ms) of the same moment, for messages. */
  openedTime?: number;
  /** Arrival positions while the block ran: (enteredAt, exitedAt]. */
  enteredAt?: number;
  exitedAt?: number;
}

export type ScopeKind = 'test' | 'beforeAll' | 'afterAll' | 'block';

/** What is running: a test (with its each-hooks), a block's all-hooks, or a block between them. */
export interface Scope {
  readonly kind: ScopeKind;
  readonly name: string;
  readonly block: Block;
  readonly correlationId: string;
  /** Arrival position and clock time (ms) when it began. */
  readonly startedAt: number;
  readonly startedTime: number;
  /** A `test.concurrent` test: other tests run at the same time. */
  readonly concurrent: boolean;
  /** Arrival position and clock time of the scope's last `clear()`. */
  clearedAt?: number;
  clearedTime?: number;
}

/** Why a captured event is outside a scope's view. Pure data; messages phrase it. */
export type HiddenReason =
  | { readonly kind: 'before-window'; readonly windowStartedTime: number; readonly opener: string }
  | { readonly kind: 'cleared'; readonly clearedTime: number }
  | { readonly kind: 'sibling-block'; readonly block: string }
  | { readonly kind: 'other-correlation'; readonly correlationId: string; readonly owner: string | undefined }
  | { readonly kind: 'no-correlation' };

/** The view of one scope, fixed when a matcher starts: which events it sees, and why not others. */
export interface EventView {
  /** Who is looking, for messages: `this test`, `this beforeAll hook`... */
  readonly viewer: string;
  isVisible(captured: CapturedEvent): boolean;
  /** Undefined when the event is visible. */
  whyHidden(captured: CapturedEvent): HiddenReason | undefined;
}

/** The runner gave no way to tell which test is running, or events cannot be told apart. */
export class TestScopeError extends JestEventBridgeError {}

export interface ScopeTrackerInputs {
  /** The store's latest arrival position (sequence); events after it are "from now on". */
  readonly position: () => number;
  /** Clock time in ms (the capture's real clock). */
  readonly now: () => number;
  /** Prefix of correlation ids; undefined when correlation scoping is off. */
  readonly correlationPrefix: string | undefined;
  /** Where correlation ids are read, for messages (`detail.metadata.correlationId`). */
  readonly correlationPath?: string;
}

const ROOT_LABEL = "the file's top level";

function blockLabel(block: Block): string {
  return block.parent === undefined ? ROOT_LABEL : `describe "${block.name}"`;
}

export class ScopeTracker {
  readonly root: Block;
  private readonly blocks = new Map<unknown, Block>();
  /** Who owns each correlation id, for messages ("test \"a\"", "describe \"b\""). */
  private readonly owners = new Map<string, string>();
  private readonly finished: Block[] = [];
  private readonly context = new AsyncLocalStorage<Scope>();
  private sequential: Scope;
  private blockCount = 0;
  private testCount = 0;
  /** Concurrent tests whose callbacks run now (inside our async context, or not). */
  private concurrentRunning = 0;
  private unscopedConcurrentRunning = 0;

  constructor(private readonly inputs: ScopeTrackerInputs) {
    this.root = this.newBlock('', undefined, 'file');
    this.sequential = this.newScope('block', ROOT_LABEL, this.root, this.root.correlationId, false);
  }

  get correlation(): boolean {
    return this.inputs.correlationPrefix !== undefined;
  }

  /** Called when the capture is ready: the file's scope sees what arrives from now on. */
  open(): void {
    this.root.enteredAt = this.inputs.position();
    this.sequential = this.newScope('block', ROOT_LABEL, this.root, this.root.correlationId, false);
  }

  /** The block for a runner's key (its describe block object); created on first use. */
  blockFor(key: unknown, name: string, parentKey: unknown): Block {
    if (parentKey === undefined) {
      this.blocks.set(key, this.root);
      return this.root;
    }
    const existing = this.blocks.get(key);
    if (existing) return existing;
    const parent = this.blocks.get(parentKey) ?? this.root;
    const block = this.newBlock(name, parent, `b${this.blockCount + 1}`);
    this.blockCount += 1;
    this.blocks.set(key, block);
    return block;
  }

  enterBlock(block: Block): void {
    if (block !== this.root) block.enteredAt = this.inputs.position();
    this.sequential = this.newScope('block', blockLabel(block), block, block.correlationId, false);
  }

  exitBlock(block: Block): void {
    block.exitedAt = this.inputs.position();
    if (block !== this.root) this.finished.push(block);
    const parent = block.parent ?? this.root;
    this.sequential = this.newScope('block', blockLabel(parent), parent, parent.correlationId, false);
  }

  /** A beforeAll or afterAll hook of `block` begins; the first beforeAll opens the block's window. */
  beginHook(block: Block, kind: 'beforeAll' | 'afterAll'): void {
    if (kind === 'beforeAll' && block.openedAt === undefined) {
      block.openedAt = this.inputs.position();
      block.openedTime = this.inputs.now();
    }
    this.sequential = this.newScope(kind, `${kind} of ${blockLabel(block)}`, block, block.correlationId, false);
  }

  endHook(block: Block): void {
    this.sequential = this.newScope('block', blockLabel(block), block, block.correlationId, false);
  }

  /** A sequential test begins (before its beforeEach hooks). */
  beginTest(block: Block, name: string): Scope {
    const scope = this.newTestScope(block, name, false);
    this.sequential = scope;
    return scope;
  }

  endTest(block: Block): void {
    this.sequential = this.newScope('block', blockLabel(block), block, block.correlationId, false);
  }

  /**
   * Runs a concurrent test's callback with its own scope, carried by the callback's async
   * context: its puts, matchers and `events` resolve to it even while other tests run.
   */
  runConcurrent<T>(block: Block, name: string, callback: () => T): T {
    const scope = this.newTestScope(block, name, true);
    this.concurrentRunning += 1;
    let result: T;
    try {
      result = this.context.run(scope, callback);
    } catch (error) {
      this.concurrentRunning -= 1;
      throw error;
    }
    // A promise from the test sandbox fails `instanceof Promise`: test for a thenable instead.
    const thenable = result as { then?: unknown } | null | undefined;
    if (typeof thenable === 'object' && thenable !== null && typeof thenable.then === 'function') {
      const settled = (): void => {
        this.concurrentRunning -= 1;
      };
      (thenable as PromiseLike<unknown>).then(settled, settled);
    } else {
      this.concurrentRunning -= 1;
    }
    return result;
  }

  /** A concurrent test ran outside our async context (its callback could not be wrapped). */
  beginUnscopedConcurrent(): void {
    this.unscopedConcurrentRunning += 1;
  }

  endUnscopedConcurrent(): void {
    this.unscopedConcurrentRunning = Math.max(0, this.unscopedConcurrentRunning - 1);
  }

  /** The scope running here: the concurrent test whose callback this is, or the sequential one. */
  current(): Scope {
    const own = this.context.getStore();
    if (own) return own;
    if (this.unscopedConcurrentRunning > 0) {
      throw new TestScopeError(
        'jest-eventbridge cannot tell which test is running: a test.concurrent test runs, and its callback is not inside the async context jest-eventbridge gave it (the test runner did not let it wrap the callback), so its puts and events could be counted for another test. Make the tests of this file sequential: test instead of test.concurrent.',
      );
    }
    return this.sequential;
  }

  /** The correlation id the current scope stamps on its puts (undefined without correlation). */
  currentCorrelationId(): string | undefined {
    return this.correlation ? this.current().correlationId : undefined;
  }

  /** The ids the current scope sees: its own, then its enclosing blocks' (innermost first). */
  visibleCorrelationIds(): string[] {
    const scope = this.current();
    const ids = [scope.correlationId, ...chainOf(scope.block).map((block) => block.correlationId)];
    return [...new Set(ids)];
  }

  /** Hides, for the current scope, everything that arrived so far. */
  clear(): void {
    const scope = this.current();
    scope.clearedAt = this.inputs.position();
    scope.clearedTime = this.inputs.now();
  }

  /**
   * The current scope's view, for a matcher or `events`. Without correlation scoping, events of
   * tests that run at the same time cannot be told apart: that is an error, not a mixed count.
   */
  view(): EventView {
    const scope = this.current();
    if (!this.correlation && (scope.concurrent || this.concurrentRunning > 0)) {
      throw new TestScopeError(
        `jest-eventbridge cannot tell the events of ${scope.concurrent ? `concurrent test "${scope.name}"` : `"${scope.name}"`} from those of the test.concurrent tests running at the same time: without correlation scoping, a test sees events by arrival time only. Turn on correlation scoping (the "correlation" option, with a service that copies the id onto the events it emits), or use test instead of test.concurrent.`,
      );
    }
    return viewOf(scope, {
      correlation: this.correlation,
      finished: [...this.finished],
      owners: this.owners,
      correlationPath: this.inputs.correlationPath,
    });
  }

  /** Labels a correlation id with its owner ("test \"a\""), or undefined when not this file's. */
  ownerOf(correlationId: string): string | undefined {
    return this.owners.get(correlationId);
  }

  private newBlock(name: string, parent: Block | undefined, suffix: string): Block {
    const block: Block = { name, parent, correlationId: `${this.inputs.correlationPrefix ?? ''}${suffix}` };
    this.owners.set(block.correlationId, blockLabel(block));
    return block;
  }

  private newTestScope(block: Block, name: string, concurrent: boolean): Scope {
    this.testCount += 1;
    const correlationId = `${this.inputs.correlationPrefix ?? ''}t${this.testCount}`;
    this.owners.set(correlationId, `test "${name}"`);
    return this.newScope('test', name, block, correlationId, concurrent);
  }

  private newScope(kind: ScopeKind, name: string, block: Block, correlationId: string, concurrent: boolean): Scope {
    return { kind, name, block, correlationId, startedAt: this.inputs.position(), startedTime: this.inputs.now(), concurrent };
  }
}

function chainOf(block: Block): Block[] {
  const chain: Block[] = [];
  for (let current: Block | undefined = block; current; current = current.parent) chain.push(current);
  return chain;
}

/**
 * The view of `scope`: pure, given the blocks that finished running when it was taken. Exported
 * for unit tests; the tracker's `view()` is how the library gets one.
 */
export function viewOf(
  scope: Scope,
  context: { correlation: boolean; finished: readonly Block[]; owners?: ReadonlyMap<string, string>; correlationPath?: string | undefined },
): EventView {
  const chain = chainOf(scope.block);
  const viewer = scope.kind === 'test' ? 'this test' : scope.kind === 'block' ? blockLabel(scope.block) : `this ${scope.kind} hook`;
  const clearedAt = scope.clearedAt ?? -1;

  if (context.correlation) {
    const ids = new Set([scope.correlationId, ...chain.map((block) => block.correlationId)]);
    const whyHidden = (captured: CapturedEvent): HiddenReason | undefined => {
      if (captured.correlationId === undefined) return { kind: 'no-correlation' };
      if (!ids.has(captured.correlationId)) {
        return { kind: 'other-correlation', correlationId: captured.correlationId, owner: context.owners?.get(captured.correlationId) };
      }
      if (captured.sequence <= clearedAt) return { kind: 'cleared', clearedTime: scope.clearedTime ?? 0 };
      return undefined;
    };
    return { viewer, isVisible: (captured) => whyHidden(captured) === undefined, whyHidden };
  }

  // The outermost enclosing block whose beforeAll began opens the window; otherwise the scope itself.
  let windowStart = scope.startedAt;
  let windowTime = scope.startedTime;
  let opener = scope.kind === 'test' ? 'this test began' : scope.kind === 'block' ? 'this scope began' : `this ${scope.kind} hook began`;
  for (const block of chain) {
    if (block.openedAt !== undefined && block.openedAt <= windowStart) {
      windowStart = block.openedAt;
      windowTime = block.openedTime ?? windowTime;
      opener = `the beforeAll of ${blockLabel(block)} began`;
    }
  }
  const enclosing = new Set(chain);
  // Blocks that ran and do not enclose the scope; innermost first (they finish first), so an
  // event is credited to the block that ran when it arrived.
  const siblings = context.finished.filter(
    (block) => !enclosing.has(block) && block.enteredAt !== undefined && block.exitedAt !== undefined,
  );
  const whyHidden = (captured: CapturedEvent): HiddenReason | undefined => {
    const during = siblings.find((block) => captured.sequence > (block.enteredAt ?? 0) && captured.sequence <= (block.exitedAt ?? 0));
    if (during) return { kind: 'sibling-block', block: blockLabel(during) };
    if (captured.sequence <= windowStart) return { kind: 'before-window', windowStartedTime: windowTime, opener };
    if (captured.sequence <= clearedAt) return { kind: 'cleared', clearedTime: scope.clearedTime ?? 0 };
    return undefined;
  };
  // Called for every stored event each time one arrives while a matcher waits: the cheap bound
  // first, and only the sibling blocks that ran after it.
  const floor = Math.max(windowStart, clearedAt);
  const later = siblings.filter((block) => (block.exitedAt ?? 0) > floor);
  const isVisible = (captured: CapturedEvent): boolean =>
    captured.sequence > floor &&
    !later.some((block) => captured.sequence > (block.enteredAt ?? 0) && captured.sequence <= (block.exitedAt ?? 0));
  return { viewer, isVisible, whyHidden };
}
