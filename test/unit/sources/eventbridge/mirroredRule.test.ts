import { CaptureSetupError } from '../../../../src/foundation/errors';
import { mirroredRuleOf, targetInputOf, type RuleReading } from '../../../../src/sources/eventbridge/mirroredRule';

const reading = (fields: Partial<RuleReading> = {}): RuleReading => ({
  name: 'order-audit',
  arn: 'arn:aws:events:us-east-1:123456789012:rule/orders/order-audit',
  eventPattern: '{"source":["shop.orders"],"detail":{"total":[{"numeric":[">",9007199254740993]}]}}',
  targets: [
    { id: 'AuditQueue', inputTransformer: { inputPathsMap: { id: '$.detail.orderId' }, inputTemplate: '{"orderId": <id>}' } },
    { id: 'Archive' },
  ],
  from: 'bus "orders"',
  ...fields,
});

function failure(run: () => unknown): CaptureSetupError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(CaptureSetupError);
    return error as CaptureSetupError;
  }
  throw new Error('expected it to throw');
}

describe('mirroredRuleOf', () => {
  it('parses the pattern exactly (an integer beyond 2^53 stays a BigInt) and leaves the target out when none was asked for', () => {
    expect(mirroredRuleOf(reading(), { name: 'order-audit' })).toEqual({
      name: 'order-audit',
      arn: 'arn:aws:events:us-east-1:123456789012:rule/orders/order-audit',
      pattern: { source: ['shop.orders'], detail: { total: [{ numeric: ['>', 9007199254740993n] }] } },
      from: 'bus "orders"',
    });
  });

  it('takes a parsed pattern as it is (a template rule)', () => {
    expect(mirroredRuleOf(reading({ eventPattern: { source: ['shop'] } }), { name: 'order-audit' }).pattern).toEqual({ source: ['shop'] });
  });

  it("gives the asked-for target's input settings", () => {
    expect(mirroredRuleOf(reading(), { name: 'order-audit', target: 'AuditQueue' }).target).toEqual({
      id: 'AuditQueue',
      input: { inputTransformer: { inputPathsMap: { id: '$.detail.orderId' }, inputTemplate: '{"orderId": <id>}' } },
    });
    expect(mirroredRuleOf(reading(), { name: 'order-audit', target: 'Archive' }).target).toEqual({ id: 'Archive', input: {} });
  });

  it('refuses a scheduled rule without a pattern', () => {
    const { eventPattern: _pattern, ...scheduled } = reading({ scheduleExpression: 'rate(5 minutes)' });
    expect(failure(() => mirroredRuleOf(scheduled, { name: 'order-audit' })).message).toBe(
      'jest-eventbridge: mirrorRule: rule "order-audit" (bus "orders") is a scheduled rule (rate(5 minutes)) without an event pattern: no event put on the bus matches it, so there is nothing to mirror. Mirror a rule that has an EventPattern.',
    );
  });

  it('refuses a disabled rule: its targets receive nothing', () => {
    expect(failure(() => mirroredRuleOf(reading({ state: 'DISABLED' }), { name: 'order-audit' })).message).toBe(
      'jest-eventbridge: mirrorRule: rule "order-audit" (bus "orders") is DISABLED: it routes no event, so its targets receive nothing and a mirror would show events they never get. Enable the rule, or mirror another.',
    );
    expect(mirroredRuleOf(reading({ state: 'ENABLED' }), { name: 'order-audit' }).name).toBe('order-audit');
  });

  it("names the rule's target ids for an unknown one, with a did-you-mean", () => {
    expect(failure(() => mirroredRuleOf(reading(), { name: 'order-audit', target: 'AuditQueu' })).message).toBe(
      'jest-eventbridge: mirrorRule: rule "order-audit" (bus "orders") has no target "AuditQueu" (did you mean "AuditQueue"?). Its targets, by Id: AuditQueue, Archive. Set mirrorRule.target to one of them.',
    );
    expect(failure(() => mirroredRuleOf(reading({ targets: [] }), { name: 'order-audit', target: 'X' })).message).toBe(
      'jest-eventbridge: mirrorRule: rule "order-audit" (bus "orders") has no target "X". It has no targets: leave "target" out to mirror its pattern alone.',
    );
  });

  it('refuses input settings core/targets refuses, naming each problem', () => {
    const bad = reading({ targets: [{ id: 'AuditQueue', input: 'not json', inputPath: '$.detail' }] });
    expect(failure(() => mirroredRuleOf(bad, { name: 'order-audit', target: 'AuditQueue' })).message).toMatch(
      /^jest-eventbridge: mirrorRule: target "AuditQueue" of rule "order-audit" \(bus "orders"\) has input settings EventBridge would refuse, so what it receives cannot be mirrored:\n {2}- Input and InputPath are both set; EventBridge takes at most one of Input, InputPath and InputTransformer: keep the one the target needs\.\n {2}- Input "not json" is not JSON/,
    );
  });
});

describe('targetInputOf', () => {
  it("reads ListTargetsByRule's Input, InputPath and InputTransformer", () => {
    expect(targetInputOf({ Id: 'a', Arn: 'arn', Input: '{"a":1}' })).toEqual({ input: '{"a":1}' });
    expect(targetInputOf({ Id: 'a', Arn: 'arn', InputPath: '$.detail' })).toEqual({ inputPath: '$.detail' });
    expect(targetInputOf({ Id: 'a', Arn: 'arn', InputTransformer: { InputPathsMap: { id: '$.id' }, InputTemplate: '<id>' } })).toEqual({
      inputTransformer: { inputPathsMap: { id: '$.id' }, inputTemplate: '<id>' },
    });
    expect(targetInputOf({ Id: 'a', Arn: 'arn' })).toEqual({});
  });
});
