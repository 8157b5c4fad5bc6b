/**
 * The run's local-flows log and a test file's follower of it, over loopback HTTP (no AWS): the
 * follower hears an entry as soon as it is appended, replays each once (records, and which
 * invocations are still running), and stops cleanly.
 */
import { InvocationLog, MAX_WAIT_MS, type LogEntry } from '../../../src/local/invocationLog';
import type { InvocationRecord } from '../../../src/local/stackModel';
import { InvocationFollower } from '../../../src/session/invocationFollower';

function record(eventId: string, attempt = 1): InvocationRecord {
  return {
    functionName: 'orders-ConfirmOrder-ABC',
    logicalId: 'ConfirmOrder',
    requestId: `request-${eventId}`,
    eventId,
    ruleName: 'orders-rule',
    attempt,
    attempts: 3,
    startedAt: 1_700_000_000_000,
    durationMs: 12,
    outcome: 'success',
    result: { emitted: 2 },
  };
}

/** Resolves once `condition` holds, checking on each turn of the event loop, or rejects after `ms`. */
const attempt = (eventId: string, number = 1): LogEntry => ({ type: 'attempt', record: record(eventId, number) });

async function eventually(condition: () => boolean, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('InvocationLog', () => {
  it('pages entries by sequence number, also after the oldest were forgotten', () => {
    const log = new InvocationLog(2);
    log.listenTo(['orders']);
    log.append(attempt('e1'));
    log.append(attempt('e2'));
    log.append(attempt('e3'));
    expect(log.page(0)).toEqual({ next: 3, buses: ['orders'], entries: [attempt('e2'), attempt('e3')] });
    expect(log.page(2)).toEqual({ next: 3, buses: ['orders'], entries: [attempt('e3')] });
    expect(log.page(3)).toEqual({ next: 3, buses: ['orders'], entries: [] });
  });

  it('answers a long poll as soon as a record is appended, and refuses other requests', async () => {
    const log = new InvocationLog();
    const url = await log.serve();
    try {
      const waiting = fetch(`${url}?after=0&wait=${MAX_WAIT_MS}`).then((response) => response.json());
      // The request is parked until a record arrives: append once the server holds it.
      await eventually(() => log.waiting === 1);
      log.append(attempt('e1'));
      expect(await waiting).toEqual({ next: 1, buses: [], entries: [attempt('e1')] });

      const other = await fetch(url.replace('/invocations', '/other'));
      expect(other.status).toBe(404);
      expect(await other.text()).toBe('Only GET /invocations?after=<seq>&wait=<ms> and GET /rules (once local flows run) are served here.');
      // No rules until local flows have started and handed them over.
      expect((await fetch(url.replace('/invocations', '/rules'))).status).toBe(404);
    } finally {
      await log.close();
    }
  });

  it('answers GET /rules with the rules local flows route, once handed them', async () => {
    const log = new InvocationLog();
    const url = await log.serve();
    try {
      const answer = {
        file: 'template.yaml',
        rules: [
          {
            logicalId: 'Audit',
            name: 'audit',
            arn: 'arn:aws:events:us-east-1:000000000000:rule/orders/audit',
            eventBusName: 'orders',
            eventPattern: '{"source":["shop"]}',
            state: 'ENABLED' as const,
            targets: [],
            templatePath: 'Resources.Audit',
          },
        ],
      };
      log.serveRules(answer);
      const response = await fetch(url.replace('/invocations', '/rules'));
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual(answer);
    } finally {
      await log.close();
    }
  });
});

describe('InvocationFollower', () => {
  it('keeps every record of the run once, in order, knows what still runs, and stops while a poll waits', async () => {
    const log = new InvocationLog();
    log.listenTo(['orders']);
    log.append({ type: 'routed', eventId: 'e1', functions: ['ConfirmOrder'] });
    log.append(attempt('e1'));
    const url = await log.serve();
    const follower = new InvocationFollower(url);
    try {
      follower.start();
      await eventually(() => follower.records.length === 1);
      expect(follower.buses).toEqual(['orders']);
      expect(follower.settled(['e1'])).toBe(false);
      expect(follower.settled(['e0'])).toBe(false);
      log.append({ type: 'settled', eventId: 'e1', logicalId: 'ConfirmOrder' });
      log.append({ type: 'routed', eventId: 'e2', functions: ['ConfirmOrder', 'Audit'] });
      log.append(attempt('e2'));
      log.append(attempt('e2', 2));
      log.append({ type: 'settled', eventId: 'e2', logicalId: 'ConfirmOrder' });
      log.append({ type: 'routed', eventId: 'e3', functions: [] });
      await eventually(() => follower.records.length === 3);
      await follower.catchUp();
      expect(follower.records).toEqual([record('e1'), record('e2'), record('e2', 2)]);
      expect(follower.settled(['e1', 'e3'])).toBe(true);
      expect(follower.settled(['e2'])).toBe(false);
      log.append({ type: 'settled', eventId: 'e2', logicalId: 'Audit' });
      await eventually(() => follower.settled(['e1', 'e2', 'e3']));
      expect(follower.error).toBeUndefined();
    } finally {
      await follower.stop();
      await log.close();
    }
  });

  it('says when the log cannot be read', async () => {
    const log = new InvocationLog();
    const url = await log.serve();
    await log.close();
    const follower = new InvocationFollower(url);
    follower.start();
    try {
      await eventually(() => follower.error !== undefined);
      expect(follower.error).toMatch(new RegExp(`^cannot read the local invocation log at ${url}: `));
    } finally {
      await follower.stop();
    }
  });
});
