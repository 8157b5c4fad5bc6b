import { ruleNotes, rulesUnreadableNote, MAX_DIAGNOSED_EVENTS } from '../../../../../src/core/matchers/messages/ruleNotes';
import { compileRuleChecks, type RuleToCheck } from '../../../../../src/core/targets';
import type { EventBridgeEvent } from '../../../../../src/core/events/envelope';

function event(id: string, detailType: string, detail: Record<string, unknown> = {}): EventBridgeEvent {
  return {
    version: '0',
    id,
    'detail-type': detailType,
    source: 'shop.orders',
    account: '123456789012',
    time: '2026-01-01T00:00:00Z',
    region: 'us-east-1',
    resources: [],
    detail,
  };
}

const serviceRules: RuleToCheck[] = [
  { name: 'audit-all', eventPattern: '{"source":["shop.orders"]}' },
  { name: 'order-service-in', eventPattern: '{"source":["shop.orders"],"detail-type":["OrderPlaced"]}' },
];

describe('ruleNotes', () => {
  it('names the matching rules, or the nearest rule and the field where it fails, under one heading', () => {
    const checks = compileRuleChecks([
      {
        name: 'order-service-in',
        eventPattern: '{"source":["shop.orders"],"detail-type":["OrderPlaced"],"detail":{"total":[{"numeric":[">",0]}]}}',
      },
      { name: 'audit-placed', eventPattern: '{"detail-type":["OrderPlaced"]}' },
    ]);
    const lines = ruleNotes({
      busName: 'orders',
      origin: { kind: 'bus' },
      events: [event('12345678-aaaa-bbbb', 'OrderPlaced', { total: 5 }), event('87654321-cccc', 'OrderPlacd', { total: 0 })],
      checks,
    });
    expect(lines).toEqual([
      'Rules on bus orders for the events this test put (captures excluded):',
      '  OrderPlaced (id 12345678…) matched rules order-service-in, audit-placed on bus orders',
      '  OrderPlacd (id 87654321…) matched no rule on bus orders; nearest: audit-placed fails at detail-type ("OrderPlacd" is not "OrderPlaced")',
    ]);
  });

  it('counts the further failing conditions of the nearest rule', () => {
    const checks = compileRuleChecks([{ name: 'svc', eventPattern: '{"source":["x"],"detail-type":["OrderPlaced"]}' }]);
    expect(ruleNotes({ busName: 'orders', origin: { kind: 'bus' }, events: [event('e1', 'Other')], checks })[1]).toBe(
      '  Other (id e1) matched no rule on bus orders; nearest: svc fails at source ("shop.orders" is not "x"), and 1 more condition',
    );
  });

  it('says when the nearest rule matches but is disabled', () => {
    const checks = compileRuleChecks([{ name: 'svc', eventPattern: '{"source":["shop.orders"]}', state: 'DISABLED' }]);
    expect(ruleNotes({ busName: 'orders', origin: { kind: 'bus' }, events: [event('e1', 'OrderPlaced')], checks })[1]).toBe(
      '  OrderPlaced (id e1) matched no rule on bus orders; nearest: svc matches it but is disabled (a disabled rule routes nothing)',
    );
  });

  it('caps the events listed and says how many more', () => {
    const events = Array.from({ length: MAX_DIAGNOSED_EVENTS + 2 }, (_, index) => event(`e${index}`, 'OrderPlaced'));
    const lines = ruleNotes({ busName: 'orders', origin: { kind: 'bus' }, events, checks: compileRuleChecks(serviceRules) });
    expect(lines).toHaveLength(1 + MAX_DIAGNOSED_EVENTS + 1);
    expect(lines.at(-1)).toBe('  … and 2 more events this test put');
  });

  it('caps the rules one line names', () => {
    const many = Array.from({ length: 7 }, (_, index) => ({ name: `r${index}`, eventPattern: '{"source":["shop.orders"]}' }));
    expect(ruleNotes({ busName: 'orders', origin: { kind: 'bus' }, events: [event('e1', 'A')], checks: compileRuleChecks(many) })[1]).toBe(
      '  A (id e1) matched rules r0, r1, r2, r3, r4 and 2 more on bus orders',
    );
  });

  it('says once which rules were skipped for a pattern the engine refuses', () => {
    const checks = compileRuleChecks([...serviceRules, { name: 'broken', eventPattern: '{"source":"shop.orders"}' }]);
    const lines = ruleNotes({
      busName: 'orders',
      origin: { kind: 'bus' },
      events: [event('e1', 'OrderPlaced'), event('e2', 'OrderPlaced')],
      checks,
    });
    expect(lines.filter((line) => line.includes('Skipped'))).toHaveLength(1);
    expect(lines.at(-1)).toMatch(/^ {2}Skipped 1 rule whose pattern the pattern engine refuses: broken \(.+\)$/);
  });

  it('says in one line when the bus has no rule besides captures', () => {
    expect(
      ruleNotes({
        busName: 'orders',
        origin: { kind: 'bus' },
        events: [event('e1', 'OrderPlaced')],
        checks: compileRuleChecks([{ name: 'nightly' }]),
      }),
    ).toEqual(['Bus orders has no rule with an event pattern besides captures, so no rule on it routes the 1 event this test put.']);
  });

  it('says when the listing stopped before the last rule of the bus', () => {
    const base = { busName: 'orders', origin: { kind: 'bus' as const }, events: [event('e1', 'OrderPlaced')], truncatedAfter: 5000 };
    expect(ruleNotes({ ...base, checks: compileRuleChecks(serviceRules) })[0]).toBe(
      'Rules on bus orders for the events this test put (captures excluded; first 5000 rules read):',
    );
    expect(ruleNotes({ ...base, checks: compileRuleChecks([{ name: 'nightly' }]) })).toEqual([
      'Bus orders has no rule with an event pattern besides captures, so no rule on it routes the 1 event this test put (first 5000 rules read).',
    ]);
  });

  it("labels a template's rules as the template's", () => {
    const lines = ruleNotes({
      busName: 'orders',
      origin: { kind: 'template', file: 'template.yaml' },
      events: [event('e1', 'OrderPlaced')],
      checks: compileRuleChecks([{ name: 'ConfirmOrderOrderPlaced', eventPattern: '{"detail-type":["OrderPlaced"]}' }]),
    });
    expect(lines).toEqual([
      'Rules of template.yaml on bus orders (local flows route them) for the events this test put:',
      '  OrderPlaced (id e1) matched rule ConfirmOrderOrderPlaced of template.yaml on bus orders',
    ]);
  });

  it('has nothing to say when the test put nothing', () => {
    expect(ruleNotes({ busName: 'orders', origin: { kind: 'bus' }, events: [], checks: compileRuleChecks(serviceRules) })).toEqual([]);
  });
});

describe('rulesUnreadableNote', () => {
  it('asks for events:ListRules when access was denied', () => {
    expect(rulesUnreadableNote('orders', { kind: 'bus' }, 'AccessDeniedException: not authorized')).toBe(
      'Could not list the rules of bus orders (events:ListRules): AccessDeniedException: not authorized; grant it to see which rule would route each event.',
    );
  });

  it('says no rule is weighed for any other failure', () => {
    expect(rulesUnreadableNote('orders', { kind: 'bus' }, 'no answer within 5 s')).toBe(
      'Could not list the rules of bus orders (events:ListRules): no answer within 5 s; which rule would route each event is not known.',
    );
  });

  it("names the template when the template's rules could not be read", () => {
    expect(rulesUnreadableNote('orders', { kind: 'template', file: 'template.yaml' }, 'TemplateError: gone')).toBe(
      'Could not read the rules of template.yaml to see which rule would route each event: TemplateError: gone',
    );
  });
});
