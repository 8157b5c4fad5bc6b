/**
 * Proves that the AWS SDK v3 treats every fault the proxy injects as retryable, so a fault test
 * exercises the SDK's retries (and the duplicates they cause) rather than failing at once.
 * The target is a local stand-in that answers like the service would on success: no AWS here.
 */
import { listenOnLoopback } from '../../support/loopbackServer';
import { createHash } from 'node:crypto';
import * as http from 'node:http';
import { EventBridgeClient, InternalException, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { RequestThrottled, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
// The SDK's own retry strategy and error classification (the code its retry middleware runs).
import { ConfiguredRetryStrategy, isThrottlingError, isTransientError } from '@smithy/core/retry';
import { ALL_FAULT_KINDS, startFaultProxy, type FaultKind, type FaultProxy } from '../../support/faultProxy';

interface FakeAws {
  endpoint: string;
  /** Requests that reached the stand-in, per operation. */
  hits: Record<string, number>;
  close(): Promise<void>;
}

const STS_CALLER_IDENTITY =
  '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>' +
  '<Arn>arn:aws:iam::000000000000:user/test</Arn><UserId>AIDATEST</UserId><Account>000000000000</Account>' +
  '</GetCallerIdentityResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></GetCallerIdentityResponse>';

async function startFakeAws(): Promise<FakeAws> {
  const hits: Record<string, number> = {};
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const target = req.headers['x-amz-target'];
      const operation = typeof target === 'string' ? (target.split('.')[1] ?? '') : (new URLSearchParams(body).get('Action') ?? '');
      hits[operation] = (hits[operation] ?? 0) + 1;
      if (operation === 'PutEvents') {
        res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
        res.end('{"FailedEntryCount":0,"Entries":[{"EventId":"x"}]}');
      } else if (operation === 'SendMessage') {
        // The SQS client checks the body's MD5, so the stand-in must compute it like SQS.
        const { MessageBody } = JSON.parse(body) as { MessageBody: string };
        const md5 = createHash('md5').update(MessageBody).digest('hex');
        res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
        res.end(JSON.stringify({ MessageId: 'm-1', MD5OfMessageBody: md5 }));
      } else if (operation === 'GetCallerIdentity') {
        res.writeHead(200, { 'content-type': 'text/xml' });
        res.end(STS_CALLER_IDENTITY);
      } else {
        res.writeHead(400, { 'content-type': 'text/plain' });
        res.end(`unexpected request ${operation}`);
      }
    });
  });
  const listening = await listenOnLoopback(server);
  return {
    endpoint: listening.endpoint,
    hits,
    close: listening.close,
  };
}

function clientConfig(endpoint: string, maxAttempts: number) {
  return {
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts,
    retryMode: 'standard',
    // Same decisions as the default strategy (the error type comes from the retry middleware);
    // only the backoff is shortened so the test stays fast.
    retryStrategy: new ConfiguredRetryStrategy(maxAttempts, () => 10),
  };
}

type Call = (
  endpoint: string,
  maxAttempts: number,
  onAttemptError?: (error: unknown) => void,
) => Promise<{ $metadata: { attempts?: number } }>;

/**
 * A middleware placed inside the retry middleware: it sees each attempt's error exactly as the
 * retry middleware is about to classify it (the caller may get a wrapped copy, see below).
 */
const attemptErrorObserver =
  (onError: (error: unknown) => void) =>
  <A, R>(next: (args: A) => Promise<R>) =>
  async (args: A): Promise<R> => {
    try {
      return await next(args);
    } catch (error) {
      onError(error);
      throw error;
    }
  };
const OBSERVER_OPTIONS = { step: 'finalizeRequest', priority: 'low', name: 'faultProxyTestAttemptErrors' } as const;

/** Each call uses a fresh client, destroyed afterwards, so no keep-alive socket outlives a test. */
const CALLS: Record<'events' | 'sqs' | 'sts', { operation: string; call: Call }> = {
  events: {
    operation: 'PutEvents',
    call: async (endpoint, maxAttempts, onAttemptError = () => undefined) => {
      const client = new EventBridgeClient(clientConfig(endpoint, maxAttempts));
      client.middlewareStack.add(attemptErrorObserver(onAttemptError), OBSERVER_OPTIONS);
      try {
        return await client.send(new PutEventsCommand({ Entries: [{ Source: 'test', DetailType: 't', Detail: '{}' }] }));
      } finally {
        client.destroy();
      }
    },
  },
  sqs: {
    operation: 'SendMessage',
    call: async (endpoint, maxAttempts, onAttemptError = () => undefined) => {
      const client = new SQSClient(clientConfig(endpoint, maxAttempts));
      client.middlewareStack.add(attemptErrorObserver(onAttemptError), OBSERVER_OPTIONS);
      try {
        return await client.send(new SendMessageCommand({ QueueUrl: `${endpoint}/000000000000/q`, MessageBody: 'hello' }));
      } finally {
        client.destroy();
      }
    },
  },
  sts: {
    operation: 'GetCallerIdentity',
    call: async (endpoint, maxAttempts, onAttemptError = () => undefined) => {
      const client = new STSClient(clientConfig(endpoint, maxAttempts));
      client.middlewareStack.add(attemptErrorObserver(onAttemptError), OBSERVER_OPTIONS);
      try {
        return await client.send(new GetCallerIdentityCommand({}));
      } finally {
        client.destroy();
      }
    },
  },
};

/** Faults exactly the first `count` requests, retries included. */
function firstRequests(count: number, kind: FaultKind) {
  let left = count;
  return { rate: 1, faults: [kind], match: () => left-- > 0 };
}

let fakeAws: FakeAws;
let proxy: FaultProxy;

beforeEach(async () => {
  fakeAws = await startFakeAws();
  proxy = await startFaultProxy(fakeAws.endpoint);
});

afterEach(async () => {
  await proxy.close();
  await fakeAws.close();
});

const services = Object.keys(CALLS) as Array<keyof typeof CALLS>;
const matrix = services.flatMap((service) => ALL_FAULT_KINDS.map((kind) => [service, kind] as const));

describe('the SDK retries every injected fault', () => {
  it.each(matrix)('%s after %s', async (service, kind) => {
    const { operation, call } = CALLS[service];
    proxy.setPlan(firstRequests(2, kind));

    const output = await call(proxy.endpoint, 5);

    expect(output.$metadata.attempts).toBe(3);
    expect(proxy.stats.faults[kind]).toBe(2);
    // reset-after-forward is the fault that lets a retried write land twice (or more).
    expect(fakeAws.hits[operation]).toBe(kind === 'reset-after-forward' ? 3 : 1);
  });

  it('gives up after maxAttempts when every attempt faults', async () => {
    proxy.setPlan({ rate: 1, faults: ['throttle'] });
    await expect(CALLS.events.call(proxy.endpoint, 5)).rejects.toMatchObject({ name: 'ThrottlingException', $metadata: { attempts: 5 } });
    expect(proxy.stats.requests).toBe(5);
  });
});

describe('how the SDK classifies each injected fault (one attempt, no retry)', () => {
  interface Classified {
    name: string;
    status: number | undefined;
    throttling: boolean;
    transient: boolean;
    /** The attempt's error as the retry middleware saw it. */
    error: unknown;
    /** What the caller finally got. */
    thrown: unknown;
  }

  async function failOnce(service: keyof typeof CALLS, kind: FaultKind): Promise<Classified> {
    proxy.setPlan({ rate: 1, faults: [kind] });
    const seen: unknown[] = [];
    try {
      await CALLS[service].call(proxy.endpoint, 1, (error) => seen.push(error));
    } catch (thrown) {
      expect(seen).toHaveLength(1);
      // Typed as the classifier's own parameter: an SDK error or a node:http socket error.
      const error = seen[0] as Parameters<typeof isTransientError>[0];
      return {
        name: error.name,
        status: error.$metadata?.httpStatusCode,
        throttling: isThrottlingError(error),
        transient: isTransientError(error),
        error,
        thrown,
      };
    }
    throw new Error(`${service} did not fail under ${kind}`);
  }

  it('EventBridge throttling is ThrottlingException (400), a throttling error', async () => {
    expect(await failOnce('events', 'throttle')).toMatchObject({ name: 'ThrottlingException', status: 400, throttling: true });
  });

  it('SQS throttling is the modelled RequestThrottled (403), a throttling error', async () => {
    const result = await failOnce('sqs', 'throttle');
    expect(result).toMatchObject({ name: 'RequestThrottled', status: 403, throttling: true });
    expect(result.error).toBeInstanceOf(RequestThrottled);
  });

  it('STS throttling is Throttling (400), a throttling error', async () => {
    expect(await failOnce('sts', 'throttle')).toMatchObject({ name: 'Throttling', status: 400, throttling: true });
  });

  it('EventBridge 500 is the modelled InternalException, a transient error', async () => {
    const result = await failOnce('events', 'server-error-500');
    expect(result).toMatchObject({ name: 'InternalException', status: 500, transient: true });
    expect(result.error).toBeInstanceOf(InternalException);
  });

  it.each([
    ['sqs', 'server-error-500', 'InternalError', 500],
    ['sts', 'server-error-500', 'InternalFailure', 500],
    ['events', 'unavailable-503', 'ServiceUnavailable', 503],
    ['sqs', 'unavailable-503', 'ServiceUnavailable', 503],
    ['sts', 'unavailable-503', 'ServiceUnavailable', 503],
  ] as const)('%s %s is %s (%d), a transient error', async (service, kind, name, status) => {
    expect(await failOnce(service, kind)).toMatchObject({ name, status, transient: true });
  });

  it.each(services.flatMap((service) => (['drop-connection', 'reset-after-forward'] as const).map((kind) => [service, kind] as const)))(
    '%s %s is a reset connection, a transient error',
    async (service, kind) => {
      const result = await failOnce(service, kind);
      // The node-http-handler renames ECONNRESET errors TimeoutError; both name and code are on
      // the SDK's transient list.
      expect(result).toMatchObject({ name: 'TimeoutError', status: undefined, transient: true });
      expect(result.error).toMatchObject({ code: 'ECONNRESET' });
      // Under Jest, node:http's errors come from another realm (`instanceof Error` is false), so
      // once retries run out the SDK hands the caller a plain wrapper whose message is all that
      // is left of the reset: code and name are gone. Error reporting must not rely on them.
      expect(String((result.thrown as Error).message)).toMatch(/socket hang up/);
    },
  );
});
