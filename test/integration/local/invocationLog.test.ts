/**
 * The run's invocation log and a test file's follower of it, over loopback HTTP (no AWS): the
 * follower hears a record as soon as it is appended, keeps each once, and stops cleanly.
 */
import { InvocationLog, MAX_WAIT_MS } from '../../../src/local/invocationLog';
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
async function eventually(condition: () => boolean, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('InvocationLog', () => {
  it('pages records by sequence number, also after the oldest were forgotten', () => {
    const log = new InvocationLog(2);
    log.append(record('e1'));
    log.append(record('e2'));
    log.append(record('e3'));
    expect(log.page(0)).toEqual({ next: 3, records: [record('e2'), record('e3')] });
    expect(log.page(2)).toEqual({ next: 3, records: [record('e3')] });
    expect(log.page(3)).toEqual({ next: 3, records: [] });
  });

  it('answers a long poll as soon as a record is appended, and refuses other requests', async () => {
    const log = new InvocationLog();
    const url = await log.serve();
    try {
      const waiting = fetch(`${url}?after=0&wait=${MAX_WAIT_MS}`).then((response) => response.json());
      // The request is parked until a record arrives: append once the server holds it.
      await eventually(() => log.waiting === 1);
      log.append(record('e1'));
      expect(await waiting).toEqual({ next: 1, records: [record('e1')] });

      const other = await fetch(url.replace('/invocations', '/other'));
      expect(other.status).toBe(404);
      expect(await other.text()).toBe('Only GET /invocations?after=<seq>&wait=<ms> is served here.');
    } finally {
      await log.close();
    }
  });
});

describe('InvocationFollower', () => {
  it('keeps every record of the run once, in order, and stops while a poll waits', async () => {
    const log = new InvocationLog();
    log.append(record('e1'));
    const url = await log.serve();
    const follower = new InvocationFollower(url);
    try {
      follower.start();
      await eventually(() => follower.records.length === 1);
      log.append(record('e2'));
      log.append(record('e2', 2));
      await eventually(() => follower.records.length === 3);
      await follower.catchUp();
      expect(follower.records).toEqual([record('e1'), record('e2'), record('e2', 2)]);
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
