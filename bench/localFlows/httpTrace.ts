/**
 * Every AWS call this thread makes, timed from Node's HTTP diagnostics channels: how the bench
 * splits `startLocalFlows` into the emulator's part (STS, CloudFormation, buses, the listener's
 * queue and rule) and the local part (bundling, the execution environment), without hooks in the
 * library. A handler's own calls run in its worker thread and are not seen here.
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { ClientRequest, IncomingMessage } from 'node:http';

export interface TracedCall {
  /** The SDK's service id from its user agent (`api/cloudformation#3.x`): `cloudformation`, `sqs`, ... */
  readonly service: string;
  /** performance.now() when the request started and when its answer was read. */
  readonly start: number;
  end: number;
}

const START = 'http.client.request.start';
const FINISH = 'http.client.response.finish';

export interface HttpTrace {
  readonly calls: readonly TracedCall[];
  stop(): void;
}

export function traceHttpCalls(): HttpTrace {
  const calls: TracedCall[] = [];
  const open = new WeakMap<ClientRequest, TracedCall>();
  const onStart = (message: unknown): void => {
    const { request } = message as { request: ClientRequest };
    const agent = String(request.getHeader('user-agent') ?? '');
    const call: TracedCall = { service: /\bapi\/([\w-]+)#/.exec(agent)?.[1] ?? 'other', start: performance.now(), end: Number.NaN };
    open.set(request, call);
    calls.push(call);
  };
  const onFinish = (message: unknown): void => {
    const { request } = message as { request: ClientRequest; response: IncomingMessage };
    const call = open.get(request);
    if (call) call.end = performance.now();
  };
  subscribe(START, onStart);
  subscribe(FINISH, onFinish);
  return {
    calls,
    stop() {
      unsubscribe(START, onStart);
      unsubscribe(FINISH, onFinish);
    },
  };
}
