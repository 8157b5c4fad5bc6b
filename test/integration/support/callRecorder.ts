import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import type { SQSClient } from '@aws-sdk/client-sqs';
import type { STSClient } from '@aws-sdk/client-sts';

export interface RecordedCall {
  readonly command: string;
  readonly start: number;
  end: number;
}

/** Records when each AWS call starts and ends, to measure sequential round trips. */
export function recordCalls(clients: readonly (EventBridgeClient | SQSClient | STSClient)[]): RecordedCall[] {
  const calls: RecordedCall[] = [];
  for (const client of clients) {
    (client as EventBridgeClient).middlewareStack.add(
      (next, context) => async (args) => {
        const call: RecordedCall = { command: String(context.commandName), start: performance.now(), end: Number.POSITIVE_INFINITY };
        calls.push(call);
        try {
          return await next(args);
        } finally {
          call.end = performance.now();
        }
      },
      { step: 'initialize', name: 'recordCalls' },
    );
  }
  return calls;
}

/**
 * The longest chain of calls where each starts only after the previous one ended: the number
 * of sequential round trips. Calls issued together (Promise.all) overlap and count once.
 */
export function criticalPath(calls: readonly RecordedCall[]): number {
  const sorted = [...calls].sort((a, b) => a.start - b.start);
  const depth: number[] = [];
  sorted.forEach((call, i) => {
    let before = 0;
    for (let j = 0; j < i; j += 1) {
      const earlier = sorted[j];
      if (earlier && earlier.end <= call.start) before = Math.max(before, depth[j] ?? 0);
    }
    depth.push(before + 1);
  });
  return Math.max(0, ...depth);
}
