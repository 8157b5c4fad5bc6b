/**
 * A loopback HTTP proxy in front of the emulator, with one port per function: each function's
 * execution environment gets its own URL as AWS_ENDPOINT_URL (an SDK endpoint is a base URL, so
 * a port, not a path, tells the functions apart). It forwards every request as it came (method,
 * path, end-to-end headers including Host and the SigV4 signature, body) and the answer as it
 * came back; hop-by-hop headers (Connection, Transfer-Encoding, ...; RFC 9110 §7.6.1) belong to
 * each connection and are not forwarded. For an `AWSEvents.PutEvents` request it also tells the
 * lineage which events the function put, and for which event's invocation: the one running in
 * the function when the request arrived (`runningEventId`).
 */
import { Agent, createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { messageOf } from '../../foundation/realm';
import type { Logger } from '../../foundation/log';
import type { EventLineage, PutEntry, PutTicket } from './eventLineage';

export interface EndpointProxyOptions {
  /** The emulator's endpoint, e.g. `http://127.0.0.1:5000` (http: or https:). */
  readonly upstream: string;
  readonly lineage: EventLineage;
  /** The event of the invocation attempt running in the function now, if one is. */
  readonly runningEventId: (functionLogicalId: string) => string | undefined;
  readonly log?: Logger;
}

/** Headers that describe one connection, not the message (RFC 9110 §7.6.1). */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade']);

/** `rawHeaders` (name, value, name, value, ...) without the hop-by-hop ones, case and order kept. */
export function endToEndHeaders(rawHeaders: readonly string[]): string[] {
  const named = new Set(HOP_BY_HOP);
  for (let index = 0; index + 1 < rawHeaders.length; index += 2) {
    if (rawHeaders[index]?.toLowerCase() === 'connection')
      for (const token of (rawHeaders[index + 1] ?? '').split(',')) named.add(token.trim().toLowerCase());
  }
  const kept: string[] = [];
  for (let index = 0; index + 1 < rawHeaders.length; index += 2) {
    const name = rawHeaders[index] as string;
    if (!named.has(name.toLowerCase())) kept.push(name, rawHeaders[index + 1] as string);
  }
  return kept;
}

/**
 * The accepted entries of a PutEvents exchange: the answer's `Entries[i].EventId`, with the
 * detail-type of the request's entry i (AWS answers the entries in request order; a failed entry
 * has an ErrorCode and no EventId). Text that is not such JSON gives none.
 */
export function acceptedEntries(requestBody: string, responseBody: string): PutEntry[] {
  const entriesOf = (text: string): unknown[] => {
    try {
      const parsed = JSON.parse(text) as unknown;
      const entries = typeof parsed === 'object' && parsed !== null ? (parsed as { Entries?: unknown }).Entries : undefined;
      return Array.isArray(entries) ? entries : [];
    } catch {
      return [];
    }
  };
  const field = (value: unknown, name: string): string | undefined => {
    const found = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
    return typeof found === 'string' ? found : undefined;
  };
  const requested = entriesOf(requestBody);
  const accepted: PutEntry[] = [];
  entriesOf(responseBody).forEach((entry, index) => {
    const eventId = field(entry, 'EventId');
    if (eventId !== undefined) accepted.push({ eventId, detailType: field(requested[index], 'DetailType') });
  });
  return accepted;
}

export class EndpointProxy {
  private readonly servers = new Map<string, Server>();
  private readonly sockets = new Set<Socket>();
  private readonly agent: Agent;
  private readonly upstream: URL;
  private readonly log: Logger;
  private stopped = false;

  /** @throws TypeError for an upstream that is not an http:// or https:// URL */
  constructor(private readonly options: EndpointProxyOptions) {
    this.upstream = new URL(options.upstream);
    if (this.upstream.protocol !== 'http:' && this.upstream.protocol !== 'https:')
      throw new TypeError(
        `jest-eventbridge: the endpoint proxy forwards to an http:// or https:// emulator endpoint, not ${options.upstream}.`,
      );
    // Connections to the emulator are kept open: a proxied call costs no new connection.
    this.agent = this.upstream.protocol === 'https:' ? new HttpsAgent({ keepAlive: true }) : new Agent({ keepAlive: true });
    this.log = options.log ?? (() => undefined);
  }

  /** Starts serving `functionLogicalId` on a free loopback port; resolves with its base URL (`http://127.0.0.1:<port>`). */
  async open(functionLogicalId: string): Promise<string> {
    if (this.stopped) throw new Error('jest-eventbridge: the endpoint proxy is stopped.');
    const known = this.servers.get(functionLogicalId);
    if (known !== undefined) return urlOf(known);
    const server = createServer((request, response) => this.forward(functionLogicalId, request, response));
    server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
    this.servers.set(functionLogicalId, server);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    // Never what keeps a process alive: a connection in use is.
    server.unref();
    return urlOf(server);
  }

  /** Closes every port and connection (a request in flight ends with its connection). Idempotent. */
  async stop(): Promise<void> {
    this.stopped = true;
    const servers = [...this.servers.values()];
    this.servers.clear();
    await Promise.all(
      servers.map(
        (server) =>
          new Promise<void>((resolve) => {
            server.close(() => resolve());
            server.closeAllConnections();
          }),
      ),
    );
    for (const socket of this.sockets) socket.destroy();
    this.agent.destroy();
  }

  private forward(functionLogicalId: string, request: IncomingMessage, response: ServerResponse): void {
    const putEvents = request.headers['x-amz-target'] === 'AWSEvents.PutEvents';
    // Taken as the request arrives: the attempt that made it is running now.
    const ticket = putEvents ? this.options.lineage.expect(functionLogicalId, this.options.runningEventId(functionLogicalId)) : undefined;
    const requestChunks: Buffer[] = [];
    const outgoing = (this.upstream.protocol === 'https:' ? httpsRequest : httpRequest)(
      {
        protocol: this.upstream.protocol,
        hostname: this.upstream.hostname,
        port: this.upstream.port,
        method: request.method,
        path: request.url,
        headers: endToEndHeaders(request.rawHeaders),
        setHost: false,
        agent: this.agent,
      },
      (answer) => this.answer(functionLogicalId, answer, response, ticket, requestChunks),
    );
    outgoing.on('error', (error) => {
      ticket?.cancel();
      this.log(
        `local flows: ${functionLogicalId}'s ${request.method ?? ''} ${request.url ?? ''} to ${this.options.upstream} failed: ${messageOf(error)}`,
      );
      if (!response.headersSent)
        response
          .writeHead(502, { 'content-type': 'text/plain' })
          .end(`jest-eventbridge: the emulator at ${this.options.upstream} did not answer: ${messageOf(error)}`);
      else response.destroy();
    });
    // The function gave up (its timeout ended the environment): so does the forwarded request.
    response.once('close', () => {
      if (!response.writableFinished) {
        ticket?.cancel();
        outgoing.destroy();
      }
    });
    if (ticket !== undefined) request.on('data', (chunk: Buffer) => requestChunks.push(chunk));
    request.pipe(outgoing);
  }

  private answer(
    functionLogicalId: string,
    answer: IncomingMessage,
    response: ServerResponse,
    ticket: PutTicket | undefined,
    requestChunks: readonly Buffer[],
  ): void {
    response.writeHead(answer.statusCode ?? 502, answer.statusMessage, endToEndHeaders(answer.rawHeaders));
    // An answer cut short reaches the function cut short: its SDK retries.
    answer.once('error', () => {
      ticket?.cancel();
      response.destroy();
    });
    if (ticket === undefined) {
      answer.pipe(response);
      return;
    }
    const chunks: Buffer[] = [];
    answer.on('data', (chunk: Buffer) => chunks.push(chunk));
    answer.once('end', () => {
      const body = Buffer.concat(chunks);
      // Recorded before the function reads its answer. The router may have its events already:
      // it waits for this ticket before routing an event it does not know.
      if (answer.headers['content-encoding'] === undefined || answer.headers['content-encoding'] === 'identity') {
        ticket.done(acceptedEntries(Buffer.concat(requestChunks).toString('utf8'), body.toString('utf8')));
      } else {
        this.log(
          `local flows: ${functionLogicalId}'s PutEvents answer is ${answer.headers['content-encoding']}-encoded: its events start chains of their own`,
        );
        ticket.cancel();
      }
      response.end(body);
    });
  }
}

function urlOf(server: Server): string {
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
