/**
 * A pass-through HTTP hop that writes down every AWS request it forwards: its operation and, for
 * PutEvents, how many of its entries are readiness canaries. Put in front of the latency proxy,
 * it counts the calls a whole Jest run makes from all its processes (the global setup, every
 * worker, the global teardown), which no in-process recorder of SDK clients can see.
 *
 * It adds no latency of its own beyond one loopback hop (keep-alive both ways), and copies
 * requests and answers unchanged: `host` stays as the client signed it, so queue URLs the
 * emulator builds from it lead back through this hop.
 */
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { CANARY_SOURCE, HAND_OVER_FIELD } from '../../src/sources/eventbridge/captureRulePattern';

export interface LoggedRequest {
  /** `PutRule`, `CreateQueue`, …; `unknown` when neither X-Amz-Target nor a query Action names it. */
  readonly operation: string;
  /** PutEvents entries that are readiness canaries (0 for every other call). */
  readonly canaries: number;
  /** PutEvents entries that are hand-over canaries (a file ending on a worker's capture). */
  readonly handOvers: number;
  /** The name a PutRule or CreateQueue gives its rule or queue. */
  readonly created?: string;
}

export interface RequestLog {
  /** `http://127.0.0.1:PORT`: the `endpoint` to give clients. */
  readonly endpoint: string;
  /** Every request received since the last `clear()`, in arrival order (a copy). */
  requests(): LoggedRequest[];
  clear(): void;
  close(): Promise<void>;
}

/** JSON protocols name the call in `X-Amz-Target` (`AWSEvents.PutRule`); query ones in `Action`. */
export function operationOf(target: string | undefined, contentType: string, body: string): string {
  if (target !== undefined && target.includes('.')) return target.slice(target.lastIndexOf('.') + 1);
  if (contentType.includes('application/x-www-form-urlencoded')) return new URLSearchParams(body).get('Action') ?? 'unknown';
  return 'unknown';
}

/**
 * How many entries of a PutEvents body are canaries of each kind: readiness proofs, and hand-overs
 * (a file ending on a worker's capture wakes its last receive); 0 for a body that is not one.
 */
export function canaryEntries(operation: string, body: string): { readonly readiness: number; readonly handOvers: number } {
  const none = { readiness: 0, handOvers: 0 };
  if (operation !== 'PutEvents') return none;
  try {
    const parsed = JSON.parse(body) as { Entries?: readonly { Source?: unknown; Detail?: unknown }[] };
    const canaries = (parsed.Entries ?? []).filter((entry) => entry.Source === CANARY_SOURCE);
    const handOvers = canaries.filter(
      (entry) => typeof entry.Detail === 'string' && HAND_OVER_FIELD in (JSON.parse(entry.Detail) as object),
    ).length;
    return { readiness: canaries.length - handOvers, handOvers };
  } catch {
    return none;
  }
}

/** The rule a PutRule names, or the queue a CreateQueue does (JSON or query protocol). */
export function createdName(operation: string, contentType: string, body: string): string | undefined {
  const field = operation === 'PutRule' ? 'Name' : operation === 'CreateQueue' ? 'QueueName' : undefined;
  if (field === undefined) return undefined;
  if (contentType.includes('application/x-www-form-urlencoded')) return new URLSearchParams(body).get(field) ?? undefined;
  try {
    const value = (JSON.parse(body) as Record<string, unknown>)[field];
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Headers that describe one connection, not the message. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection', 'te', 'trailer']);

function passHeaders(headers: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
  const out: http.OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) if (!HOP_BY_HOP.has(name) && value !== undefined) out[name] = value;
  return out;
}

export async function startRequestLog(target: string): Promise<RequestLog> {
  const upstreamUrl = new URL(target);
  const agent = new http.Agent({ keepAlive: true });
  let logged: LoggedRequest[] = [];
  const sockets = new Set<Socket>();

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.once('end', () => {
      const body = Buffer.concat(chunks);
      const text = body.toString('utf8');
      const targetHeader = req.headers['x-amz-target'];
      const operation = operationOf(typeof targetHeader === 'string' ? targetHeader : undefined, req.headers['content-type'] ?? '', text);
      const contentType = req.headers['content-type'] ?? '';
      const created = createdName(operation, contentType, text);
      const { readiness, handOvers } = canaryEntries(operation, text);
      logged.push({ operation, canaries: readiness, handOvers, ...(created === undefined ? {} : { created }) });
      const upstream = http.request(
        {
          hostname: upstreamUrl.hostname,
          port: upstreamUrl.port,
          method: req.method,
          path: req.url,
          headers: { ...passHeaders(req.headers), 'content-length': String(body.length) },
          agent,
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.statusMessage, passHeaders(answer.headers));
          answer.pipe(res);
        },
      );
      upstream.once('error', (error) => {
        if (res.headersSent) res.destroy();
        else res.writeHead(502, { 'content-type': 'application/json' }).end(JSON.stringify({ message: error.message }));
      });
      // A client that gives up (an aborted long poll) must not leave the request hanging upstream.
      res.once('close', () => {
        if (!res.writableFinished) upstream.destroy();
      });
      upstream.end(body);
    });
  });
  // Long polls (up to 20 s) must never be cut here.
  server.requestTimeout = 0;
  server.keepAliveTimeout = 120_000;
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    requests: () => [...logged],
    clear: () => {
      logged = [];
    },
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
        agent.destroy();
      });
      return closing;
    },
  };
}
