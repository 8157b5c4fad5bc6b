// toMatchEventPattern under Vitest: registered by the setup file with the waiting matchers, on
// Vitest's own expect; synchronous, and needing no capture. vitestRunner.test.ts checks that
// each test passes; the tests check the messages Vitest shows (its own printing of values).
import { expect, it } from 'vitest';
import { eventPattern } from 'jest-eventbridge';

const fixture = {
  source: 'shop.orders',
  detailType: 'OrderPlaced',
  time: '2024-05-01T10:00:00Z',
  detail: { orderId: 'v1' },
};
const ORDER_PLACED = { source: ['shop.orders'], 'detail-type': ['OrderPlaced'] };

// The envelope of the fixture, as Vitest prints it (the region is the run's, as documented).
const RECEIVED = [
  'Received event: Object {',
  '  "account": "123456789012",',
  '  "detail": Object {',
  '    "orderId": "v1",',
  '  },',
  '  "detail-type": "OrderPlaced",',
  '  "id": "00000000-0000-0000-0000-000000000000",',
  `  "region": "${process.env.AWS_REGION || 'us-east-1'}",`,
  '  "resources": Array [],',
  '  "source": "shop.orders",',
  '  "time": "2024-05-01T10:00:00Z",',
  '  "version": "0",',
  '}',
];

function failureOf(assertion: () => void): string[] {
  try {
    assertion();
  } catch (error) {
    return (error as Error).message.split('\n');
  }
  throw new Error('expected the assertion to fail');
}

it('passes for a matching put entry, synchronously', () => {
  // Vitest returns its chainable assertion from a synchronous matcher: no promise to await.
  expect(expect(fixture).toMatchEventPattern(ORDER_PLACED) as unknown).not.toBeInstanceOf(Promise);
  expect(fixture).toMatchEventPattern(eventPattern({ detail: { orderId: [{ prefix: 'v' }] } }));
});

it('fails with every failing condition at its path', () => {
  expect(failureOf(() => expect(fixture).toMatchEventPattern({ 'detail-type': ['OrderShipped'], detail: { orderId: ['v2'] } }))).toEqual([
    'expect(received).toMatchEventPattern(pattern)',
    '',
    'Expected the event to match the event pattern:',
    '  {"detail-type":["OrderShipped"],"detail":{"orderId":["v2"]}}',
    'It fails these 2 conditions:',
    '  detail-type: "OrderPlaced" is not "OrderShipped"',
    '  detail.orderId: "v1" is not "v2"',
    '',
    ...RECEIVED,
  ]);
});

it('.not passes for an event that does not match', () => {
  expect({ ...fixture, detailType: 'OrderPlacd' }).not.toMatchEventPattern(ORDER_PLACED);
});

it('.not fails saying that it matched', () => {
  expect(failureOf(() => expect(fixture).not.toMatchEventPattern(ORDER_PLACED))).toEqual([
    'expect(received).not.toMatchEventPattern(pattern)',
    '',
    'Expected the event not to match the event pattern:',
    '  {"source":["shop.orders"],"detail-type":["OrderPlaced"]}',
    'It matches.',
    '',
    ...RECEIVED,
  ]);
});

it("is a matcher error for an invalid pattern, with the pattern language's message", () => {
  expect(failureOf(() => expect(fixture).toMatchEventPattern({ source: 'shop.orders' }))).toEqual([
    'expect(received).toMatchEventPattern(pattern)',
    '',
    'Matcher error: pattern would be refused by EventBridge. Event pattern is not valid. Reason: "source" must be an object or an array (at source)',
    '',
    'Pattern has type:  Object',
    'Pattern has value: Object {',
    '  "source": "shop.orders",',
    '}',
  ]);
});
