import { compileRouting, routeEvent, busNameOf, InvalidTargetInputError, type RoutableRule } from '../../../../src/core/targets';
import { InvalidEventPatternError } from '../../../../src/core/pattern';
import type { EventBridgeEvent } from '../../../../src/core/events/envelope';
import type { LocalRuleSpec } from '../../../../src/local/stackModel';

const event: EventBridgeEvent = {
  version: '0',
  id: 'e-1',
  'detail-type': 'Order Placed',
  source: 'shop.orders',
  account: '123456789012',
  time: '2026-01-01T00:00:00Z',
  region: 'us-east-1',
  resources: [],
  detail: { orderId: 'o-1', total: 42 },
};

function rule(name: string, overrides: Partial<LocalRuleSpec> = {}): LocalRuleSpec {
  return {
    logicalId: name,
    name,
    arn: `arn:aws:events:us-east-1:123456789012:rule/orders/${name}`,
    eventBusName: 'orders',
    eventPattern: '{"source":["shop.orders"]}',
    state: 'ENABLED',
    targets: [
      {
        id: `${name}-t`,
        arn: 'arn:aws:sqs:us-east-1:123456789012:q',
        kind: 'sqs',
        templatePath: `Resources.${name}.Properties.Targets[0]`,
      },
    ],
    templatePath: `Resources.${name}`,
    ...overrides,
  };
}

const routed = (rules: readonly LocalRuleSpec[], options = { eventBusName: 'orders' }) =>
  routeEvent(event, compileRouting(rules), options).map(({ rule: r, target, input }) => ({ rule: r.name, target: target.id, input }));

describe('routeEvent', () => {
  it('takes the shapes local flows read (LocalRuleSpec is a RoutableRule)', () => {
    const asRoutable: RoutableRule = rule('R');
    expect(asRoutable.name).toBe('R');
  });

  it('reaches every target of every matching, enabled rule on the event bus, in order, with its input text', () => {
    const rules = [
      rule('First', {
        targets: [
          {
            id: 'a',
            arn: 'arn:aws:lambda:us-east-1:123456789012:function:f',
            kind: 'lambda',
            functionLogicalId: 'F',
            templatePath: 'x',
            inputPath: '$.detail.orderId',
          },
          { id: 'b', arn: 'arn:aws:sqs:us-east-1:123456789012:q', kind: 'sqs', templatePath: 'y', input: '{"fixed":true}' },
        ],
      }),
      rule('NoMatch', { eventPattern: '{"source":["elsewhere"]}' }),
      rule('Disabled', { state: 'DISABLED' }),
      rule('OtherBus', { eventBusName: 'default' }),
      rule('Scheduled', { eventPattern: undefined }),
      rule('Second', { eventPattern: '{"detail":{"total":[{"numeric":[">",40]}]}}' }),
    ];
    expect(routed(rules)).toEqual([
      { rule: 'First', target: 'a', input: '"o-1"' },
      { rule: 'First', target: 'b', input: '{"fixed":true}' },
      { rule: 'Second', target: 'Second-t', input: JSON.stringify(event) },
    ]);
  });

  it('fills the rule ARN, rule name and ingestion time into a transformer', () => {
    const rules = [
      rule('Named', {
        targets: [
          {
            id: 't',
            arn: 'arn:aws:sqs:us-east-1:123456789012:q',
            kind: 'sqs',
            templatePath: 'x',
            inputTransformer: {
              inputPathsMap: { id: '$.detail.orderId' },
              inputTemplate: '<aws.events.rule-name> <aws.events.rule-arn> <aws.events.event.ingestion-time> <id>',
            },
          },
        ],
      }),
    ];
    const [first] = routeEvent(event, compileRouting(rules), { eventBusName: 'orders', ingestionTime: '2026-01-01T00:00:01Z' });
    expect(first?.input).toBe('Named arn:aws:events:us-east-1:123456789012:rule/orders/Named 2026-01-01T00:00:01Z o-1');
  });

  it('matches with the library pattern engine (EventBridge semantics), e.g. prefix and anything-but', () => {
    const rules = [rule('Prefix', { eventPattern: '{"source":[{"prefix":"shop."}],"detail":{"orderId":[{"anything-but":["o-2"]}]}}' })];
    expect(routed(rules).map((r) => r.rule)).toEqual(['Prefix']);
  });

  it('reads a bus given as an event-bus ARN, on either side', () => {
    expect(busNameOf('arn:aws:events:us-east-1:123456789012:event-bus/orders')).toBe('orders');
    expect(busNameOf('orders')).toBe('orders');
    const rules = [rule('ByArn', { eventBusName: 'arn:aws:events:us-east-1:123456789012:event-bus/orders' })];
    expect(routed(rules, { eventBusName: 'arn:aws:events:us-east-1:123456789012:event-bus/orders' }).map((r) => r.rule)).toEqual(['ByArn']);
    expect(routed(rules).map((r) => r.rule)).toEqual(['ByArn']);
  });

  it('routes to the default bus when no bus is given', () => {
    expect(routeEvent(event, compileRouting([rule('Default', { eventBusName: 'default' })])).map((r) => r.rule.name)).toEqual(['Default']);
  });

  it('forwards the event itself to an event bus target', () => {
    const rules = [
      rule('Forward', {
        targets: [{ id: 'bus', arn: 'arn:aws:events:us-east-1:123456789012:event-bus/other', kind: 'event-bus', templatePath: 'x' }],
      }),
    ];
    expect(routed(rules)).toEqual([{ rule: 'Forward', target: 'bus', input: JSON.stringify(event) }]);
  });
});

describe('compileRouting', () => {
  it('refuses an invalid pattern with InvalidEventPatternError naming the rule, before any event', () => {
    const rules = [rule('Broken', { eventPattern: '{"source":"shop.orders"}' })];
    expect(() => compileRouting(rules)).toThrow(InvalidEventPatternError);
    expect(() => compileRouting(rules)).toThrow(/^Rule "Broken" \(Resources\.Broken\): Event pattern is not valid\. Reason: /);
  });

  it('validates disabled rules too, as PutRule does', () => {
    expect(() => compileRouting([rule('Off', { state: 'DISABLED', eventPattern: '{"source":[]}' })])).toThrow(InvalidEventPatternError);
  });

  it('refuses invalid target input settings, naming the target and where it is declared', () => {
    const rules = [
      rule('R', { targets: [{ id: 'T', arn: 'a', kind: 'sqs', templatePath: 'Resources.R.Properties.Targets[0]', inputPath: 'detail' }] }),
    ];
    expect(() => compileRouting(rules)).toThrow(
      new InvalidTargetInputError(
        'Target "T" of rule "R" (Resources.R.Properties.Targets[0]): InputPath "detail" does not start with "$": write a JSONPath such as "$.detail" ("$" is the whole event).',
        [],
      ),
    );
  });

  it('refuses input settings on an event bus target', () => {
    const rules = [rule('R', { targets: [{ id: 'B', arn: 'a', kind: 'event-bus', templatePath: 'P', input: '{}' }] })];
    expect(() => compileRouting(rules)).toThrow(
      'Target "B" of rule "R" (P): Input set on an event bus target; EventBridge forwards the event itself to a bus: remove it, or transform the event in a rule on the destination bus.',
    );
  });
});
