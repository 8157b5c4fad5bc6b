/* Each test starts an assertion, moves the manual clock, then awaits it: jest/valid-expect
   cannot follow a promise through a variable (no-floating-promises still checks them). */
/* eslint-disable jest/valid-expect */
import { envelope, fakeCapture } from '../../support/fakeCapture';
import { failureOf } from './matcherTestSupport';

const reserved = (sku: string) => envelope({ source: 'shop.inventory', 'detail-type': 'ItemReserved', detail: { sku } });

describe('toEmitEventTimes', () => {
  it('passes with exactly n at the end of the window, not before', async () => {
    const { handle, arrive, clock, settle } = fakeCapture();
    let done = false;
    const assertion = expect(handle)
      .toEmitEventTimes({ 'detail-type': 'ItemReserved' }, 2, { timeout: 1000 })
      .then(() => (done = true));
    await settle();
    arrive(reserved('a'), reserved('b'), envelope({ 'detail-type': 'Other' }));
    await settle();
    expect(done).toBe(false);
    clock.advance(1000);
    await assertion;
  });

  it('fails as soon as the count is exceeded', async () => {
    const { handle, arrive, clock, settle } = fakeCapture();
    const assertion = failureOf(expect(handle).toEmitEventTimes({ 'detail-type': 'ItemReserved' }, 2, { timeout: 60_000 }));
    await settle();
    clock.advance(200);
    arrive(reserved('a'), reserved('b'), reserved('c'));
    expect(await assertion).toMatchInlineSnapshot(`
"expect(eventBridge).toEmitEventTimes(expected, times, options)

Expected exactly 2 events matching: {"detail-type": "ItemReserved"}
But 3 events matched (events 1, 2, 3): more than 2, so it stopped waiting.
Decided after 0.20 s on bus "orders" via queue jeb-test; 3 events had arrived by then.

Events that arrived (3):
  1. +0.20 s  shop.inventory  ItemReserved  {"sku":"a"}
  2. +0.20 s  shop.inventory  ItemReserved  {"sku":"b"}
  3. +0.20 s  shop.inventory  ItemReserved  {"sku":"c"}"
`);
  });

  it('fails with too few after the window', async () => {
    const { handle, arrive, clock, settle } = fakeCapture();
    const assertion = failureOf(expect(handle).toEmitEventTimes({ 'detail-type': 'ItemReserved' }, 2));
    await settle();
    arrive(reserved('a'));
    clock.advance(1000);
    expect(await assertion).toContain(
      'Expected exactly 2 events matching: {"detail-type": "ItemReserved"}\nBut 1 event matched (event 1).\nWaited 1.00 s',
    );
  });

  it('.not passes as soon as the count is exceeded', async () => {
    const { handle, arrive, settle } = fakeCapture();
    const assertion = expect(handle).not.toEmitEventTimes({ 'detail-type': 'ItemReserved' }, 1, { timeout: 60_000 });
    await settle();
    arrive(reserved('a'), reserved('b'));
    await assertion;
  });

  it('.not fails with exactly n at the end of the window', async () => {
    const { handle, arrive, clock, settle } = fakeCapture();
    const assertion = failureOf(expect(handle).not.toEmitEventTimes({ 'detail-type': 'ItemReserved' }, 1));
    await settle();
    arrive(reserved('a'));
    clock.advance(1000);
    expect(await assertion).toContain(
      'Expected a number of events other than 1 matching: {"detail-type": "ItemReserved"}\nBut exactly 1 event matched (event 1).',
    );
  });

  it('passes toEmitEventTimes(x, 0) when none arrives', async () => {
    const { handle, clock, settle } = fakeCapture();
    const assertion = expect(handle).toEmitEventTimes({ 'detail-type': 'ItemReserved' }, 0);
    await settle();
    clock.advance(1000);
    await assertion;
  });

  it.each([[-1], [1.5], ['2']])('reports times %p as a matcher error', async (times) => {
    const { handle } = fakeCapture();
    expect(await failureOf(expect(handle).toEmitEventTimes({}, times as number))).toContain(
      'times must be a whole number of events, 0 or more',
    );
  });
});
