/**
 * The lines a failing matcher's message gets when local flows run: the invocations the events it
 * looked at caused, one line per invocation (its last attempt), errors with their first stack
 * frame, so that "OrderConfirmed never arrived" comes with "ConfirmOrder threw TypeError: …".
 */
import type { InvocationRecord } from '../local/stackModel';

/** How many invocations a message lists before it counts the rest. */
export const MAX_LISTED_INVOCATIONS = 10;

/** The last attempt of each invocation (one request id), in the order the invocations ended. */
export function lastAttempts(records: readonly InvocationRecord[]): InvocationRecord[] {
  const last = new Map<string, InvocationRecord>();
  for (const record of records) {
    last.delete(record.requestId);
    last.set(record.requestId, record);
  }
  return [...last.values()];
}

/** `at handler (/src/payment.mjs:7:44)` → `payment.mjs:7:44`: where the error was thrown, short. */
export function firstFrame(stack: string | undefined): string | undefined {
  const frame = stack?.split('\n').find((line) => /^\s+at /.test(line));
  const location = frame === undefined ? undefined : (/\(([^()]+)\)\s*$/.exec(frame)?.[1] ?? frame.replace(/^\s+at\s+/, ''));
  return location?.replace(/^file:\/\//, '').replace(/^.*[\\/]/, '');
}

function describeInvocation(record: InvocationRecord, detailTypeOf: (eventId: string) => string | undefined): string {
  const detailType = detailTypeOf(record.eventId);
  const trigger = `event ${record.eventId}${detailType === undefined ? '' : ` (${detailType})`}`;
  const attempt = `attempt ${record.attempt} of ${record.attempts}`;
  if (record.outcome === 'success') return `${record.logicalId} handled ${trigger} in ${Math.round(record.durationMs)} ms (${attempt})`;
  const error = record.error;
  const what = record.outcome === 'timeout' ? (error?.message ?? 'timed out') : `threw ${error?.name ?? 'Error'}: ${error?.message ?? ''}`;
  const where = firstFrame(error?.stack);
  return `${record.logicalId} ${what} on ${trigger}${where === undefined ? '' : ` at ${where}`} (${attempt})`;
}

/**
 * The message lines for the invocations of `records` caused by the events `eventIds` names, or
 * none when there are none. Failed invocations come first: they are usually why.
 */
export function invocationNotes(
  records: readonly InvocationRecord[],
  eventIds: ReadonlySet<string>,
  detailTypeOf: (eventId: string) => string | undefined,
): string[] {
  const caused = lastAttempts(records.filter((record) => eventIds.has(record.eventId)));
  if (caused.length === 0) return [];
  const ordered = [...caused.filter((record) => record.outcome !== 'success'), ...caused.filter((record) => record.outcome === 'success')];
  const listed = ordered.slice(0, MAX_LISTED_INVOCATIONS).map((record) => `  ${describeInvocation(record, detailTypeOf)}`);
  const more = ordered.length - listed.length;
  return [
    `Local invocations caused by the events in view (${caused.length}):`,
    ...listed,
    ...(more > 0 ? [`  … and ${more} more (eventBridge.invocations has them all)`] : []),
  ];
}
