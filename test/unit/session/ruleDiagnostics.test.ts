import { RuleDiagnostics, MAX_RECORDED_PUTS, busPlaceOf, templateRuleLabel } from '../../../src/session/ruleDiagnostics';
import type { RuleToCheck } from '../../../src/core/targets';

const place = { account: '123456789012', region: 'us-east-1' };
const rules: RuleToCheck[] = [{ name: 'order-service-in', eventPattern: '{"detail-type":["OrderPlaced"]}' }];

function entry(detailType: string, bus = 'orders'): { Source: string; DetailType: string; Detail: string; EventBusName: string } {
  return { Source: 'shop.orders', DetailType: detailType, Detail: '{}', EventBusName: bus };
}

function diagnostics(readRules: () => Promise<readonly RuleToCheck[]>, budgetMs?: number, truncated = false): RuleDiagnostics {
  return new RuleDiagnostics({
    busName: 'orders',
    origin: { kind: 'bus' },
    now: () => 0,
    readRules: async () => ({ rules: await readRules(), truncated }),
    ...(budgetMs !== undefined ? { budgetMs } : {}),
  });
}

describe('RuleDiagnostics', () => {
  it("reads the rules only when asked, once per file, and lists only the asking scope's events on its bus", async () => {
    const read = jest.fn(() => Promise.resolve(rules));
    const subject = diagnostics(read);
    const mine = {};
    const other = {};
    subject.record(mine, [entry('OrderPlaced'), entry('OrderPlaced', 'elsewhere')], ['id-1', 'id-2']);
    subject.record(other, [entry('Other')], ['id-3']);
    expect(read).not.toHaveBeenCalled();
    expect(await subject.notes(mine, place)).toEqual([
      'Rules on bus orders for the events this test put (captures excluded):',
      '  OrderPlaced (id id-1) matched rule order-service-in on bus orders',
    ]);
    expect(await subject.notes(other, place)).toEqual([
      'Rules on bus orders for the events this test put (captures excluded):',
      '  Other (id id-3) matched no rule on bus orders; nearest: order-service-in fails at detail-type ("Other" is not "OrderPlaced")',
    ]);
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('says nothing, and reads nothing, for a scope that put nothing', async () => {
    const read = jest.fn(() => Promise.resolve(rules));
    expect(await diagnostics(read).notes({}, place)).toEqual([]);
    expect(read).not.toHaveBeenCalled();
  });

  it('turns a refused read into one note, and does not ask again', async () => {
    const denied = Object.assign(new Error('User is not authorized to perform: events:ListRules'), { name: 'AccessDeniedException' });
    const read = jest.fn(() => Promise.reject(denied));
    const subject = diagnostics(read);
    const scope = {};
    subject.record(scope, [entry('OrderPlaced')], ['id-1']);
    const note = [
      'Could not list the rules of bus orders (events:ListRules): AccessDeniedException: User is not authorized to perform: events:ListRules; grant it to see which rule would route each event.',
    ];
    expect(await subject.notes(scope, place)).toEqual(note);
    expect(await subject.notes(scope, place)).toEqual(note);
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('says when the listing stopped before the bus\'s last rule, so "matched no rule" carries that caveat', async () => {
    const subject = diagnostics(() => Promise.resolve(rules), undefined, true);
    const scope = {};
    subject.record(scope, [entry('OrderPlacd')], ['id-1']);
    expect(await subject.notes(scope, place)).toEqual([
      'Rules on bus orders for the events this test put (captures excluded; first 5000 rules read):',
      '  OrderPlacd (id id-1) matched no rule on bus orders; nearest: order-service-in fails at detail-type ("OrderPlacd" is not "OrderPlaced")',
    ]);
  });

  it('gives up on a read that takes longer than its budget, and aborts it', async () => {
    let signal: AbortSignal | undefined;
    const subject = new RuleDiagnostics({
      busName: 'orders',
      origin: { kind: 'bus' },
      now: () => 0,
      budgetMs: 20,
      readRules: (abortSignal) => {
        signal = abortSignal;
        return new Promise(() => undefined);
      },
    });
    const scope = {};
    subject.record(scope, [entry('OrderPlaced')], ['id-1']);
    expect(await subject.notes(scope, place)).toEqual([
      'Could not list the rules of bus orders (events:ListRules): no answer within 20 ms; which rule would route each event is not known.',
    ]);
    expect(signal?.aborted).toBe(true);
  });

  it('keeps a bounded number of entries per scope and says how many later ones it dropped', async () => {
    const subject = diagnostics(() => Promise.resolve(rules));
    const scope = {};
    const count = MAX_RECORDED_PUTS + 3;
    subject.record(
      scope,
      Array.from({ length: count }, () => entry('OrderPlaced')),
      Array.from({ length: count }, (_, index) => `id-${index}`),
    );
    expect((await subject.notes(scope, place)).at(-1)).toBe('  (3 later events this test put are not kept for this list)');
  });

  it('diagnoses an entry put with the bus ARN as one put on the bus by name', async () => {
    const subject = diagnostics(() => Promise.resolve(rules));
    const scope = {};
    subject.record(scope, [entry('OrderPlaced', 'arn:aws:events:us-east-1:123456789012:event-bus/orders')], ['id-1']);
    expect(await subject.notes(scope, place)).toEqual([
      'Rules on bus orders for the events this test put (captures excluded):',
      '  OrderPlaced (id id-1) matched rule order-service-in on bus orders',
    ]);
  });

  it('skips entries EventBridge refused (no id)', async () => {
    const subject = diagnostics(() => Promise.resolve(rules));
    const scope = {};
    subject.record(scope, [entry('OrderPlaced')], ['']);
    expect(await subject.notes(scope, place)).toEqual([]);
  });
});

describe('busPlaceOf', () => {
  it("takes the account and region from the capture rule's ARN", () => {
    expect(busPlaceOf('arn:aws:events:eu-west-1:111122223333:rule/orders/jeb-x', { region: 'us-east-1' }, {})).toEqual({
      account: '111122223333',
      region: 'eu-west-1',
    });
  });

  it('falls back to the bus ARN, then the region option, then AWS_REGION, before the capture exists', () => {
    const eventBusArn = { partition: 'aws', region: 'ap-south-1', account: '444455556666', name: 'orders' };
    expect(busPlaceOf(undefined, { eventBusArn }, {})).toEqual({ account: '444455556666', region: 'ap-south-1' });
    expect(busPlaceOf(undefined, { region: 'eu-central-1' }, {})).toEqual({ region: 'eu-central-1' });
    expect(busPlaceOf(undefined, {}, { AWS_REGION: 'us-west-2' })).toEqual({ region: 'us-west-2' });
  });
});

describe('templateRuleLabel', () => {
  it("names a template's rule by its explicit Name, else by its logical id (generated names differ per stack)", () => {
    expect(templateRuleLabel({ logicalId: 'AuditOrderConfirmed', name: 'order-service-audit' })).toBe('order-service-audit');
    expect(templateRuleLabel({ logicalId: 'ConfirmOrderOrderPlaced', name: 'jeb-local-x1-ConfirmOrderOrderPlaced-ABC123' })).toBe(
      'ConfirmOrderOrderPlaced',
    );
  });
});
