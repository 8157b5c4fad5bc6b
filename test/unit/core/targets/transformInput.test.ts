import * as path from 'node:path';
import { readFileSync } from 'node:fs';
import { transformInput, InvalidTargetInputError, OFFLINE_RULE_NAME } from '../../../../src/core/targets';
import { JestEventBridgeError } from '../../../../src/foundation/errors';
import { rulesFromTemplate } from '../../../../src/local/template/rulesFromTemplate';

const TEMPLATE = path.join(__dirname, '../../../fixtures/templates/cloudformation/orders.template.json');
const fixture = {
  source: 'shop.orders',
  detailType: 'OrderPlaced',
  time: '2024-05-01T10:00:00Z',
  // As a fixture file holds it: a customer id beyond 2^53, kept exact as far as the target.
  detail: '{"orderId":"fixture-1","customerId":12345678901234567890,"total":9.5}',
};

describe('transformInput', () => {
  const region = process.env['AWS_REGION'];
  beforeAll(() => {
    process.env['AWS_REGION'] = 'eu-west-1';
  });
  afterAll(() => {
    if (region === undefined) delete process.env['AWS_REGION'];
    else process.env['AWS_REGION'] = region;
  });

  it("applies a template rule's InputTransformer to a fixture: what the target receives", async () => {
    const rule = (await rulesFromTemplate(TEMPLATE)).rule('OrderPlacedRule');
    const [confirm, ship, audit] = rule.targets;
    if (!confirm || !ship || !audit) throw new Error('the fixture template has three targets');
    expect(transformInput(fixture, confirm)).toBe('{"orderId": "fixture-1", "customer": 12345678901234567890}');
    expect(transformInput(fixture, ship)).toBe('{"orderId":"fixture-1","customerId":12345678901234567890,"total":9.5}');
    expect(transformInput(fixture, audit)).toBe(
      '{"version":"0","id":"00000000-0000-0000-0000-000000000000","detail-type":"OrderPlaced","source":"shop.orders","account":"123456789012","time":"2024-05-01T10:00:00Z","region":"eu-west-1","resources":[],"detail":{"orderId":"fixture-1","customerId":12345678901234567890,"total":9.5}}',
    );
  });

  it('fills the predefined placeholders from the context, else the documented defaults', () => {
    const target = {
      inputTransformer: {
        inputTemplate: '"<aws.events.rule-name> <aws.events.rule-arn> <aws.events.event.ingestion-time>"',
      },
    };
    expect(transformInput(fixture, target)).toBe(
      `"${OFFLINE_RULE_NAME} arn:aws:events:eu-west-1:123456789012:rule/offline-rule 2024-05-01T10:00:00Z"`,
    );
    expect(
      transformInput(fixture, target, {
        ruleName: 'orders-OrderPlacedRule-1',
        ruleArn: 'arn:aws:events:eu-west-1:210987654321:rule/orders/orders-OrderPlacedRule-1',
        ingestionTime: '2024-05-01T10:00:02Z',
      }),
    ).toBe('"orders-OrderPlacedRule-1 arn:aws:events:eu-west-1:210987654321:rule/orders/orders-OrderPlacedRule-1 2024-05-01T10:00:02Z"');
  });

  it("puts the default rule ARN in the region's partition", () => {
    process.env['AWS_REGION'] = 'cn-north-1';
    const target = { inputTransformer: { inputTemplate: '"<aws.events.rule-arn>"' } };
    expect(transformInput(fixture, target)).toBe('"arn:aws-cn:events:cn-north-1:123456789012:rule/offline-rule"');
  });

  it('takes an envelope as it is, and a constant Input', () => {
    const envelope = JSON.parse(readFileSync(path.join(__dirname, '../../../../examples/fixtures/order-placed.json'), 'utf8')) as {
      detail: object;
    };
    const event = {
      version: '0',
      id: 'e1',
      'detail-type': 'OrderPlaced',
      source: 'shop.orders',
      time: 't',
      region: 'r',
      resources: [],
      detail: envelope.detail,
    };
    expect(transformInput(event, { inputPath: '$.detail.items[0].sku' })).toBe('"TEA-1"');
    expect(transformInput(event, { input: '{"report": "nightly"}' })).toBe('{"report": "nightly"}');
  });

  it('throws for an event that is neither an envelope nor a valid put entry, and for settings EventBridge refuses', () => {
    expect(() => transformInput({ source: 'shop.orders' } as never, {})).toThrow(
      new JestEventBridgeError('transformInput(): the event (a put entry) needs a "detailType" string, e.g. "OrderPlaced".'),
    );
    expect(() => transformInput(fixture, { input: '{}', inputPath: '$' })).toThrow(InvalidTargetInputError);
  });
});
