import * as path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { eventPattern } from '../../../../src/core/expectations/eventPattern';
import { rulesFromTemplate } from '../../../../src/local/template/rulesFromTemplate';
import './matcherTestSupport';

const EXAMPLE = path.join(__dirname, '../../../../examples/order-service/template.yaml');
const CLOUDFORMATION = path.join(__dirname, '../../../fixtures/templates/cloudformation/orders.template.json');

/** The message of a synchronous assertion that must fail, without colours. */
function failureOf(assertion: () => void): string {
  try {
    assertion();
  } catch (error) {
    return stripVTControlCharacters((error as Error).message);
  }
  throw new Error('expected the assertion to fail');
}

const fixture = {
  source: 'shop.orders',
  detailType: 'OrderPlaced',
  time: '2024-05-01T10:00:00.700Z',
  detail: { orderId: 'fixture-1', items: [{ sku: 'TEA-1', quantity: 3, price: 4.5 }] },
};

const ORDER_PLACED = { source: ['shop.orders'], 'detail-type': ['OrderPlaced'] };

const ENVELOPE_LINE =
  'Received event: {"account": "123456789012", "detail": {"items": [{"price": 4.5, "quantity": 3, "sku": "TEA-1"}], "orderId": "fixture-1"}, "detail-type": "OrderPlaced", "id": "00000000-0000-0000-0000-000000000000", "region": "eu-west-1", "resources": [], "source": "shop.orders", "time": "2024-05-01T10:00:00Z", "version": "0"}';

describe('toMatchEventPattern', () => {
  const region = process.env['AWS_REGION'];
  beforeAll(() => {
    process.env['AWS_REGION'] = 'eu-west-1';
  });
  afterAll(() => {
    if (region === undefined) delete process.env['AWS_REGION'];
    else process.env['AWS_REGION'] = region;
  });

  it('passes for a put entry (a fixture) that matches, synchronously', () => {
    expect(expect(fixture).toMatchEventPattern(ORDER_PLACED)).toBeUndefined();
    expect(fixture).toMatchEventPattern({ detail: { items: { quantity: [{ numeric: ['>=', 3] }] } } });
  });

  it('fails with every failing condition at its path', () => {
    expect(
      failureOf(() =>
        expect(fixture).toMatchEventPattern({ 'detail-type': ['OrderPlace'], detail: { items: { quantity: [{ numeric: ['>', 5] }] } } }),
      ),
    ).toBe(
      [
        'expect(received).toMatchEventPattern(pattern)',
        '',
        'Expected the event to match the event pattern:',
        '  {"detail-type":["OrderPlace"],"detail":{"items":{"quantity":[{"numeric":[">",5]}]}}}',
        'It fails these 2 conditions:',
        '  detail-type: "OrderPlaced" is not "OrderPlace"',
        '  detail.items[0].quantity: 3 is not > 5',
        '',
        ENVELOPE_LINE,
      ].join('\n'),
    );
  });

  it('.not passes for an event that does not match', () => {
    expect({ ...fixture, detailType: 'OrderPlacd' }).not.toMatchEventPattern(ORDER_PLACED);
  });

  it('.not fails saying that it matched', () => {
    expect(failureOf(() => expect(fixture).not.toMatchEventPattern(ORDER_PLACED))).toBe(
      [
        'expect(received).not.toMatchEventPattern(pattern)',
        '',
        'Expected the event not to match the event pattern:',
        '  {"source":["shop.orders"],"detail-type":["OrderPlaced"]}',
        'It matches.',
        '',
        ENVELOPE_LINE,
      ].join('\n'),
    );
  });

  it('takes an envelope as it is, the pattern as JSON text, and eventPattern(...)', () => {
    const envelope = {
      version: '0',
      id: 'b1c2',
      'detail-type': 'OrderConfirmed',
      source: 'shop.billing',
      account: '210987654321',
      time: '2024-05-01T10:00:00Z',
      region: 'us-west-2',
      resources: [],
      detail: { total: 13.5 },
    };
    expect(envelope).toMatchEventPattern('{"account":["210987654321"],"detail":{"total":[{"numeric":[">",13]}]}}');
    expect(envelope).toMatchEventPattern(eventPattern({ region: [{ prefix: 'us-' }] }));
    expect(envelope).not.toMatchEventPattern(eventPattern({ region: [{ prefix: 'eu-' }] }));
  });

  it('compares integers beyond 2^53 exactly', () => {
    const entry = { source: 'shop.orders', detailType: 'OrderPlaced', detail: '{"customerId":12345678901234567891}' };
    expect(entry).toMatchEventPattern('{"detail":{"customerId":[12345678901234567891]}}');
    expect(entry).not.toMatchEventPattern('{"detail":{"customerId":[12345678901234567890]}}');
  });

  it("takes a template's rule, naming it in the message", async () => {
    const rule = (await rulesFromTemplate(EXAMPLE)).rule('ConfirmOrderFunctionOrderPlaced');
    expect(fixture).toMatchEventPattern(rule);
    expect(failureOf(() => expect({ ...fixture, detailType: 'OrderPlacd' }).toMatchEventPattern(rule))).toContain(
      [
        'Expected the event to match the event pattern of rule ConfirmOrderFunctionOrderPlaced:',
        '  {"source":["shop.orders"],"detail-type":["OrderPlaced"]}',
        'It fails this condition:',
        '  detail-type: "OrderPlacd" is not "OrderPlaced"',
      ].join('\n'),
    );
  });

  it('is a matcher error for a scheduled rule, which has no pattern', async () => {
    const nightly = (await rulesFromTemplate(CLOUDFORMATION)).rule('NightlyRule');
    expect(failureOf(() => expect(fixture).toMatchEventPattern(nightly))).toContain(
      'Matcher error: pattern is rule NightlyRule, which has no event pattern (a scheduled rule, run by its schedule): no event matches it; pass a rule with an EventPattern',
    );
    const scheduled = { logicalId: 'Nightly', name: 'orders-Nightly-1A2B', eventBusName: 'default', state: 'ENABLED', targets: [] };
    expect(failureOf(() => expect(fixture).toMatchEventPattern(scheduled))).toBe(
      [
        'expect(received).toMatchEventPattern(pattern)',
        '',
        'Matcher error: pattern is rule Nightly, which has no event pattern (a scheduled rule, run by its schedule): no event matches it; pass a rule with an EventPattern',
        '',
        'Pattern has type:  object',
        'Pattern has value: {"eventBusName": "default", "logicalId": "Nightly", "name": "orders-Nightly-1A2B", "state": "ENABLED", "targets": []}',
      ].join('\n'),
    );
  });

  it("is a matcher error for an invalid pattern, with the pattern language's message, under .not too", () => {
    expect(failureOf(() => expect(fixture).not.toMatchEventPattern({ source: 'shop.orders' }))).toBe(
      [
        'expect(received).not.toMatchEventPattern(pattern)',
        '',
        'Matcher error: pattern would be refused by EventBridge. Event pattern is not valid. Reason: "source" must be an object or an array (at source)',
        '',
        'Pattern has type:  object',
        'Pattern has value: {"source": "shop.orders"}',
      ].join('\n'),
    );
    expect(failureOf(() => expect(fixture).toMatchEventPattern('{"source": ['))).toContain(
      'Matcher error: pattern would be refused by EventBridge. Event pattern is not valid. Reason: Pattern is not valid JSON (',
    );
    expect(failureOf(() => expect(fixture).toMatchEventPattern(42 as never))).toContain(
      'Matcher error: pattern must be an event pattern: an object, its JSON text, eventPattern(...) or a rule from rulesFromTemplate()',
    );
  });

  it('is a matcher error for a received value that is no event, or a put entry put() would refuse', () => {
    expect(failureOf(() => expect(42).toMatchEventPattern(ORDER_PLACED))).toBe(
      [
        'expect(received).toMatchEventPattern(pattern)',
        '',
        'Matcher error: received value must be an EventBridge event: an envelope (with "detail-type", as a target receives it) or an entry as put() takes it ({ source, detailType, detail })',
        '',
        'Received has type:  number',
        'Received has value: 42',
      ].join('\n'),
    );
    expect(
      failureOf(() => expect({ source: 'shop.orders', detailType: 'OrderPlaced', Detail: {} }).toMatchEventPattern(ORDER_PLACED)),
    ).toContain(
      'Matcher error: received value (a put entry) has unknown key(s) "Detail" (did you mean "detail"?); known keys: source, detailType, detail, resources, time, eventBusName, traceHeader.',
    );
    expect(failureOf(() => expect({ source: 'shop.orders' }).toMatchEventPattern(ORDER_PLACED))).toContain(
      'Matcher error: received value (a put entry) needs a "detailType" string, e.g. "OrderPlaced".',
    );
  });
});
