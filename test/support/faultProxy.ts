/**
 * A fault-injecting HTTP proxy that sits between the AWS SDK and an AWS endpoint (a local
 * emulator such as moto, or any plain-HTTP target). It adds latency and answers a chosen share of
 * requests with the faults real AWS produces, so tests and benchmarks can prove that retries,
 * de-duplication and clean-up hold up under the failures a busy account sees.
 *
 * The fault answers copy the wire shapes AWS sends (status, content type, error code location),
 * because the SDK decides "retry or give up" from those shapes alone: a fault that looks wrong
 * would be reported to the caller as a non-retryable error and test nothing useful.
 */
import * as http from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo, Socket } from 'node:net';

export type FaultKind = 'throttle' | 'server-error-500' | 'unavailable-503' | 'drop-connection' | 'reset-after-forward';

export const ALL_FAULT_KINDS: readonly FaultKind[] = [
  'throttle',
  'server-error-500',
  'unavailable-503',
  'drop-connection',
  'reset-after-forward',
];

export type AwsServiceName = 'events' | 'sqs' | 'sts' | 'unknown';

export interface ProxiedRequest {
  service: AwsServiceName;
  /** e.g. `PutEvents`, `ReceiveMessage`, `GetCallerIdentity`; `unknown` when it cannot be told. */
  operation: string;
}

export interface FaultPlan {
  /** Added before forwarding each request (models a round trip), also before fault answers. Default 0. */
  latencyMs?: number;
  /** Uniform extra latency in 0..jitterMs. Default 0. */
  jitterMs?: number;
  /** Probability 0..1 that an eligible request gets a fault. Default 0. */
  rate?: number;
  /** Faults to pick from uniformly. Default: all of them. */
  faults?: FaultKind[];
  /** Seed for the PRNG, so a run's fault sequence can be replayed. Default: a random seed. */
  seed?: number;
  /** Which requests are eligible for faults (called once per request). Default: all. */
  match?: (request: ProxiedRequest) => boolean;
}

export interface FaultProxyStats {
  /** Requests the proxy received. */
  requests: number;
  /** Requests sent on to the target (including `reset-after-forward` ones). */
  forwarded: number;
  /** Faults decided, per kind. */
  faults: Record<FaultKind, number>;
  /** Requests received per operation name (e.g. `PutEvents`), without the service. */
  byOperation: Record<string, number>;
}

export interface FaultProxy {
  /** `http://127.0.0.1:PORT`: use as the `endpoint` of SDK clients. */
  readonly endpoint: string;
  /** Replaces the whole plan (nothing is merged) and restarts the PRNG from the plan's seed. */
  setPlan(plan: FaultPlan): void;
  /** A copy taken at the time of reading: later requests do not change an object already read. */
  readonly stats: FaultProxyStats;
  resetStats(): void;
  /** Stops listening and destroys every open socket, both sides. Safe to call more than once. */
  close(): Promise<void>;
}

/** mulberry32: tiny, fast and good enough to pick faults; the point is reproducibility, not quality. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface ActivePlan {
  latencyMs: number;
  jitterMs: number;
  rate: number;
  faults: readonly FaultKind[];
  match: ((request: ProxiedRequest) => boolean) | undefined;
  /** Fault decisions. */
  faultRandom: () => number;
  /** Jitter has its own stream so changing jitter never changes which requests get faults. */
  jitterRandom: () => number;
}

function activate(plan: FaultPlan): ActivePlan {
  const latencyMs = plan.latencyMs ?? 0;
  const jitterMs = plan.jitterMs ?? 0;
  const rate = plan.rate ?? 0;
  const faults = plan.faults ?? ALL_FAULT_KINDS;
  if (!Number.isFinite(latencyMs) || latencyMs < 0) throw new RangeError(`latencyMs must be a finite number >= 0, got ${latencyMs}`);
  if (!Number.isFinite(jitterMs) || jitterMs < 0) throw new RangeError(`jitterMs must be a finite number >= 0, got ${jitterMs}`);
  if (!(rate >= 0 && rate <= 1)) throw new RangeError(`rate must be between 0 and 1, got ${rate}`);
  if (faults.length === 0) throw new RangeError('faults must name at least one fault kind (leave it out for all of them)');
  for (const kind of faults) {
    if (!ALL_FAULT_KINDS.includes(kind)) throw new RangeError(`unknown fault kind '${String(kind)}'`);
  }
  const seed = plan.seed ?? Math.floor(Math.random() * 2 ** 32);
  return {
    latencyMs,
    jitterMs,
    rate,
    faults: [...faults],
    match: plan.match,
    faultRandom: mulberry32(seed),
    jitterRandom: mulberry32(seed ^ 0x5bd1e995),
  };
}

function emptyStats(): FaultProxyStats {
  return {
    requests: 0,
    forwarded: 0,
    faults: { throttle: 0, 'server-error-500': 0, 'unavailable-503': 0, 'drop-connection': 0, 'reset-after-forward': 0 },
    byOperation: {},
  };
}

// ---------------------------------------------------------------------------------------------
// Telling which service and operation a request is for
// ---------------------------------------------------------------------------------------------

type WireProtocol = 'json' | 'query';

interface Classified extends ProxiedRequest {
  protocol: WireProtocol;
  /** The request's JSON content type, echoed on JSON fault answers (1.0 for SQS, 1.1 for EventBridge). */
  jsonContentType: string | undefined;
}

const TARGET_PREFIXES: Record<string, AwsServiceName> = {
  AWSEvents: 'events',
  AmazonSQS: 'sqs',
  AWSSecurityTokenServiceV20110615: 'sts',
};

/** Query-protocol APIs carry their API version in the form body; it names the service. */
const QUERY_API_VERSIONS: Record<string, AwsServiceName> = {
  '2012-11-05': 'sqs',
  '2011-06-15': 'sts',
  '2015-10-07': 'events',
};

function toService(name: string | undefined): AwsServiceName {
  return name === 'events' || name === 'sqs' || name === 'sts' ? name : 'unknown';
}

function headerValue(headers: http.IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function classify(req: http.IncomingMessage, body: Buffer): Classified {
  const headers = req.headers;
  const url = new URL(req.url ?? '/', 'http://proxy.invalid');
  // The SigV4 credential scope (`AKID/date/region/SERVICE/aws4_request`) is the most reliable
  // service name: every SDK request carries it, whatever the protocol.
  const authorization = headerValue(headers, 'authorization') ?? url.searchParams.get('X-Amz-Credential') ?? '';
  const scoped = toService(/\/\d{8}\/[^/]+\/([^/]+)\/aws4_request/.exec(authorization)?.[1]);

  const contentType = headerValue(headers, 'content-type') ?? '';
  const jsonContentType = contentType.startsWith('application/x-amz-json') ? contentType.split(';')[0] : undefined;
  const target = headerValue(headers, 'x-amz-target');
  if (target !== undefined) {
    const dot = target.lastIndexOf('.');
    const prefix = dot >= 0 ? target.slice(0, dot) : '';
    const operation = dot >= 0 ? target.slice(dot + 1) : target;
    const fromTarget = TARGET_PREFIXES[prefix] ?? 'unknown';
    return { service: scoped !== 'unknown' ? scoped : fromTarget, operation: operation || 'unknown', protocol: 'json', jsonContentType };
  }

  // Query protocol: `Action=...&Version=...` in a form body, or in the query string of a GET.
  const form = contentType.includes('application/x-www-form-urlencoded') ? new URLSearchParams(body.toString('utf8')) : undefined;
  const action = form?.get('Action') ?? url.searchParams.get('Action') ?? undefined;
  const version = form?.get('Version') ?? url.searchParams.get('Version') ?? undefined;
  const fromVersion = version !== undefined ? (QUERY_API_VERSIONS[version] ?? 'unknown') : 'unknown';
  return {
    service: scoped !== 'unknown' ? scoped : fromVersion,
    operation: action || 'unknown',
    protocol: 'query',
    jsonContentType,
  };
}

// ---------------------------------------------------------------------------------------------
// Fault answers, shaped like AWS's own
// ---------------------------------------------------------------------------------------------

type AnsweredFault = 'throttle' | 'server-error-500' | 'unavailable-503';

interface CannedResponse {
  status: number;
  headers: http.OutgoingHttpHeaders;
  body: string;
}

interface ErrorShape {
  status: number;
  /** Code as the service names it; for SQS JSON also the `x-amzn-query-error` code. */
  code: string;
  /** `__type` in JSON bodies: SQS (an awsQueryCompatible service) uses the namespaced form. */
  jsonType: string;
  message: string;
  fault: 'Sender' | 'Receiver';
}

function errorShape(kind: AnsweredFault, service: AwsServiceName, protocol: WireProtocol): ErrorShape {
  switch (kind) {
    case 'throttle':
      if (service === 'sqs') {
        // The SQS model gives RequestThrottled HTTP 403 (awsQueryError `RequestThrottled`, 403);
        // the SDK matches the name `RequestThrottled` to its throttling list either way.
        return {
          status: 403,
          code: 'RequestThrottled',
          jsonType: 'com.amazonaws.sqs#RequestThrottled',
          message: 'Request is throttled.',
          fault: 'Sender',
        };
      }
      if (protocol === 'query') {
        // STS (and other query services) throttle with code `Throttling`.
        return { status: 400, code: 'Throttling', jsonType: 'Throttling', message: 'Rate exceeded', fault: 'Sender' };
      }
      return { status: 400, code: 'ThrottlingException', jsonType: 'ThrottlingException', message: 'Rate exceeded', fault: 'Sender' };
    case 'server-error-500':
      if (service === 'sqs') {
        return {
          status: 500,
          code: 'InternalError',
          jsonType: 'com.amazonaws.sqs#InternalError',
          message: 'We encountered an internal error. Please try again.',
          fault: 'Receiver',
        };
      }
      if (service === 'events') {
        // EventBridge's modelled 500.
        return {
          status: 500,
          code: 'InternalException',
          jsonType: 'InternalException',
          message: 'An internal error occurred.',
          fault: 'Receiver',
        };
      }
      return {
        status: 500,
        code: 'InternalFailure',
        jsonType: 'InternalFailure',
        message: 'The request processing has failed because of an unknown error, exception or failure.',
        fault: 'Receiver',
      };
    case 'unavailable-503':
      return {
        status: 503,
        code: 'ServiceUnavailable',
        jsonType: service === 'sqs' ? 'com.amazonaws.sqs#ServiceUnavailable' : 'ServiceUnavailable',
        message: 'The request has failed due to a temporary failure of the server.',
        fault: 'Receiver',
      };
  }
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function faultResponse(kind: AnsweredFault, request: Classified): CannedResponse {
  const shape = errorShape(kind, request.service, request.protocol);
  const requestId = randomUUID();
  if (request.protocol === 'json') {
    const headers: http.OutgoingHttpHeaders = {
      'content-type': request.jsonContentType ?? (request.service === 'sqs' ? 'application/x-amz-json-1.0' : 'application/x-amz-json-1.1'),
      'x-amzn-RequestId': requestId,
    };
    // SQS speaks JSON but keeps its query-era error codes in this header; the SDK's
    // awsQueryCompatible parsing reads the code from here first.
    if (request.service === 'sqs') headers['x-amzn-query-error'] = `${shape.code};${shape.fault}`;
    return { status: shape.status, headers, body: JSON.stringify({ __type: shape.jsonType, message: shape.message }) };
  }
  const namespace = request.service === 'sts' ? ' xmlns="https://sts.amazonaws.com/doc/2011-06-15/"' : '';
  const body =
    `<ErrorResponse${namespace}><Error><Type>${shape.fault}</Type><Code>${escapeXml(shape.code)}</Code>` +
    `<Message>${escapeXml(shape.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
  return { status: shape.status, headers: { 'content-type': 'text/xml', 'x-amzn-RequestId': requestId }, body };
}

// ---------------------------------------------------------------------------------------------
// Forwarding
// ---------------------------------------------------------------------------------------------

/** Headers that describe one connection, not the message: never copied across the proxy. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

/**
 * Copies headers from raw pairs, keeping their spelling and repeats. `host` is kept as the client
 * sent it: it is part of the SigV4 signature, and emulators route on it no more than AWS does.
 */
function copyHeaders(rawHeaders: string[], alsoDrop: readonly string[] = []): http.OutgoingHttpHeaders {
  const drop = new Set([...HOP_BY_HOP, ...alsoDrop]);
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    if (rawHeaders[i]?.toLowerCase() === 'connection') {
      for (const token of (rawHeaders[i + 1] ?? '').split(',')) drop.add(token.trim().toLowerCase());
    }
  }
  const out: http.OutgoingHttpHeaders = {};
  const spelled = new Map<string, string>();
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i] ?? '';
    const value = rawHeaders[i + 1] ?? '';
    const lower = name.toLowerCase();
    if (drop.has(lower)) continue;
    const existing = spelled.get(lower);
    if (existing === undefined) {
      spelled.set(lower, name);
      out[name] = value;
    } else {
      const previous = out[existing];
      out[existing] = Array.isArray(previous) ? [...previous, value] : [String(previous), value];
    }
  }
  return out;
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
    req.once('close', () => {
      if (!req.complete) reject(new Error('the client went away before sending the whole request'));
    });
  });
}

/** Resolves true after `ms`, or false as soon as the client's connection is gone. */
function waitUnlessGone(ms: number, res: http.ServerResponse): Promise<boolean> {
  return new Promise((resolve) => {
    if (res.destroyed) {
      resolve(false);
      return;
    }
    const onClose = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      res.off('close', onClose);
      resolve(!res.destroyed);
    }, ms);
    res.once('close', onClose);
  });
}

function upstreamHostname(target: URL): string {
  // URL keeps the brackets of an IPv6 literal; http.request wants the bare address.
  return target.hostname.startsWith('[') ? target.hostname.slice(1, -1) : target.hostname;
}

function joinPath(basePath: string, requestPath: string): string {
  if (basePath === '' || basePath === '/') return requestPath;
  return basePath.replace(/\/+$/, '') + (requestPath.startsWith('/') ? requestPath : `/${requestPath}`);
}

export async function startFaultProxy(target: string, plan: FaultPlan = {}): Promise<FaultProxy> {
  const targetUrl = new URL(target);
  if (targetUrl.protocol !== 'http:') {
    throw new Error(`startFaultProxy forwards plain HTTP only (a local emulator); got ${targetUrl.protocol}`);
  }
  const targetPort = targetUrl.port === '' ? 80 : Number(targetUrl.port);

  let active = activate(plan);
  let stats = emptyStats();
  let closing: Promise<void> | undefined;
  const sockets = new Set<Socket>();
  const upstreamRequests = new Set<http.ClientRequest>();
  // Keep-alive both ways, so the proxy itself adds no connection set-up per request and the
  // latency the plan asks for is the only latency it adds.
  const agent = new http.Agent({ keepAlive: true });

  const decideFault = (plan: ActivePlan, request: ProxiedRequest): FaultKind | undefined => {
    const eligible = plan.match === undefined || plan.match(request);
    if (!eligible || plan.rate === 0) return undefined;
    if (plan.faultRandom() >= plan.rate) return undefined;
    return plan.faults[Math.floor(plan.faultRandom() * plan.faults.length)] ?? plan.faults[0];
  };

  const forward = (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    body: Buffer,
    mode: 'relay' | 'reset-after-forward',
    retryOnStaleSocket = true,
  ): void => {
    const upstream = http.request({
      hostname: upstreamHostname(targetUrl),
      port: targetPort,
      method: req.method,
      path: joinPath(targetUrl.pathname, req.url ?? '/'),
      // The body has been read in full, so the client's `Expect: 100-continue` is moot upstream.
      headers: copyHeaders(req.rawHeaders, ['expect']),
      agent,
    });
    upstreamRequests.add(upstream);
    let gotResponse = false;
    let detached = false;

    const abortUpstream = (): void => {
      // A client that stops waiting (an aborted long poll, a closed proxy) must not leave a
      // request hanging at the target.
      if (!detached && !res.writableFinished) upstream.destroy();
    };
    res.once('close', abortUpstream);

    upstream.on('response', (upstreamRes) => {
      gotResponse = true;
      if (mode === 'reset-after-forward') {
        // The target has acted on the request; the client never hears of it. Drain the answer
        // so the upstream socket can go back to the pool.
        detached = true;
        upstreamRes.resume();
        req.socket.destroy();
        return;
      }
      res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.statusMessage, copyHeaders(upstreamRes.rawHeaders));
      // Streams, so a long poll's answer reaches the client the moment the target sends it.
      upstreamRes.pipe(res);
      upstreamRes.once('close', () => {
        if (!upstreamRes.complete) res.destroy();
      });
    });

    upstream.on('error', (error: NodeJS.ErrnoException) => {
      if (res.destroyed || closing !== undefined) return;
      if (!gotResponse && retryOnStaleSocket && upstream.reusedSocket && error.code === 'ECONNRESET') {
        // The target closed an idle keep-alive socket just as it was reused: the request never
        // got there, so send it again on a new connection rather than invent a fault.
        res.off('close', abortUpstream);
        forward(req, res, body, mode, false);
        return;
      }
      if (gotResponse || res.headersSent) {
        res.destroy();
        return;
      }
      res.writeHead(502, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: `fault proxy could not reach ${target}: ${error.message}` }));
    });
    upstream.once('close', () => upstreamRequests.delete(upstream));
    upstream.end(body);
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    stats.requests += 1;
    let body: Buffer;
    try {
      body = await readBody(req);
    } catch {
      res.destroy();
      return;
    }
    const request = classify(req, body);
    stats.byOperation[request.operation] = (stats.byOperation[request.operation] ?? 0) + 1;
    // One plan for the whole request, even if setPlan runs while it waits out its latency.
    const plan = active;
    const fault = decideFault(plan, { service: request.service, operation: request.operation });
    if (fault !== undefined) stats.faults[fault] += 1;

    const delay = plan.latencyMs + (plan.jitterMs > 0 ? plan.jitterRandom() * plan.jitterMs : 0);
    if (delay > 0 && !(await waitUnlessGone(delay, res))) return;
    if (closing !== undefined) {
      res.destroy();
      return;
    }

    switch (fault) {
      case undefined:
        stats.forwarded += 1;
        forward(req, res, body, 'relay');
        return;
      case 'reset-after-forward':
        stats.forwarded += 1;
        forward(req, res, body, 'reset-after-forward');
        return;
      case 'drop-connection':
        // Nothing reaches AWS and nothing comes back: the client sees a reset connection.
        req.socket.destroy();
        return;
      default: {
        const canned = faultResponse(fault, request);
        res.writeHead(canned.status, { ...canned.headers, 'content-length': Buffer.byteLength(canned.body) });
        res.end(canned.body);
      }
    }
  };

  const server = http.createServer((req, res) => {
    // A request the proxy cannot make sense of (say, an unparsable URL) fails alone, and is never
    // an unhandled rejection that takes the test process down.
    handle(req, res).catch(() => res.destroy());
  });
  // Idle keep-alive sockets outlive the SDK's reuse of them, so a client does not race the
  // proxy closing a socket it is about to send on (which would look like an injected fault).
  server.keepAliveTimeout = 120_000;
  // Long polls (ReceiveMessage, WaitTimeSeconds up to 20) must never be cut by the proxy.
  server.requestTimeout = 0;
  server.timeout = 0;
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  return {
    endpoint: `http://127.0.0.1:${port}`,
    setPlan(next: FaultPlan): void {
      active = activate(next);
    },
    get stats(): FaultProxyStats {
      return { ...stats, faults: { ...stats.faults }, byOperation: { ...stats.byOperation } };
    },
    resetStats(): void {
      stats = emptyStats();
    },
    close(): Promise<void> {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
        for (const upstream of upstreamRequests) upstream.destroy();
        agent.destroy();
      });
      return closing;
    },
  };
}
