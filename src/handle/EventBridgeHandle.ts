import { messageOf } from '../foundation/realm';
import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { EventBridgeEvent } from '../core/events/envelope';
import type { LooseDetail } from '../core/expectations/expectation';
import type { PutEntry } from '../core/events/putEntries';
import { subjectOf } from '../core/store/eventStore';
import { ConfigurationError, PutEventsError } from '../foundation/errors';
import { isTimerTimeout } from '../foundation/timers';
import { describeValue } from '../foundation/describeValue';
import { parseExactJson } from '../foundation/exactJson';
import { CAPTURE, captureViewOf, type CaptureResourceNames, type CaptureView } from '../core/matchers/captureView';
import type { PutResult } from '../session/CaptureSession';
import type { InvocationRecord } from '../local/stackModel';

export { CAPTURE, type CaptureResourceNames, type CaptureView, type PutResult, type InvocationRecord };

export interface HandleBackend {
  readonly eventBusName: string;
  readonly testPath: string;
  readonly view: CaptureView;
  put(entries: readonly PutEntry[]): Promise<PutResult[]>;
  currentCorrelationId(): string | undefined;
  invocations(): InvocationRecord[];
  waitForInvocations(timeoutMs: number | undefined): Promise<InvocationRecord[]>;
}

/**
 * `eventBridge` in a spec: fire events on the bus and read what the capture saw. Matchers take
 * it as their receiver: `await expect(eventBridge).toEmitEvent(...)`.
 */
export interface EventBridge {
  /** The bus events are put on and captured from. */
  readonly eventBusName: string;
  /** The correlation id `put()` stamps here: the test's, or in beforeAll/afterAll the block's (undefined without correlation). */
  readonly correlationId: string | undefined;
  /**
   * Puts one entry or many (batched by 10 and 256 KB), in order. Resolves with one result per
   * entry; rejects naming each entry EventBridge refused, with its error code. `Detail` is
   * inferred from the entries, or given to check them: `put<OrderPlaced>({ ..., detail })`.
   */
  put<Detail extends object = object>(entries: PutEntry<Detail> | readonly PutEntry<Detail>[]): Promise<PutResult[]>;
  /** A batch whose details are of different types (inference takes one type from one entry). */
  put(entries: PutEntry<object> | readonly PutEntry<object>[]): Promise<PutResult[]>;
  /**
   * Puts the entries of a JSON fixture file (one entry or an array, in `put()`'s format).
   * A relative path is resolved from the test file's folder, like an import.
   */
  putFromFile(path: string): Promise<PutResult[]>;
  /**
   * The events the current test (or hook) sees, in arrival order: its own and those caused by
   * the beforeAll hooks of the blocks that enclose it (README, "What a test sees"). With
   * `mirrorRule: { name, target }`, what that target receives for each instead (a JSON value, or
   * text; README, "Mirror a rule").
   */
  readonly events: EventBridgeEvent<LooseDetail>[];
  /**
   * With local flows (the `local` option), the handler invocations the events this test sees
   * caused, one record per attempt, in the order they ended: function, event id, attempt of
   * attempts, duration in ms, and the result or the error with its stack. Empty otherwise.
   */
  readonly invocations: InvocationRecord[];
  /**
   * With local flows: waits until every event this test sees has been routed and every
   * invocation it caused has ended (retries included), then resolves with `invocations`.
   * Resolves at once otherwise.
   * @param options.timeout the longest wait in ms (default: the matcher timeout); past it, rejects naming the events still running
   */
  waitForInvocations(options?: { timeout?: number }): Promise<InvocationRecord[]>;
  /** Forgets what was captured so far in the current scope; later matchers see only newer events. */
  clear(): void;
  /** The capture queue and rule this file uses: its worker's (`captureScope: 'worker'`) or its own (to inspect them, or to find them with `keep: true`, which gives a file its own). */
  readonly resources: CaptureResourceNames;
  /** For matchers. */
  readonly [CAPTURE]: CaptureView;
}

export class EventBridgeHandle implements EventBridge {
  readonly [CAPTURE]: CaptureView;

  constructor(private readonly backend: HandleBackend) {
    this[CAPTURE] = backend.view;
  }

  /** The bus events are put on and captured from. */
  get eventBusName(): string {
    return this.backend.eventBusName;
  }

  /** The correlation id `put()` stamps here: the test's, or in beforeAll/afterAll the block's (undefined without correlation). */
  get correlationId(): string | undefined {
    return this.backend.currentCorrelationId();
  }

  /**
   * Puts one entry or many (batched by 10 and 256 KB), in order. Resolves with one result per
   * entry; rejects naming each entry EventBridge refused, with its error code.
   */
  put<Detail extends object = object>(entries: PutEntry<Detail> | readonly PutEntry<Detail>[]): Promise<PutResult[]> {
    const list: readonly PutEntry[] = Array.isArray(entries) ? (entries as readonly PutEntry<Detail>[]) : [entries as PutEntry<Detail>];
    if (list.length === 0) return Promise.reject(new PutEventsError('put() was given an empty array: pass at least one entry.'));
    return this.backend.put(list);
  }

  /**
   * Puts the entries of a JSON fixture file (one entry or an array, in `put()`'s format).
   * A relative path is resolved from the test file's folder, like an import.
   */
  async putFromFile(path: string): Promise<PutResult[]> {
    if (typeof path !== 'string' || path === '') throw new PutEventsError('putFromFile() needs the path of a JSON file.');
    const file = isAbsolute(path) ? path : resolve(dirname(this.backend.testPath), path);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      throw new PutEventsError(
        `putFromFile(): cannot read ${path} (resolved to ${file}): ${(error as NodeJS.ErrnoException).code ?? String(error)}.`,
      );
    }
    let parsed: unknown;
    try {
      parsed = parseExactJson(text); // large integers stay exact (BigInt), and are put as written
    } catch (error) {
      throw new PutEventsError(`putFromFile(): ${path} is not valid JSON: ${messageOf(error)}.`);
    }
    if (typeof parsed !== 'object' || parsed === null) {
      throw new PutEventsError(`putFromFile(): ${path} must hold an entry object or an array of entries, in put()'s format.`);
    }
    return this.put(parsed as PutEntry | PutEntry[]);
  }

  /**
   * The events the current test (or hook) sees, in arrival order: its own and those caused by
   * the beforeAll hooks of the blocks that enclose it (README, "What a test sees"). With
   * `mirrorRule: { name, target }`, each is what that target receives instead (a JSON value, or
   * text): the element type is then the spec's claim, as a predicate's is.
   */
  get events(): EventBridgeEvent<LooseDetail>[] {
    const view = this[CAPTURE];
    return view.store.visible(view.view()).map((captured) => subjectOf(captured) as EventBridgeEvent<LooseDetail>);
  }

  /**
   * With local flows (the `local` option), the handler invocations the events this test sees
   * caused, one record per attempt, in the order they ended. Empty otherwise.
   */
  get invocations(): InvocationRecord[] {
    return this.backend.invocations();
  }

  /**
   * With local flows: waits until every event this test sees has been routed and every
   * invocation it caused has ended (retries included), then resolves with `invocations`.
   * Resolves at once otherwise.
   */
  waitForInvocations(options: { timeout?: number } = {}): Promise<InvocationRecord[]> {
    const timeout = options?.timeout;
    if (timeout !== undefined && !isTimerTimeout(timeout)) {
      return Promise.reject(
        new ConfigurationError(`waitForInvocations({ timeout }) must be a positive number of milliseconds, got ${describeValue(timeout)}.`),
      );
    }
    return this.backend.waitForInvocations(timeout);
  }

  /** Forgets what was captured so far in the current scope; later matchers see only newer events. */
  clear(): void {
    this[CAPTURE].clear();
  }

  /** The capture queue and rule this file uses: its worker's (`captureScope: 'worker'`) or its own (to inspect them, or to find them with `keep: true`, which gives a file its own). */
  get resources(): CaptureResourceNames {
    return this[CAPTURE].resources();
  }
}

/** Whether a value is a capture handle (from any realm). */
export function isEventBridgeHandle(value: unknown): value is EventBridge {
  return captureViewOf(value) !== undefined;
}
