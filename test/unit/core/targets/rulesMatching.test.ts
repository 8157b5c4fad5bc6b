import { compileRuleChecks, rulesMatching } from '../../../../src/core/targets';
import type { EventBridgeEvent } from '../../../../src/core/events/envelope';

const event: EventBridgeEvent = {
  version: '0',
  id: 'e-1',
  'detail-type': 'OrderPlacd',
  source: 'shop.orders',
  account: '123456789012',
  time: '2026-01-01T00:00:00Z',
  region: 'us-east-1',
  resources: [],
  detail: { orderId: 'o-1', total: 42 },
};

describe('compileRuleChecks', () => {
  it('keeps valid patterns in order, sets refused ones aside with the reason, and counts scheduled rules', () => {
    const checks = compileRuleChecks([
      { name: 'b', eventPattern: '{"source":["shop.orders"]}' },
      { name: 'bad', eventPattern: '{"source":"shop.orders"}' },
      { name: 'nightly' },
      { name: 'a', eventPattern: { source: ['x'] }, state: 'DISABLED' },
    ]);
    expect(checks.rules.map((rule) => [rule.name, rule.enabled])).toEqual([
      ['b', true],
      ['a', false],
    ]);
    expect(checks.refused).toHaveLength(1);
    expect(checks.refused[0]?.name).toBe('bad');
    expect(checks.refused[0]?.reason).toMatch(/source/);
    expect(checks.scheduled).toBe(1);
  });

  it('counts ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS as enabled: such a rule routes events', () => {
    const checks = compileRuleChecks([
      { name: 'trail', eventPattern: '{"source":["shop.orders"]}', state: 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS' },
    ]);
    expect(rulesMatching(event, checks)).toEqual({ matched: ['trail'] });
  });
});

describe('rulesMatching', () => {
  it('names every enabled rule whose pattern matches, in the order given, and no nearest', () => {
    const checks = compileRuleChecks([
      { name: 'order-service-in', eventPattern: '{"source":["shop.orders"]}' },
      { name: 'other', eventPattern: '{"source":["shop.payments"]}' },
      { name: 'audit-all', eventPattern: '{"account":["123456789012"]}' },
    ]);
    expect(rulesMatching(event, checks)).toEqual({ matched: ['order-service-in', 'audit-all'] });
  });

  it('gives the nearest rule (fewest failing conditions) with its mismatches when none matches', () => {
    const checks = compileRuleChecks([
      { name: 'far', eventPattern: '{"source":["x"],"detail-type":["y"]}' },
      { name: 'order-service-in', eventPattern: '{"source":["shop.orders"],"detail-type":["OrderPlaced"]}' },
    ]);
    expect(rulesMatching(event, checks)).toEqual({
      matched: [],
      nearest: {
        name: 'order-service-in',
        enabled: true,
        mismatches: [{ path: 'detail-type', reason: '"OrderPlacd" is not "OrderPlaced"' }],
      },
    });
  });

  it('breaks a tie in favour of the earlier rule', () => {
    const checks = compileRuleChecks([
      { name: 'first', eventPattern: '{"source":["x"]}' },
      { name: 'second', eventPattern: '{"source":["y"]}' },
    ]);
    expect(rulesMatching(event, checks).nearest?.name).toBe('first');
  });

  it('prefers an enabled rule to a disabled one failing as many conditions', () => {
    const checks = compileRuleChecks([
      { name: 'a-disabled', eventPattern: '{"source":["x"]}', state: 'DISABLED' },
      { name: 'b-enabled', eventPattern: '{"source":["y"]}' },
    ]);
    expect(rulesMatching(event, checks).nearest?.name).toBe('b-enabled');
  });

  it('does not route by a disabled rule; a disabled rule that matches is the nearest, with no mismatches', () => {
    const checks = compileRuleChecks([
      { name: 'enabled-miss', eventPattern: '{"source":["x"]}' },
      { name: 'off', eventPattern: '{"source":["shop.orders"]}', state: 'DISABLED' },
    ]);
    expect(rulesMatching(event, checks)).toEqual({ matched: [], nearest: { name: 'off', enabled: false, mismatches: [] } });
  });

  it('has no nearest when no rule has a usable pattern', () => {
    expect(rulesMatching(event, compileRuleChecks([{ name: 'nightly' }, { name: 'bad', eventPattern: 'not json' }]))).toEqual({
      matched: [],
    });
  });

  it('reads numbers beyond 2^53 in a pattern text exactly', () => {
    const big = { ...event, detail: { id: 12345678901234567891n } };
    const checks = compileRuleChecks([{ name: 'exact', eventPattern: '{"detail":{"id":[12345678901234567890]}}' }]);
    expect(rulesMatching(big, checks).matched).toEqual([]);
    expect(rulesMatching({ ...event, detail: { id: 12345678901234567890n } }, checks).matched).toEqual(['exact']);
  });
});
