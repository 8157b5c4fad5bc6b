/**
 * Event lineage and the cycle bound of local flows, on the emulator: two functions that trigger
 * each other without end (Ping puts PingSent, Pong answers with PongSent, Ping answers that...)
 * are cut at maxChainDepth hops, once per chain, with a message naming the cycle; and a function's
 * endpoint proxy answers exactly what the emulator answers.
 */
import { randomUUID } from 'node:crypto';
import { request, type IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import { DescribeEventBusCommand, EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { startLocalFlows, type LocalFlows } from '../../../src/local/startLocalFlows';
import { EndpointProxy, EventLineage } from '../../../src/local/lineage';
import type { InvocationRecord } from '../../../src/local/stackModel';

const endpoint = process.env.JEST_EVENTBRIDGE_TEST_ENDPOINT_RESOLVED as string;
const TEMPLATE = join(__dirname, '../../fixtures/local-flows/cycle/template.yaml');
const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

/** Records as they end, and a wait for a condition on them (with a deadline, no fixed sleep). */
class Records {
  readonly all: InvocationRecord[] = [];
  private readonly waiters = new Set<() => void>();

  add = (record: InvocationRecord): void => {
    this.all.push(record);
    for (const waiter of [...this.waiters]) waiter();
  };

  until(condition: (records: readonly InvocationRecord[]) => boolean, timeoutMs: number): Promise<void> {
    if (condition(this.all)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(
          new Error(`condition not met within ${timeoutMs} ms; records: ${JSON.stringify(this.all.map((r) => [r.logicalId, r.outcome]))}`),
        );
      }, timeoutMs);
      const check = (): void => {
        if (!condition(this.all)) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve();
      };
      this.waiters.add(check);
    });
  }
}

const isCut = (record: InvocationRecord): boolean => record.error?.name === 'LocalFlowCycleError';

async function putStart(client: EventBridgeClient, bus: string, run: string): Promise<string> {
  const { Entries = [] } = await client.send(
    new PutEventsCommand({ Entries: [{ EventBusName: bus, Source: 'test.cycle', DetailType: 'Start', Detail: JSON.stringify({ run }) }] }),
  );
  return Entries[0]?.EventId as string;
}

describe('two functions that trigger each other without end', () => {
  const bus = `cycle-${randomUUID().slice(0, 8)}`;
  const records = new Records();
  let flows: LocalFlows | undefined;
  let client: EventBridgeClient;

  beforeAll(async () => {
    client = new EventBridgeClient({ endpoint, region: 'us-east-1', credentials });
    flows = await startLocalFlows({
      template: TEMPLATE,
      endpoint,
      region: 'us-east-1',
      parameters: { EventBusName: bus },
      onInvocation: records.add,
    });
  }, 60_000);

  afterAll(async () => {
    await flows?.stop();
    client.destroy();
  });

  it('cuts each chain at 25 hops, once, with the cycle named, and keeps routing', async () => {
    const running = flows as LocalFlows;
    // Two chains at once: each function then has invocations of both queued, and the lineage
    // must still tell which chain each event belongs to.
    const roots = await Promise.all([putStart(client, bus, 'a'), putStart(client, bus, 'b')]);
    const chainOf = (root: string): InvocationRecord[] => records.all.filter((record) => running.lineage.rootOf(record.eventId) === root);
    // The cut can be recorded before the last invocation's own record: its event is routed while it still runs.
    await records.until(() => roots.every((root) => chainOf(root).length === 26), 60_000);

    for (const root of roots) {
      const chain = chainOf(root).sort((a, b) => running.lineage.depthOf(a.eventId) - running.lineage.depthOf(b.eventId));
      // 25 invocations, Ping and Pong in turn, each for the event the one before put; then the cut.
      expect(
        chain.map((record) => [
          record.logicalId,
          record.outcome,
          running.lineage.depthOf(record.eventId),
          (record.result as { hop?: number } | undefined)?.hop,
        ]),
      ).toEqual([
        ...Array.from({ length: 25 }, (_, depth) => [depth % 2 === 0 ? 'Ping' : 'Pong', 'success', depth, depth + 1]),
        ['Pong', 'error', 25, undefined],
      ]);
      const cut = chain[25] as InvocationRecord;
      expect(chain.filter(isCut)).toEqual([cut]);
      expect(running.lineage.chainOf(cut.eventId).map((entry) => [entry.depth, entry.functionLogicalId, entry.detailType])).toEqual(
        Array.from({ length: 25 }, (_, index) => [index + 1, index % 2 === 0 ? 'Ping' : 'Pong', index % 2 === 0 ? 'PingSent' : 'PongSent']),
      );
      expect(chain[0]?.eventId).toBe(root);
      expect(cut.error?.message).toBe(
        `Cycle stopped after 25 hops: Ping → (PingSent) → Pong → (PongSent) → Ping … Event ${cut.eventId} (PingSent, from Ping) was not routed, nor any later event of this chain: ` +
          'local flows route a chain of events and handlers at most maxChainDepth (25) hops deep. ' +
          'Stop the handler putting the event that triggers it again, or raise maxChainDepth if the chain is meant to go deeper.',
      );
      expect([
        cut.attempt,
        cut.attempts,
        cut.functionName === running.stack.functions.find((spec) => spec.logicalId === 'Pong')?.functionName,
      ]).toEqual([1, 1, true]);
    }

    // Still routing: a third chain starts, and by the time its first invocation ends nothing
    // more of the two cut chains ran (their events were not routed).
    const third = await putStart(client, bus, 'c');
    await records.until((all) => all.some((record) => record.eventId === third), 30_000);
    expect(roots.map((root) => chainOf(root).length)).toEqual([26, 26]);
    expect(records.all.find((record) => record.eventId === third)?.outcome).toBe('success');
  }, 90_000);

  it('stops cleanly: the functions’ proxy ports are closed, and nothing is left listening', async () => {
    const endpoints = new Set(
      records.all.map((record) => (record.result as { endpoint?: string } | undefined)?.endpoint).filter((url) => url !== undefined),
    );
    expect(endpoints.size).toBe(2);
    for (const url of endpoints) expect(url).not.toBe(endpoint);
    await (flows as LocalFlows).stop();
    for (const url of endpoints) {
      const outcome = await new Promise<string>((resolve) => {
        request(url, { method: 'GET' }, () => resolve('answered'))
          .on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message))
          .end();
      });
      expect(outcome).toBe('ECONNREFUSED');
    }
  }, 90_000);
});

describe("a function's endpoint proxy", () => {
  const lineage = new EventLineage();
  let proxy: EndpointProxy;
  let url: string;

  beforeAll(async () => {
    proxy = new EndpointProxy({ upstream: endpoint, lineage, runningEventId: () => 'the-running-event' });
    url = await proxy.open('Sender');
  });
  afterAll(() => proxy.stop());

  /** Sends the same raw request (Host header included) to `base`. */
  function send(base: string, target: string, body: string): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
    const { host } = new URL(endpoint);
    return new Promise((resolve, reject) => {
      const outgoing = request(
        `${base}/`,
        {
          method: 'POST',
          setHost: false,
          headers: [
            'Host',
            host,
            'X-Amz-Target',
            target,
            'Content-Type',
            'application/x-amz-json-1.1',
            'Content-Length',
            String(Buffer.byteLength(body)),
          ],
        },
        (answer) => {
          const chunks: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => chunks.push(chunk));
          answer.on('end', () =>
            resolve({ status: answer.statusCode ?? 0, headers: answer.headers, body: Buffer.concat(chunks).toString('utf8') }),
          );
        },
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  }

  const comparable = (headers: IncomingHttpHeaders): IncomingHttpHeaders => {
    // The emulator's request id and date differ from one request to the next; the rest is the same.
    const { date: _date, 'x-amzn-requestid': _requestId, connection: _connection, 'keep-alive': _keepAlive, ...rest } = headers;
    return rest;
  };

  it('answers a PutEvents exactly as the emulator does', async () => {
    const bus = 'integration';
    // An entry the emulator refuses gets the same answer each time, so the two can be compared byte for byte.
    const body = JSON.stringify({ Entries: [{ EventBusName: bus, Source: 'test.proxy', DetailType: 'Malformed', Detail: 'not json' }] });
    const direct = await send(endpoint, 'AWSEvents.PutEvents', body);
    const proxied = await send(url, 'AWSEvents.PutEvents', body);
    expect(proxied.status).toBe(direct.status);
    expect(proxied.body).toBe(direct.body);
    expect(comparable(proxied.headers)).toEqual(comparable(direct.headers));
    expect(lineage.pending).toBe(0);
  });

  it('answers other calls exactly as the emulator does', async () => {
    const body = JSON.stringify({ Name: 'integration' });
    const direct = await send(endpoint, 'AWSEvents.DescribeEventBus', body);
    const proxied = await send(url, 'AWSEvents.DescribeEventBus', body);
    expect([proxied.status, proxied.body]).toEqual([direct.status, direct.body]);
    expect(comparable(proxied.headers)).toEqual(comparable(direct.headers));
  });

  it("gives an SDK client the emulator's event ids, and records them with the running invocation's event", async () => {
    const sender = new EventBridgeClient({ endpoint: url, region: 'us-east-1', credentials });
    try {
      const { FailedEntryCount, Entries = [] } = await sender.send(
        new PutEventsCommand({
          Entries: [
            { EventBusName: 'integration', Source: 'test.proxy', DetailType: 'First', Detail: '{}' },
            { EventBusName: 'integration', Source: 'test.proxy', DetailType: 'Second', Detail: '{}' },
          ],
        }),
      );
      expect(FailedEntryCount).toBe(0);
      expect(Entries.map((entry) => lineage.get(entry.EventId as string))).toEqual([
        {
          eventId: Entries[0]?.EventId,
          parentEventId: 'the-running-event',
          rootEventId: 'the-running-event',
          functionLogicalId: 'Sender',
          detailType: 'First',
          depth: 1,
        },
        {
          eventId: Entries[1]?.EventId,
          parentEventId: 'the-running-event',
          rootEventId: 'the-running-event',
          functionLogicalId: 'Sender',
          detailType: 'Second',
          depth: 1,
        },
      ]);
      const { Name } = await sender.send(new DescribeEventBusCommand({ Name: 'integration' }));
      expect(Name).toBe('integration');
    } finally {
      sender.destroy();
    }
  });
});
