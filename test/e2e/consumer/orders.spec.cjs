// Loaded through the package's "require" export condition. No service runs here: the capture
// sees the events the test puts itself, which is enough to prove the whole path (put, rule,
// queue, receive, matchers) works from the installed package.
// The e2e test expects exactly 8 tests from this file; keep its EXPECTED_TESTS in step.
const { eventBridge, eventPattern } = require('jest-eventbridge');

describe('jest-eventbridge from require()', () => {
  it('captures the event the test put, stamped with its correlation id', async () => {
    const [sent] = await eventBridge.put({ source: 'shop.orders', detailType: 'OrderPlaced', detail: { orderId: '1' } });
    expect(sent).toEqual(expect.objectContaining({ eventId: expect.any(String), correlationId: expect.any(String) }));
    expect(sent.correlationId).toBe(eventBridge.correlationId);

    await expect(eventBridge).toEmitEvent({
      source: 'shop.orders',
      'detail-type': 'OrderPlaced',
      detail: { orderId: '1', metadata: { correlationId: sent.correlationId } },
    });
    await expect(eventBridge).toEmitEvent(eventPattern({ source: ['shop.orders'], detail: { orderId: ['1'] } }));
    expect(eventBridge.events.map((event) => event['detail-type'])).toEqual(['OrderPlaced']);
  });

  it('passes .not when no such event arrives', async () => {
    await expect(eventBridge).not.toEmitEvent({ 'detail-type': 'Nope' }, { timeout: 500 });
  });

  it('does not see the events of an earlier test', async () => {
    await expect(eventBridge).not.toEmitEvent({ 'detail-type': 'OrderPlaced' }, { timeout: 500 });
    expect(eventBridge.events).toEqual([]);
  });

  it('fails, naming the expectation, when the event never arrives', async () => {
    // Guards against matchers that pass whatever happens.
    await expect(expect(eventBridge).toEmitEvent({ 'detail-type': 'NeverPut' }, { timeout: 300 })).rejects.toThrow(/NeverPut/);
  });
});

// What a test sees, on the Jest version installed here: Jest 29 calls test.concurrent callbacks
// right after the file's beforeAll hooks, before any of their circus events; Jest 30 interleaves
// their events. Both must scope each concurrent test by its own id.
describe('act once in beforeAll, assert in many tests', () => {
  beforeAll(async () => {
    await eventBridge.put({ source: 'shop.orders', detailType: 'BlockSetup', detail: {} });
  });

  it('sees what the beforeAll put', async () => {
    await expect(eventBridge).toEmitEventTimes({ 'detail-type': 'BlockSetup' }, 1, { timeout: 1000 });
  });

  it('sees it again in a later test', async () => {
    await expect(eventBridge).toEmitEventTimes({ 'detail-type': 'BlockSetup' }, 1, { timeout: 300 });
  });
});

describe('test.concurrent', () => {
  let put = 0;
  let release;
  const everyonePut = new Promise((resolve) => (release = resolve));

  test.concurrent.each(['one', 'two'])('%s counts only its own events', async (name) => {
    const id = eventBridge.correlationId;
    const results = await eventBridge.put([
      { source: 'shop.concurrent', detailType: name, detail: {} },
      { source: 'shop.concurrent', detailType: name, detail: {} },
    ]);
    expect(results.map((result) => result.correlationId)).toEqual([id, id]);
    put += 1;
    if (put === 2) release();
    await everyonePut;
    await expect(eventBridge).toEmitEventTimes({ source: 'shop.concurrent' }, 2, { timeout: 1000 });
    expect(eventBridge.events.map((event) => event['detail-type'])).toEqual([name, name]);
  });
});
