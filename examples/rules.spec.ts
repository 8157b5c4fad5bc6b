/**
 * @jest-environment node
 */
// Unit tests of the order service's rule itself, offline: no bus, no capture, no AWS (the
// docblock above gives this file Jest's plain node environment instead of jest-eventbridge's,
// so it creates no capture; the matchers are registered all the same). The rule is read from the
// service's SAM template, the very rule `sam deploy` creates and local flows route with, and
// the event is the fixture orders.spec.ts puts on the bus.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { rulesFromTemplate, transformInput, type PutEntry, type TemplateRule } from 'jest-eventbridge';

const fixture = JSON.parse(readFileSync(path.join(__dirname, 'fixtures/order-placed.json'), 'utf8')) as PutEntry;

describe("the order service's OrderPlaced rule", () => {
  let rule: TemplateRule;

  beforeAll(async () => {
    // Relative paths are read from the working directory: anchor them to this file.
    const rules = await rulesFromTemplate(path.join(__dirname, 'order-service/template.yaml'));
    // SAM names the rule of ConfirmOrderFunction's event "OrderPlaced" by joining the two.
    rule = rules.rule('ConfirmOrderFunctionOrderPlaced');
  });

  it('routes the OrderPlaced fixture, on the orders bus', () => {
    expect(rule.eventBusName).toBe('orders');
    expect(fixture).toMatchEventPattern(rule);
  });

  it('does not route a mistyped detail-type, nor another source', () => {
    expect({ ...fixture, detailType: 'OrderPlace' }).not.toMatchEventPattern(rule);
    expect({ ...fixture, source: 'shop.billing' }).not.toMatchEventPattern(rule);
  });

  it('hands the handler the whole event, as EventBridge delivers it', () => {
    const [target] = rule.targets;
    if (target === undefined) throw new Error(`rule ${rule.logicalId} has no target`);
    const received = JSON.parse(transformInput(fixture, target, { ruleName: rule.name, ruleArn: rule.arn })) as Record<string, unknown>;
    expect(received).toMatchObject({ source: 'shop.orders', 'detail-type': 'OrderPlaced', detail: fixture.detail });
  });
});

describe("the order service's audit rule", () => {
  it('hands its queue only the order id and total of an OrderConfirmed (its input transformer)', async () => {
    const rule = (await rulesFromTemplate(path.join(__dirname, 'order-service/template.yaml'))).rule('order-service-audit');
    const confirmed: PutEntry = {
      source: 'shop.billing',
      detailType: 'OrderConfirmed',
      detail: { orderId: 'fixture-1', total: 13.5, items: 1 },
    };
    expect(confirmed).toMatchEventPattern(rule);

    const [target] = rule.targets;
    if (target === undefined) throw new Error(`rule ${rule.logicalId} has no target`);
    // The same transformation local flows apply, and mirror.spec.ts sees through mirrorRule.
    expect(JSON.parse(transformInput(confirmed, target, { ruleName: rule.name, ruleArn: rule.arn }))).toStrictEqual({
      orderId: 'fixture-1',
      total: 13.5,
    });
  });
});
