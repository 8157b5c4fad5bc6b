/* Each test starts an assertion, moves the manual clock, then awaits it: jest/valid-expect
   cannot follow a promise through a variable (no-floating-promises still checks them). */
/* eslint-disable jest/valid-expect */
import { envelope, fakeCapture } from '../../support/fakeCapture';
import { failureOf } from './matcherTestSupport';

const event = (type: string, time: string) => envelope({ 'detail-type': type, time });

describe('toEmitEvents', () => {
  it('passes when each expectation has its own event, in any order', async () => {
    const { handle, arrive, settle } = fakeCapture();
    const assertion = expect(handle).toEmitEvents([{ 'detail-type': 'B' }, { source: 'shop.orders' }]);
    await settle();
    arrive(event('A', '2026-11-23T10:00:00Z'));
    arrive(event('B', '2026-11-23T10:00:01Z'));
    await assertion;
  });

  it('passes when only a matching beyond the first choice works (the loose expectation takes event 2)', async () => {
    const { handle, arrive, clock, settle } = fakeCapture();
    arrive(event('A', '2026-11-23T10:00:00Z'), event('B', '2026-11-23T10:00:01Z'));
    const assertion = expect(handle).toEmitEvents([{ source: 'shop.orders' }, { 'detail-type': 'A' }]);
    await settle();
    clock.advance(1000); // A greedy assignment would fail here, at the end of the window.
    await assertion;
  });

  it('orders by event time, then arrival, with ordered: true', async () => {
    const { handle, arrive } = fakeCapture();
    arrive(event('B', '2026-11-23T10:00:05Z'), event('A', '2026-11-23T10:00:01Z'), event('C', '2026-11-23T10:00:05Z'));
    await expect(handle).toEmitEvents([{ 'detail-type': 'A' }, { 'detail-type': 'B' }, { 'detail-type': 'C' }], { ordered: true });
  });

  it('fails naming what matched and what did not', async () => {
    const { handle, arrive, clock, settle } = fakeCapture();
    const assertion = failureOf(expect(handle).toEmitEvents([{ 'detail-type': 'B' }, { 'detail-type': 'A' }], { ordered: true }));
    await settle();
    arrive(event('A', '2026-11-23T10:00:01Z'), event('B', '2026-11-23T10:00:02Z'));
    clock.advance(1000);
    expect(await assertion).toMatchInlineSnapshot(`
"expect(eventBridge).toEmitEvents(expected, options)

Expected events matching, in this order (by event time, then arrival):
  1. {"detail-type": "B"} — matched by event 2
  2. {"detail-type": "A"} — not matched
Matched 1 of 2.
Waited 1.00 s on bus "orders" via queue jeb-test; 2 events arrived in that window.

For expectation 2: event 1 matches it, but not after the events matched before it (by event time, then arrival).

Events that arrived (2):
  1. +0.00 s  shop.orders  A  {}
  2. +0.00 s  shop.orders  B  {}"
`);
  });

  it('.not passes after the window when one is missing', async () => {
    const { handle, arrive, clock, settle } = fakeCapture();
    const assertion = expect(handle).not.toEmitEvents([{ 'detail-type': 'A' }, { 'detail-type': 'A' }]);
    await settle();
    arrive(event('A', '2026-11-23T10:00:01Z'));
    clock.advance(1000);
    await assertion;
  });

  it('.not fails as soon as all arrived', async () => {
    const { handle, arrive, settle } = fakeCapture();
    const assertion = failureOf(expect(handle).not.toEmitEvents([{ 'detail-type': 'A' }, { 'detail-type': 'B' }], { timeout: 60_000 }));
    await settle();
    arrive(event('B', '2026-11-23T10:00:01Z'), event('A', '2026-11-23T10:00:01Z'));
    expect(await assertion).toContain(
      'Expected the events not all to arrive, each by a different event:\n  1. {"detail-type": "A"} — matched by event 2\n  2. {"detail-type": "B"} — matched by event 1\nBut all 2 arrived.',
    );
  });

  it.each([
    ['an empty list', [], undefined, 'expected value must be a non-empty array of expectations'],
    ['a bad element', [{}, 7], undefined, 'expected[1] value must be an object'],
    ['a non-boolean ordered', [{}], { ordered: 'yes' }, 'options.ordered must be true or false'],
  ])('reports %s as a matcher error', async (_, list, options, text) => {
    const { handle } = fakeCapture();
    expect(await failureOf(expect(handle).toEmitEvents(list as never, options as never))).toContain(text);
  });
});
