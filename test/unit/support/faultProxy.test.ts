import * as http from 'node:http';
import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { startFaultProxy, type FaultKind, type FaultProxy, type ProxiedRequest } from '../../support/faultProxy';
import { listenOnLoopback } from '../../support/loopbackServer';

// A tiny local target: this file tests the proxy itself, so there is no AWS here.

interface Received {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

interface Target {
  endpoint: string;
  received: Received[];
  /** Upstream requests whose client (the proxy) went away before the answer was finished. */
  abandoned: string[];
  /** Lets the answer to a pending `/stream` request finish. */
  releaseStream(): void;
  close(): Promise<void>;
}

async function startTarget(): Promise<Target> {
  const received: Received[] = [];
  const abandoned: string[] = [];
  let releaseStream: () => void = () => undefined;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = req.url ?? '/';
      received.push({ method: req.method ?? '', url, headers: req.headers, body: Buffer.concat(chunks) });
      res.once('close', () => {
        if (!res.writableFinished) abandoned.push(url);
      });
      if (url === '/hold') return; // answers never: stands in for a long poll with no messages
      if (url === '/stream') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.write('first-chunk;');
        releaseStream = () => res.end('last-chunk');
        return;
      }
      res.writeHead(
        201,
        'Made',
        [
          ['content-type', 'application/octet-stream'],
          ['x-upstream', 'yes'],
          ['x-multi', 'a'],
          ['x-multi', 'b'],
        ].flat(),
      );
      res.end(Buffer.concat(chunks));
    });
  });
  const listening = await listenOnLoopback(server);
  return {
    endpoint: listening.endpoint,
    received,
    abandoned,
    releaseStream: () => releaseStream(),
    close: listening.close,
  };
}

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

interface SendOptions {
  method?: string;
  path?: string;
  headers?: http.OutgoingHttpHeaders;
  body?: string | Buffer;
  agent?: http.Agent | false;
  onSocket?: (socket: Socket) => void;
}

function send(endpoint: string, options: SendOptions = {}): Promise<Reply> {
  const url = new URL(options.path ?? '/', endpoint);
  return new Promise<Reply>((resolve, reject) => {
    const req = http.request(
      {
        hostname: url.hostname,
        port: url.port,
        method: options.method ?? 'POST',
        path: url.pathname + url.search,
        headers: options.headers,
        agent: options.agent ?? false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (options.onSocket) req.once('socket', options.onSocket);
    req.end(options.body);
  });
}

async function waitFor(condition: () => boolean, what: string, timeoutMs = 4_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const PUT_EVENTS: SendOptions = {
  headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSEvents.PutEvents' },
  body: '{"Entries":[]}',
};
const LIST_RULES: SendOptions = {
  headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSEvents.ListRules' },
  body: '{}',
};
const SQS_SEND: SendOptions = {
  headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AmazonSQS.SendMessage', 'x-amzn-query-mode': 'true' },
  body: '{"QueueUrl":"http://127.0.0.1/000000000000/q","MessageBody":"hi"}',
};
const STS_CALLER: SendOptions = {
  headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
  body: 'Action=GetCallerIdentity&Version=2011-06-15',
};

let target: Target;
let proxy: FaultProxy | undefined;

beforeEach(async () => {
  target = await startTarget();
});

afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
  await target.close();
});

describe('forwarding', () => {
  it('forwards method, path, query, headers (Host as sent) and body, and relays status, headers and body', async () => {
    proxy = await startFaultProxy(target.endpoint);
    const body = Buffer.from([0, 255, 1, 254, 0x7b, 0x22]); // not valid UTF-8, so nothing may re-encode it
    const reply = await send(proxy.endpoint, {
      method: 'PUT',
      path: '/a/b?x=1&y=two',
      headers: { host: 'events.us-east-1.amazonaws.com', 'x-custom': 'kept', 'content-type': 'application/octet-stream' },
      body,
    });

    expect(reply.status).toBe(201);
    expect(reply.headers['x-upstream']).toBe('yes');
    expect(reply.headers['x-multi']).toBe('a, b');
    expect(reply.body.equals(body)).toBe(true);
    expect(target.received).toHaveLength(1);
    const seen = target.received[0];
    expect(seen?.method).toBe('PUT');
    expect(seen?.url).toBe('/a/b?x=1&y=two');
    expect(seen?.headers.host).toBe('events.us-east-1.amazonaws.com');
    expect(seen?.headers['x-custom']).toBe('kept');
    expect(seen?.body.equals(body)).toBe(true);
    expect(proxy.stats).toMatchObject({ requests: 1, forwarded: 1 });
  });

  it('keeps a path prefix of the target', async () => {
    proxy = await startFaultProxy(`${target.endpoint}/prefix/`);
    await send(proxy.endpoint, { method: 'GET', path: '/q?a=1' });
    expect(target.received[0]?.url).toBe('/prefix/q?a=1');
  });

  it('streams an answer as the target sends it, as a long poll needs', async () => {
    proxy = await startFaultProxy(target.endpoint);
    const chunks: string[] = [];
    const done = new Promise<void>((resolve, reject) => {
      const url = new URL('/stream', proxy?.endpoint);
      const req = http.request({ hostname: url.hostname, port: url.port, path: url.pathname, method: 'GET', agent: false }, (res) => {
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => chunks.push(chunk));
        res.on('end', () => resolve());
      });
      req.on('error', reject);
      req.end();
    });
    // The first chunk arrives while the target still holds the rest back: nothing is buffered.
    await waitFor(() => chunks.join('') === 'first-chunk;', 'the first chunk');
    target.releaseStream();
    await done;
    expect(chunks.join('')).toBe('first-chunk;last-chunk');
  });

  it('aborts the upstream request when the client gives up waiting', async () => {
    proxy = await startFaultProxy(target.endpoint);
    const url = new URL('/hold', proxy.endpoint);
    const req = http.request({ hostname: url.hostname, port: url.port, path: url.pathname, method: 'POST', agent: false });
    const failed = new Promise<void>((resolve) => req.once('error', () => resolve()));
    req.end('{}');
    await waitFor(() => target.received.length === 1, 'the request to reach the target');
    req.destroy();
    await failed;
    await waitFor(() => target.abandoned.includes('/hold'), 'the upstream request to be aborted');
    expect(target.abandoned).toContain('/hold');
  });

  it('answers 502 when the target cannot be reached', async () => {
    const gone = await startTarget();
    await gone.close();
    proxy = await startFaultProxy(gone.endpoint);
    const reply = await send(proxy.endpoint, PUT_EVENTS);
    expect(reply.status).toBe(502);
  });

  it('refuses an https target (it forwards plain HTTP to a local emulator only)', async () => {
    await expect(startFaultProxy('https://127.0.0.1:1')).rejects.toThrow(/plain HTTP/);
  });
});

describe('latency', () => {
  it('adds latencyMs before forwarding (lower bound only)', async () => {
    proxy = await startFaultProxy(target.endpoint, { latencyMs: 120 });
    const started = performance.now();
    const reply = await send(proxy.endpoint, PUT_EVENTS);
    // A few ms of slack for timer rounding; no upper bound, a busy machine may be slower.
    expect(performance.now() - started).toBeGreaterThanOrEqual(115);
    expect(reply.status).toBe(201);
  });

  it('adds latency to fault answers too', async () => {
    proxy = await startFaultProxy(target.endpoint, { latencyMs: 120, rate: 1, faults: ['throttle'] });
    const started = performance.now();
    const reply = await send(proxy.endpoint, PUT_EVENTS);
    expect(performance.now() - started).toBeGreaterThanOrEqual(115);
    expect(reply.status).toBe(400);
  });
});

describe('fault kinds', () => {
  interface Expected {
    status: number;
    contentType: string;
    queryError?: string;
    json?: { __type: string; message: string };
    xml?: RegExp[];
  }
  const cases: Array<[string, FaultKind, SendOptions, Expected]> = [
    [
      'events',
      'throttle',
      PUT_EVENTS,
      { status: 400, contentType: 'application/x-amz-json-1.1', json: { __type: 'ThrottlingException', message: 'Rate exceeded' } },
    ],
    [
      'sqs',
      'throttle',
      SQS_SEND,
      {
        status: 403,
        contentType: 'application/x-amz-json-1.0',
        queryError: 'RequestThrottled;Sender',
        json: { __type: 'com.amazonaws.sqs#RequestThrottled', message: 'Request is throttled.' },
      },
    ],
    [
      'sts',
      'throttle',
      STS_CALLER,
      {
        status: 400,
        contentType: 'text/xml',
        xml: [/<Type>Sender<\/Type>/, /<Code>Throttling<\/Code>/, /<Message>Rate exceeded<\/Message>/],
      },
    ],
    [
      'events',
      'server-error-500',
      PUT_EVENTS,
      {
        status: 500,
        contentType: 'application/x-amz-json-1.1',
        json: { __type: 'InternalException', message: expect.any(String) as string },
      },
    ],
    [
      'sqs',
      'server-error-500',
      SQS_SEND,
      {
        status: 500,
        contentType: 'application/x-amz-json-1.0',
        queryError: 'InternalError;Receiver',
        json: { __type: 'com.amazonaws.sqs#InternalError', message: expect.any(String) as string },
      },
    ],
    [
      'sts',
      'server-error-500',
      STS_CALLER,
      { status: 500, contentType: 'text/xml', xml: [/<Type>Receiver<\/Type>/, /<Code>InternalFailure<\/Code>/] },
    ],
    [
      'events',
      'unavailable-503',
      PUT_EVENTS,
      {
        status: 503,
        contentType: 'application/x-amz-json-1.1',
        json: { __type: 'ServiceUnavailable', message: expect.any(String) as string },
      },
    ],
    [
      'sqs',
      'unavailable-503',
      SQS_SEND,
      {
        status: 503,
        contentType: 'application/x-amz-json-1.0',
        queryError: 'ServiceUnavailable;Receiver',
        json: { __type: 'com.amazonaws.sqs#ServiceUnavailable', message: expect.any(String) as string },
      },
    ],
    [
      'sts',
      'unavailable-503',
      STS_CALLER,
      { status: 503, contentType: 'text/xml', xml: [/<Type>Receiver<\/Type>/, /<Code>ServiceUnavailable<\/Code>/] },
    ],
  ];

  it.each(cases)('%s %s: answers like AWS without reaching the target', async (_service, kind, request, expected) => {
    proxy = await startFaultProxy(target.endpoint, { rate: 1, faults: [kind] });
    const reply = await send(proxy.endpoint, request);

    expect(reply.status).toBe(expected.status);
    expect(reply.headers['content-type']).toBe(expected.contentType);
    expect(reply.headers['x-amzn-requestid']).toEqual(expect.any(String));
    expect(reply.headers['x-amzn-query-error']).toBe(expected.queryError);
    expect(expected.json === undefined ? undefined : JSON.parse(reply.body.toString('utf8'))).toEqual(expected.json);
    for (const pattern of expected.xml ?? []) expect(reply.body.toString('utf8')).toMatch(pattern);
    expect(target.received).toHaveLength(0);
    expect(proxy.stats.faults[kind]).toBe(1);
    expect(proxy.stats.forwarded).toBe(0);
  });

  it('drop-connection: resets the connection and never reaches the target', async () => {
    proxy = await startFaultProxy(target.endpoint, { rate: 1, faults: ['drop-connection'] });
    await expect(send(proxy.endpoint, PUT_EVENTS)).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(target.received).toHaveLength(0);
    expect(proxy.stats).toMatchObject({ requests: 1, forwarded: 0, faults: { 'drop-connection': 1 } });
  });

  it('reset-after-forward: the target gets the request, the client only a reset connection', async () => {
    proxy = await startFaultProxy(target.endpoint, { rate: 1, faults: ['reset-after-forward'] });
    await expect(send(proxy.endpoint, PUT_EVENTS)).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(target.received).toHaveLength(1);
    expect(target.received[0]?.headers['x-amz-target']).toBe('AWSEvents.PutEvents');
    expect(proxy.stats).toMatchObject({ requests: 1, forwarded: 1, faults: { 'reset-after-forward': 1 } });
  });

  it('keeps serving after faults, on the same keep-alive agent', async () => {
    const agent = new http.Agent({ keepAlive: true });
    try {
      proxy = await startFaultProxy(target.endpoint, { rate: 1, faults: ['drop-connection'] });
      await expect(send(proxy.endpoint, { ...PUT_EVENTS, agent })).rejects.toThrow();
      proxy.setPlan({ rate: 1, faults: ['reset-after-forward'] });
      await expect(send(proxy.endpoint, { ...PUT_EVENTS, agent })).rejects.toThrow();
      proxy.setPlan({});
      expect((await send(proxy.endpoint, { ...PUT_EVENTS, agent })).status).toBe(201);
      expect((await send(proxy.endpoint, { ...PUT_EVENTS, agent })).status).toBe(201);
    } finally {
      agent.destroy();
    }
  });
});

describe('plan', () => {
  const KINDS_BY_STATUS: Record<number, string> = { 201: '-', 400: 'T', 500: '5', 503: 'U' };

  async function faultSequence(proxyUnderTest: FaultProxy, count: number): Promise<string> {
    let sequence = '';
    for (let i = 0; i < count; i += 1) {
      const reply = await send(proxyUnderTest.endpoint, PUT_EVENTS);
      sequence += KINDS_BY_STATUS[reply.status] ?? '?';
    }
    return sequence;
  }

  it('replays the same fault sequence for the same seed, and another for another seed', async () => {
    const plan = { rate: 0.4, faults: ['throttle', 'server-error-500', 'unavailable-503'] satisfies FaultKind[], seed: 42 };
    proxy = await startFaultProxy(target.endpoint, plan);
    const first = await faultSequence(proxy, 60);
    proxy.setPlan(plan); // setPlan restarts the PRNG from the seed
    const again = await faultSequence(proxy, 60);
    proxy.setPlan({ ...plan, seed: 43 });
    const other = await faultSequence(proxy, 60);

    expect(first).toMatch(/T/);
    expect(first).toMatch(/5/);
    expect(first).toMatch(/U/);
    expect(first).toMatch(/-/);
    expect(again).toBe(first);
    expect(other).not.toBe(first);
  });

  it('does not let jitter change which requests get faults', async () => {
    const plan = { rate: 0.5, faults: ['throttle'] satisfies FaultKind[], seed: 9 };
    proxy = await startFaultProxy(target.endpoint, plan);
    const withoutJitter = await faultSequence(proxy, 30);
    proxy.setPlan({ ...plan, jitterMs: 3 });
    expect(await faultSequence(proxy, 30)).toBe(withoutJitter);
  });

  it('honours rate over 2,000 requests (within a wide tolerance)', async () => {
    const total = 2_000;
    proxy = await startFaultProxy(target.endpoint, { rate: 0.25, faults: ['throttle'], seed: 7 });
    const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
    let next = 0;
    let throttled = 0;
    const worker = async (): Promise<void> => {
      while (next < total) {
        next += 1;
        const reply = await send(proxy?.endpoint ?? '', { ...PUT_EVENTS, agent });
        expect([400, 201]).toContain(reply.status);
        if (reply.status === 400) throttled += 1;
      }
    };
    try {
      await Promise.all(Array.from({ length: 16 }, worker));
    } finally {
      agent.destroy();
    }

    expect(throttled).toBeGreaterThan(total * 0.2);
    expect(throttled).toBeLessThan(total * 0.3);
    expect(proxy.stats).toEqual({
      requests: total,
      forwarded: total - throttled,
      faults: { throttle: throttled, 'server-error-500': 0, 'unavailable-503': 0, 'drop-connection': 0, 'reset-after-forward': 0 },
      byOperation: { PutEvents: total },
    });
  }, 30_000);

  it('rate 0 never faults and rate 1 always does', async () => {
    proxy = await startFaultProxy(target.endpoint, { rate: 0 });
    expect(await faultSequence(proxy, 20)).toBe('-'.repeat(20));
    proxy.setPlan({ rate: 1, faults: ['throttle'] });
    expect(await faultSequence(proxy, 20)).toBe('T'.repeat(20));
  });

  it('faults only the requests match accepts, and tells match the service and operation', async () => {
    const seen: ProxiedRequest[] = [];
    proxy = await startFaultProxy(target.endpoint, {
      rate: 1,
      faults: ['throttle'],
      match: (request) => {
        seen.push(request);
        return request.operation === 'PutEvents';
      },
    });

    expect((await send(proxy.endpoint, PUT_EVENTS)).status).toBe(400);
    expect((await send(proxy.endpoint, LIST_RULES)).status).toBe(201);
    expect((await send(proxy.endpoint, SQS_SEND)).status).toBe(201);
    expect((await send(proxy.endpoint, STS_CALLER)).status).toBe(201);
    expect(seen).toEqual([
      { service: 'events', operation: 'PutEvents' },
      { service: 'events', operation: 'ListRules' },
      { service: 'sqs', operation: 'SendMessage' },
      { service: 'sts', operation: 'GetCallerIdentity' },
    ]);
    expect(proxy.stats.byOperation).toEqual({ PutEvents: 1, ListRules: 1, SendMessage: 1, GetCallerIdentity: 1 });
  });

  it('tells the service from the SigV4 scope, a query-protocol Version, or a GET query string', async () => {
    const seen: ProxiedRequest[] = [];
    proxy = await startFaultProxy(target.endpoint, { match: (request) => seen.push(request) > 0 });
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    await send(proxy.endpoint, { headers: form, body: 'Action=ReceiveMessage&Version=2012-11-05&QueueUrl=x' });
    await send(proxy.endpoint, {
      headers: {
        ...form,
        authorization: 'AWS4-HMAC-SHA256 Credential=test/20240101/us-east-1/sqs/aws4_request, SignedHeaders=host, Signature=00',
      },
      body: 'Action=ListQueues',
    });
    await send(proxy.endpoint, { method: 'GET', path: '/?Action=GetCallerIdentity&Version=2011-06-15' });
    await send(proxy.endpoint, { method: 'GET', path: '/health' });
    expect(seen).toEqual([
      { service: 'sqs', operation: 'ReceiveMessage' },
      { service: 'sqs', operation: 'ListQueues' },
      { service: 'sts', operation: 'GetCallerIdentity' },
      { service: 'unknown', operation: 'unknown' },
    ]);
  });

  it('rejects plans that cannot mean anything', async () => {
    proxy = await startFaultProxy(target.endpoint);
    const current = proxy;
    expect(() => current.setPlan({ rate: 1.5 })).toThrow(RangeError);
    expect(() => current.setPlan({ rate: -0.1 })).toThrow(RangeError);
    expect(() => current.setPlan({ rate: Number.NaN })).toThrow(RangeError);
    expect(() => current.setPlan({ latencyMs: -1 })).toThrow(RangeError);
    expect(() => current.setPlan({ jitterMs: Number.POSITIVE_INFINITY })).toThrow(RangeError);
    expect(() => current.setPlan({ faults: [] })).toThrow(RangeError);
    await expect(startFaultProxy(target.endpoint, { rate: 2 })).rejects.toThrow(RangeError);
  });

  it('gives stats as a snapshot, and resetStats starts again from zero', async () => {
    proxy = await startFaultProxy(target.endpoint);
    const before = proxy.stats;
    await send(proxy.endpoint, PUT_EVENTS);
    expect(before.requests).toBe(0);
    expect(proxy.stats).toMatchObject({ requests: 1, forwarded: 1, byOperation: { PutEvents: 1 } });
    proxy.resetStats();
    expect(proxy.stats).toEqual({
      requests: 0,
      forwarded: 0,
      faults: { throttle: 0, 'server-error-500': 0, 'unavailable-503': 0, 'drop-connection': 0, 'reset-after-forward': 0 },
      byOperation: {},
    });
  });
});

describe('close', () => {
  it('is idempotent and destroys idle and busy sockets, aborting upstream requests', async () => {
    const closing = await startFaultProxy(target.endpoint);
    const agent = new http.Agent({ keepAlive: true });
    try {
      let idle: Socket | undefined;
      await send(closing.endpoint, { ...PUT_EVENTS, agent, onSocket: (socket) => (idle = socket) });
      const busy = send(closing.endpoint, { path: '/hold', body: '{}' });
      const busyFailed = busy.then(
        () => 'answered',
        (error: NodeJS.ErrnoException) => error.code ?? error.message,
      );
      await waitFor(() => target.received.some((r) => r.url === '/hold'), 'the held request to reach the target');

      const first = closing.close();
      const second = closing.close();
      expect(second).toBe(first);
      await first;
      await closing.close();

      expect(await busyFailed).toBe('ECONNRESET');
      await waitFor(() => idle?.destroyed === true, 'the idle keep-alive socket to close');
      await waitFor(() => target.abandoned.includes('/hold'), 'the upstream request to be aborted');
      await expect(send(closing.endpoint, PUT_EVENTS)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    } finally {
      agent.destroy();
    }
  });
});
