import type { AwsClients } from '../../../src/aws/awsClients';
import { CaptureSetupError } from '../../../src/foundation/errors';
import type { LocalRuleSpec } from '../../../src/local/stackModel';
import { lookUpMirroredRule, prepareMirror } from '../../../src/session/mirrorLookup';
import type { LocalRulesAnswer } from '../../../src/session/localRules';
import { validateOptions } from '../../../src/session/options/validateOptions';

// With local flows the rules come from the run's log server: no AWS call is made.
const NO_CLIENTS = {} as AwsClients;

function rule(eventBusName: string): LocalRuleSpec {
  return {
    logicalId: 'AuditRule',
    name: 'order-audit',
    arn: `arn:aws:events:us-east-1:000000000000:rule/orders/order-audit`,
    eventBusName,
    eventPattern: '{"source":["shop"]}',
    state: 'ENABLED',
    targets: [
      {
        id: 'Audit',
        arn: 'arn:aws:sqs:us-east-1:000000000000:audit',
        kind: undefined,
        input: '{"fixed":true}',
        templatePath: 'Resources.AuditRule',
      },
    ],
    templatePath: 'Resources.AuditRule',
  };
}

function served(rules: LocalRuleSpec[]): { read: () => Promise<LocalRulesAnswer>; reads: () => number } {
  let count = 0;
  return {
    read: () => {
      count += 1;
      return Promise.resolve({ file: 'template.yaml', rules });
    },
    reads: () => count,
  };
}

const options = (eventBusName: string, mirrorRule: string | { name: string; target: string } = 'order-audit') =>
  validateOptions({ eventBusName, emulator: true, mirrorRule, local: { template: './template.yaml' } });

describe('lookUpMirroredRule with local flows', () => {
  it('finds the rule by name or logical id, the bus given by ARN on either side', async () => {
    const arn = 'arn:aws:events:us-east-1:000000000000:event-bus/orders';
    for (const [ruleBus, optionBus] of [
      ['orders', 'orders'],
      [arn, 'orders'],
      ['orders', arn],
    ] as const) {
      const found = await lookUpMirroredRule({ options: options(optionBus), clients: NO_CLIENTS, localRules: served([rule(ruleBus)]) });
      expect(found).toEqual({
        name: 'order-audit',
        arn: 'arn:aws:events:us-east-1:000000000000:rule/orders/order-audit',
        pattern: { source: ['shop'] },
        from: 'the template template.yaml',
      });
    }
    const byId = await lookUpMirroredRule({
      options: options('orders', 'AuditRule'),
      clients: NO_CLIENTS,
      localRules: served([rule('orders')]),
    });
    expect(byId.name).toBe('order-audit');
  });

  it('refuses a rule on another bus, naming both by name', async () => {
    await expect(
      lookUpMirroredRule({
        options: options('mirror'),
        clients: NO_CLIENTS,
        localRules: served([rule('arn:aws:events:us-east-1:000000000000:event-bus/orders')]),
      }),
    ).rejects.toThrow(
      new CaptureSetupError(
        'jest-eventbridge: mirrorRule: rule "order-audit" (the template template.yaml) is on bus "orders", not on "mirror", the bus this file captures from: mirror a rule of that bus, or set "eventBusName" to "orders".',
      ),
    );
  });

  it("says so when the run's rules cannot be read", async () => {
    const failing = { read: () => Promise.reject(new Error("cannot read the local flows' rules at http://127.0.0.1:9/rules: HTTP 404")) };
    await expect(lookUpMirroredRule({ options: options('orders'), clients: NO_CLIENTS, localRules: failing })).rejects.toThrow(
      "jest-eventbridge: mirrorRule: cannot read the local flows' rules at http://127.0.0.1:9/rules: HTTP 404",
    );
  });
});

describe('prepareMirror', () => {
  it("delivers the target's input as its JSON value", async () => {
    const source = served([rule('orders')]);
    const mirror = await prepareMirror({
      options: options('orders', { name: 'order-audit', target: 'Audit' }),
      clients: NO_CLIENTS,
      localRules: source,
    });
    expect(mirror.rule.target?.id).toBe('Audit');
    const event = {
      version: '0',
      id: 'e-1',
      'detail-type': 'T',
      source: 'shop',
      account: '000000000000',
      time: '2026-01-01T00:00:00Z',
      region: 'us-east-1',
      resources: [],
      detail: {},
    };
    expect(mirror.delivery?.(event)).toEqual({ fixed: true });
    expect(source.reads()).toBe(1);
  });
});
