/**
 * @jest-environment jest-eventbridge/environment
 * @jest-environment-options {"eventBridge": {"eventBusName": "environment", "timeout": 3000, "capturePattern": {"source": [{"prefix": "env-test."}]}}}
 */
/* The failure tests hand an assertion's promise to failureOf() or to an outer expect:
   jest/valid-expect cannot follow it there (no-floating-promises still checks it). */
/* eslint-disable jest/valid-expect */
// The environment and matchers end to end on the emulator, as a user's spec runs them. The
// events here are the test's own puts: the capture sees them like any other event on the bus.
import { eventBridge as imported, eventPattern } from 'jest-eventbridge';
import { stripVTControlCharacters } from 'node:util';

const placed = (orderId: string, extra: Record<string, unknown> = {}) => ({
  source: 'env-test.orders',
  detailType: 'OrderPlaced',
  detail: { orderId, ...extra },
});

async function failureOf(assertion: Promise<void>): Promise<string> {
  try {
    await assertion;
  } catch (error) {
    return stripVTControlCharacters((error as Error).message);
  }
  throw new Error('expected the assertion to fail');
}

describe('jest-eventbridge environment', () => {
  it('exposes one capture as the global and as the import', () => {
    expect(imported.eventBusName).toBe('environment');
    expect(imported.resources).toEqual(eventBridge.resources);
    expect(eventBridge.resources.queueName).toMatch(/^jeb-[a-z0-9]+-w\d+-environment-[a-z0-9]{6}$/);
  });

  it('puts events and waits until a matching one arrives', async () => {
    const results = await eventBridge.put([placed('1'), placed('2', { total: 120 })]);
    expect(results).toEqual([
      { eventId: expect.any(String), source: 'env-test.orders', detailType: 'OrderPlaced' },
      { eventId: expect.any(String), source: 'env-test.orders', detailType: 'OrderPlaced' },
    ]);
    await expect(eventBridge).toEmitEvent({ source: 'env-test.orders', detail: { orderId: '2', total: expect.any(Number) } });
    await expect(eventBridge).toEmitEvent(eventPattern({ detail: { total: [{ numeric: ['>', 100] }] } }));
    await expect(eventBridge).toEmitEvent((event) => event.detail.orderId === '1');
    await expect(eventBridge).toEmitEventTimes({ 'detail-type': 'OrderPlaced' }, 2, { timeout: 1000 });
    expect(eventBridge.events.map((event) => event.id).sort()).toEqual(results.map((r) => r.eventId).sort());
  });

  it('sees only events of the current test, and none after clear()', async () => {
    expect(eventBridge.events).toEqual([]);
    await eventBridge.put(placed('3'));
    await expect(eventBridge).toEmitEvent({ detail: { orderId: '3' } });
    eventBridge.clear();
    expect(eventBridge.events).toEqual([]);
    await expect(eventBridge).not.toEmitEvent({ detail: { orderId: '3' } }, { timeout: 300 });
  });

  it('explains what arrived when no event matches', async () => {
    await eventBridge.put(placed('4', { total: 80 }));
    const message = await failureOf(expect(eventBridge).toEmitEvent({ detail: { orderId: '4', total: 100 } }, { timeout: 1000 }));
    expect(message).toContain('Expected an event matching: {"detail": {"orderId": "4", "total": 100}}');
    expect(message).toMatch(/Waited 1\.\d\d s on bus "environment" via queue jeb-\S+; 1 event arrived in that window\. None matched\./);
    expect(message).toContain('Nearest candidate (event 1):');
    expect(message).toMatch(/-\s+"total": 100,\n\+\s+"total": 80,/);
    expect(message).toMatch(
      /Events that arrived \(1\):\n {2}1\. -?[+-]?\d\.\d\d s {2}env-test\.orders {2}OrderPlaced {2}\{"orderId":"4","total":80\}/,
    );

    const pattern = await failureOf(
      expect(eventBridge).toEmitEvent(eventPattern({ detail: { total: [{ numeric: ['>', 100] }] } }), { timeout: 200 }),
    );
    expect(pattern).toContain('detail.total: 80 is not > 100');
  });

  it('fails .not as soon as a matching event arrives', async () => {
    await eventBridge.put(placed('5'));
    const message = await failureOf(expect(eventBridge).not.toEmitEvent({ detail: { orderId: '5' } }, { timeout: 20_000 }));
    expect(message).toContain('Expected no event matching: {"detail": {"orderId": "5"}}');
    expect(message).toMatch(/But event 1 matched:/);
  });

  it('fails toEmitEventTimes as soon as the count is exceeded', async () => {
    await eventBridge.put([placed('6'), placed('6'), placed('6')]);
    const message = await failureOf(expect(eventBridge).toEmitEventTimes({ detail: { orderId: '6' } }, 2, { timeout: 20_000 }));
    expect(message).toContain('But 3 events matched (events 1, 2, 3): more than 2, so it stopped waiting.');
  });

  it('keeps waiting on real time when the spec fakes timers', async () => {
    jest.useFakeTimers();
    try {
      await eventBridge.put(placed('7'));
      await expect(eventBridge).toEmitEvent({ detail: { orderId: '7' } });
      // Nothing advances the fake clock, yet the window still closes.
      await expect(eventBridge).not.toEmitEvent({ detail: { orderId: 'never' } }, { timeout: 200 });
    } finally {
      jest.useRealTimers();
    }
  });

  it('waits the whole window before .not passes', async () => {
    const started = performance.now();
    await expect(eventBridge).not.toEmitEvent({ detail: { orderId: 'never' } }, { timeout: 500 });
    expect(performance.now() - started).toBeGreaterThanOrEqual(490);
  });

  it('reports matcher errors for a wrong receiver and bad arguments', async () => {
    await expect(expect({}).toEmitEvent({})).rejects.toThrow('received value must be the eventBridge object of jest-eventbridge');
    await expect(expect(eventBridge).toEmitEvent(42 as never)).rejects.toThrow(
      'expected value must be an object to match against the event',
    );
    await expect(expect(eventBridge).toEmitEvent({}, { timeout: -1 })).rejects.toThrow(
      'options.timeout must be a positive number of milliseconds',
    );
    await expect(expect(eventBridge).toEmitEvent({}, { wait: 1 } as never)).rejects.toThrow('unknown option "wait"; known: timeout');
    await expect(expect(eventBridge).toEmitEventTimes({}, -1)).rejects.toThrow('times must be a whole number of events, 0 or more');
    await expect(expect(eventBridge).toEmitEvents([])).rejects.toThrow('expected value must be a non-empty array of expectations');
  });

  it('rejects bad entries before calling AWS, and names refused ones', async () => {
    await expect(eventBridge.put({ detailType: 'X' } as never)).rejects.toThrow(
      'put(): entry 0 needs a "source" string, e.g. "shop.orders".',
    );
    await expect(eventBridge.put({ source: 's', detailType: 'X', detail: { big: 'x'.repeat(256 * 1024) } })).rejects.toThrow(
      /put\(\): entry 0 \(s X\) is \d+ bytes; EventBridge accepts at most 262144 bytes \(256 KB\) per event\./,
    );
    await expect(eventBridge.put([])).rejects.toThrow('put() was given an empty array: pass at least one entry.');
    await expect(eventBridge.putFromFile('./no-such-file.json')).rejects.toThrow(
      /putFromFile\(\): cannot read \.\/no-such-file\.json \(resolved to .*no-such-file\.json\): ENOENT\./,
    );
  });

  it('batches more than ten entries', async () => {
    const entries = Array.from({ length: 12 }, (_, i) => placed(`batch-${i}`));
    const results = await eventBridge.put(entries);
    expect(new Set(results.map((r) => r.eventId)).size).toBe(12);
    await expect(eventBridge).toEmitEventTimes({ source: 'env-test.orders' }, 12, { timeout: 2000 });
  });
});
