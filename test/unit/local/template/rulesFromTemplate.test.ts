import * as path from 'node:path';
import { rulesFromTemplate } from '../../../../src/local/template/rulesFromTemplate';
import { TemplateError } from '../../../../src/local/template/TemplateError';

const EXAMPLE = path.join(__dirname, '../../../../examples/order-service/template.yaml');
const FIXTURES = path.join(__dirname, '../../../fixtures/templates');

describe('rulesFromTemplate', () => {
  it("reads the example's SAM event rule offline, by logical id, with its pattern, bus and target", async () => {
    const rules = await rulesFromTemplate(EXAMPLE);
    expect(rules.all.map((rule) => rule.logicalId)).toStrictEqual(['ConfirmOrderFunctionOrderPlaced', 'AuditOrderConfirmed']);
    const rule = rules.rule('ConfirmOrderFunctionOrderPlaced');
    expect(rule).toBe(rules.byLogicalId['ConfirmOrderFunctionOrderPlaced']);
    expect(rule.pattern).toStrictEqual({ source: ['shop.orders'], 'detail-type': ['OrderPlaced'] });
    expect(rule.eventBusName).toBe('orders');
    expect(rule.state).toBe('ENABLED');
    expect(rule.targets.map((target) => [target.kind, target.functionLogicalId])).toStrictEqual([['lambda', 'ConfirmOrderFunction']]);
    // The stack name defaults to the file's name; the account to a documentation one.
    expect(rule.arn).toBe(`arn:aws:events:${process.env['AWS_REGION'] ?? 'us-east-1'}:123456789012:rule/orders/${rule.name}`);
    expect(rule.name.startsWith('template-ConfirmOrderFunctionOrderPlaced-')).toBe(true);
  });

  it("reads the example's audit rule by its explicit Name, with its target's input transformer", async () => {
    const rules = await rulesFromTemplate(EXAMPLE);
    const rule = rules.rule('order-service-audit');
    expect(rule).toBe(rules.byLogicalId['AuditOrderConfirmed']);
    expect(rule.pattern).toStrictEqual({ source: ['shop.billing'], 'detail-type': ['OrderConfirmed'] });
    expect(rule.targets.map((target) => [target.id, target.kind, target.inputTransformer])).toStrictEqual([
      [
        'AuditQueue',
        'sqs',
        {
          inputPathsMap: { orderId: '$.detail.orderId', total: '$.detail.total' },
          inputTemplate: '{"orderId": <orderId>, "total": <total>}',
        },
      ],
    ]);
  });

  it('takes parameters (numbers and booleans as their text), a stack name, a region and an account', async () => {
    const rules = await rulesFromTemplate(EXAMPLE, {
      parameters: { EventBusName: 'orders-ci', Stage: 7 },
      stackName: 'shop',
      region: 'cn-north-1',
      accountId: '210987654321',
    });
    const rule = rules.rule('ConfirmOrderFunctionOrderPlaced');
    expect(rule.eventBusName).toBe('orders-ci');
    expect(rule.arn).toMatch(/^arn:aws-cn:events:cn-north-1:210987654321:rule\/orders-ci\/shop-ConfirmOrderFunctionOrderPlaced-/);
    expect(rules.rule(rule.name)).toBe(rule);
  });

  it('keeps integers a double cannot hold in the parsed pattern', async () => {
    const rules = await rulesFromTemplate(path.join(FIXTURES, 'cloudformation', 'orders.template.json'));
    const rule = rules.all.find((candidate) =>
      JSON.stringify(candidate.pattern ?? {}, (_, v: unknown) => (typeof v === 'bigint' ? 'big' : v)).includes('big'),
    );
    expect(rule?.pattern?.['detail']).toStrictEqual({ customerId: [12345678901234567890n], total: [{ numeric: ['>', 0.5] }] });
  });

  it('names the rules it has, and the likely one, for an unknown rule', async () => {
    const rules = await rulesFromTemplate(EXAMPLE);
    expect(() => rules.rule('ConfirmOrderOrderPlaced')).toThrow(TemplateError);
    expect(() => rules.rule('ConfirmOrderFunctionOrderPlace')).toThrow(
      'no rule "ConfirmOrderFunctionOrderPlace" (did you mean "ConfirmOrderFunctionOrderPlaced"?). Its rules, by logical id: ConfirmOrderFunctionOrderPlaced, AuditOrderConfirmed (named order-service-audit).',
    );
  });

  it('fails with the template reader’s error for a missing file', async () => {
    await expect(rulesFromTemplate('no-such-template.yaml')).rejects.toThrow(TemplateError);
  });
});

describe('rulesFromTemplate: messages that name its own options', () => {
  it("points a parameter without a value at rulesFromTemplate()'s parameters option", async () => {
    await expect(rulesFromTemplate(path.join(FIXTURES, 'sam', 'template.yaml'))).rejects.toThrow(
      `parameter "Stage" has no value and no Default: give it in rulesFromTemplate()'s parameters option, e.g. parameters: { Stage: '…' }.`,
    );
  });

  it('suggests a rule by its Name too, for a misspelt name', async () => {
    const rules = await rulesFromTemplate(EXAMPLE);
    expect(() => rules.rule('order-service-audi')).toThrow(
      'no rule "order-service-audi" (did you mean "order-service-audit"?). Its rules, by logical id: ConfirmOrderFunctionOrderPlaced, AuditOrderConfirmed (named order-service-audit).',
    );
  });

  it("suggests the SAM rule whose logical id ends with the event's id", async () => {
    const rules = await rulesFromTemplate(EXAMPLE);
    expect(() => rules.rule('OrderPlaced')).toThrow(
      'no rule "OrderPlaced" (did you mean "ConfirmOrderFunctionOrderPlaced"?). Its rules, by logical id: ConfirmOrderFunctionOrderPlaced, AuditOrderConfirmed (named order-service-audit).',
    );
  });
});
