/**
 * Call timing for both SDK generations, to count sequential round trips: v3 clients through a
 * middleware (the integration tests' recorder), v2 (aws-sdk, used by the compared tools) through
 * its global request events, which every request of every v2 client emits.
 */
import { criticalPath, recordCalls, type RecordedCall } from '../../test/integration/support/callRecorder';
import type { AwsSdkV2, AwsV2Request, AwsV2Response } from './peers';

export { criticalPath, recordCalls, type RecordedCall };

/** Records every aws-sdk v2 request from its first state ('validate') to 'complete'. */
export function recordV2Calls(aws: AwsSdkV2): { readonly calls: RecordedCall[]; stop(): void } {
  const calls: RecordedCall[] = [];
  const open = new WeakMap<AwsV2Request, RecordedCall>();
  const onValidate = (request: AwsV2Request): void => {
    const call: RecordedCall = { command: request.operation, start: performance.now(), end: Number.POSITIVE_INFINITY };
    open.set(request, call);
    calls.push(call);
  };
  const onComplete = (response: AwsV2Response): void => {
    const call = open.get(response.request);
    if (call) call.end = performance.now();
  };
  aws.events.on('validate', onValidate);
  aws.events.on('complete', onComplete);
  return {
    calls,
    stop() {
      aws.events.removeListener('validate', onValidate);
      aws.events.removeListener('complete', onComplete);
    },
  };
}

/** The calls that started and ended inside [from, to]: one phase's own work. */
export function callsWithin(calls: readonly RecordedCall[], from: number, to: number): RecordedCall[] {
  return calls.filter((call) => call.start >= from && call.end <= to);
}

/** Sequential round trips of one phase, optionally leaving out some operations (bare names: `PutEvents`). */
export function sequentialRoundTrips(calls: readonly RecordedCall[], from: number, to: number, leaveOut: readonly string[] = []): number {
  return criticalPath(callsWithin(calls, from, to).filter((call) => !leaveOut.includes(operationName(call.command))));
}

/** `CreateQueue ‖ PutRule → PutTargets` style: the phase's calls in start order, overlaps joined. */
export function describeChain(calls: readonly RecordedCall[], from: number, to: number): string {
  const phase = callsWithin(calls, from, to).sort((a, b) => a.start - b.start);
  const steps: RecordedCall[][] = [];
  for (const call of phase) {
    const last = steps[steps.length - 1];
    if (last && last.some((other) => other.end > call.start)) last.push(call);
    else steps.push([call]);
  }
  return steps.map((step) => step.map((call) => operationName(call.command)).join(' ‖ ')).join(' → ');
}

/** One spelling for both SDKs: v3's `CreateQueueCommand` and v2's `createQueue` are `CreateQueue`. */
export function operationName(command: string): string {
  const bare = command.replace(/Command$/, '');
  return bare.charAt(0).toUpperCase() + bare.slice(1);
}
