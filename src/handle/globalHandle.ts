import { ConfigurationError } from '../foundation/errors';
import type { EventBridgeEvent } from '../core/events/envelope';
import type { LooseDetail } from '../core/expectations/expectation';
import type { PutEntry } from '../core/events/putEntries';
import {
  CAPTURE,
  type CaptureResourceNames,
  type CaptureView,
  type EventBridge,
  type InvocationRecord,
  type PutResult,
} from './EventBridgeHandle';

/** Where the environment puts the current file's handle in the test sandbox's globals. */
export const HANDLE_GLOBAL = Symbol.for('jest-eventbridge.handle');

function current(): EventBridge {
  const handle = (globalThis as Record<symbol, unknown>)[HANDLE_GLOBAL] as EventBridge | undefined;
  if (!handle) {
    throw new ConfigurationError(
      "jest-eventbridge: no capture is running in this test file. Set testEnvironment: 'jest-eventbridge/environment' (or preset: 'jest-eventbridge') in your Jest config.",
    );
  }
  return handle;
}

/**
 * `import { eventBridge } from 'jest-eventbridge'`: the same object as the `eventBridge` global,
 * reached lazily, because the module is imported before the environment's setup has finished.
 */
export const eventBridge: EventBridge = {
  get [CAPTURE](): CaptureView {
    return current()[CAPTURE];
  },
  get eventBusName(): string {
    return current().eventBusName;
  },
  get correlationId(): string | undefined {
    return current().correlationId;
  },
  put: (entries: PutEntry | readonly PutEntry[]): Promise<PutResult[]> => current().put(entries),
  putFromFile: (path: string): Promise<PutResult[]> => current().putFromFile(path),
  get events(): EventBridgeEvent<LooseDetail>[] {
    return current().events;
  },
  get invocations(): InvocationRecord[] {
    return current().invocations;
  },
  waitForInvocations: (options?: { timeout?: number }): Promise<InvocationRecord[]> => current().waitForInvocations(options),
  clear: (): void => current().clear(),
  get resources(): CaptureResourceNames {
    return current().resources;
  },
};
