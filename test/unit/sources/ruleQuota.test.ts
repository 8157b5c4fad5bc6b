import {
  AccessDeniedException,
  LimitExceededException,
  ListRulesCommand,
  type ListRulesCommandOutput,
  type Rule,
} from '@aws-sdk/client-eventbridge';
import { isThrottlingError } from '@smithy/core/retry';
import { CaptureSetupError } from '../../../src/foundation/errors';
import type { RuleLister } from '../../../src/sources/eventbridge/busRules';
import { CAPTURE_RULE_DESCRIPTION } from '../../../src/sources/eventbridge/resourceNames';
import { countBusRules, isRuleQuotaRefusal, ruleQuotaError, runNamePrefixOf } from '../../../src/sources/eventbridge/ruleQuota';

const AWS_MESSAGE = 'The requested resource exceeds the maximum number allowed.';

const quotaRefusal = (metadata: Record<string, unknown> = {}): LimitExceededException =>
  new LimitExceededException({ message: AWS_MESSAGE, $metadata: { httpStatusCode: 400, ...metadata } });

/** A stand-in for ListRules: answers each request with the next page (or the given failure). */
function standIn(pages: readonly (ListRulesCommandOutput | Error)[]): RuleLister & { readonly requests: ListRulesCommand['input'][] } {
  const requests: ListRulesCommand['input'][] = [];
  return {
    requests,
    send: (command) => {
      requests.push(command.input);
      const page = pages[requests.length - 1];
      if (page instanceof Error) return Promise.reject(page);
      return page ? Promise.resolve(page) : Promise.reject(new Error(`no page ${requests.length}`));
    },
  };
}

const page = (rules: Rule[], nextToken?: string): ListRulesCommandOutput => ({
  $metadata: {},
  Rules: rules,
  ...(nextToken !== undefined ? { NextToken: nextToken } : {}),
});
const capture = (name: string): Rule => ({ Name: name, Description: `${CAPTURE_RULE_DESCRIPTION}test/a.test.ts` });

describe('isRuleQuotaRefusal', () => {
  it("is EventBridge's LimitExceededException, and no other failure", () => {
    expect(isRuleQuotaRefusal(quotaRefusal())).toBe(true);
    expect(isRuleQuotaRefusal(Object.assign(new Error(AWS_MESSAGE), { name: 'LimitExceededException' }))).toBe(true);
    expect(isRuleQuotaRefusal(new AccessDeniedException({ message: 'no', $metadata: {} }))).toBe(false);
    expect(isRuleQuotaRefusal(Object.assign(new Error('slow down'), { name: 'ThrottlingException' }))).toBe(false);
    expect(isRuleQuotaRefusal(new Error(AWS_MESSAGE))).toBe(false);
    expect(isRuleQuotaRefusal(undefined)).toBe(false);
  });

  it('is a throttling error to the AWS SDK, so it arrives after its retries (the choice ruleQuota.ts documents)', () => {
    // Typed as the classifier's own parameter (its `cause` is narrower than the SDK error's).
    expect(isThrottlingError(quotaRefusal() as Parameters<typeof isThrottlingError>[0])).toBe(true);
  });
});

describe('runNamePrefixOf', () => {
  it('reads `<prefix><run id>-` off a capture name', () => {
    expect(runNamePrefixOf('jeb-abc123-w2-orders-x1y2z3', 'abc123')).toBe('jeb-abc123-');
    expect(runNamePrefixOf('team-a_ci-42-w1-x1y2z3', 'ci-42')).toBe('team-a_ci-42-');
  });

  it('is undefined when the name does not carry the run id', () => {
    expect(runNamePrefixOf('jeb-other-w2-orders-x1y2z3', 'abc123')).toBeUndefined();
    expect(runNamePrefixOf('jeb-abc123-w2', '')).toBeUndefined();
  });
});

describe('countBusRules', () => {
  it("counts every page's rules, the captures among them (by description) and other runs' captures (by name)", async () => {
    const client = standIn([
      page([{ Name: 'service-a' }, capture('jeb-abc123-w1-a-000001'), capture('jeb-old999-w1-a-000002')], 'token-2'),
      page([{ Name: 'jeb-looks-like-ours' }, capture('other-prefix-zzz-w3-b-000003')]),
    ]);
    expect(await countBusRules(client, 'orders', { runNamePrefix: 'jeb-abc123-' })).toEqual({
      counted: true,
      total: 5,
      captures: 3,
      capturesOfOtherRuns: 2,
      truncated: false,
    });
    expect(client.requests).toEqual([
      { EventBusName: 'orders', Limit: 100 },
      { EventBusName: 'orders', Limit: 100, NextToken: 'token-2' },
    ]);
  });

  it('leaves the split by run out when the run is not known', async () => {
    expect(await countBusRules(standIn([page([capture('jeb-abc123-w1-a-000001')])]), 'orders')).toEqual({
      counted: true,
      total: 1,
      captures: 1,
      truncated: false,
    });
  });

  it('says the count is truncated when the listing stopped at its page bound', async () => {
    const pages = Array.from({ length: 60 }, (_, index) => page([{ Name: `rule-${index}` }], `token-${index + 1}`));
    const count = await countBusRules(standIn(pages), 'orders');
    expect(count).toEqual({ counted: true, total: 50, captures: 0, truncated: true });
  });

  it('when ListRules is refused, says so instead of throwing', async () => {
    const denied = new AccessDeniedException({ message: 'not authorized to perform events:ListRules', $metadata: { httpStatusCode: 400 } });
    expect(await countBusRules(standIn([denied]), 'orders')).toEqual({
      counted: false,
      why: 'Listing the rules of bus orders (events:ListRules) failed: access denied (AccessDeniedException). The capture needs the IAM actions listed in the README\'s "IAM permissions" section. AWS said: not authorized to perform events:ListRules',
    });
  });

  it('gives up after its budget, aborting the listing', async () => {
    let signal: AbortSignal | undefined;
    const silent: RuleLister = {
      send: (_command, options) => {
        signal = options.abortSignal;
        return new Promise<never>(() => undefined);
      },
    };
    expect(await countBusRules(silent, 'orders', { budgetMs: 20 })).toEqual({
      counted: false,
      why: 'Listing the rules of bus orders (events:ListRules) did not answer within 0.02 s.',
    });
    expect(signal?.aborted).toBe(true);
  });
});

describe('ruleQuotaError', () => {
  it('is a CaptureSetupError with the counts, the attempts the SDK made, and the refusal as its cause', async () => {
    const refusal = quotaRefusal({ attempts: 5, totalRetryDelay: 2_510 });
    const client = standIn([page([{ Name: 'service-a' }, capture('jeb-abc123-w1-a-000001'), capture('jeb-zzz999-w4-b-000002')])]);
    const error = await ruleQuotaError(client, refusal, {
      testFile: 'test/orders.test.ts',
      eventBusName: 'orders',
      ruleName: 'jeb-abc123-w2-orders-x1y2z3',
      runId: 'abc123',
    });
    expect(error).toBeInstanceOf(CaptureSetupError);
    expect(error.cause).toBe(refusal);
    const lines = error.message.split('\n');
    expect(lines[1]).toBe(
      `EventBridge refused the capture rule jeb-abc123-w2-orders-x1y2z3 (events:PutRule) with LimitExceededException: "${AWS_MESSAGE}" (5 attempts over 2.5 s: the AWS SDK retries it as throttling, in case another run frees a rule meanwhile).`,
    );
    expect(lines[6]).toContain('`npx jest-eventbridge sweep --bus orders`');
    expect(lines[2]).toBe(
      'Bus "orders" holds 3 rules: 1 of the service\'s own and 2 jest-eventbridge captures (1 of other runs, running now on other pipelines or left by crashed runs; 1 of this run).',
    );
  });
});

describe('ruleQuotaError with a resource prefix of its own', () => {
  it('gives the sweep its --prefix, read off the refused name', async () => {
    const client = standIn([page([capture('team-a-abc123-w1-a-000001'), capture('team-a-zzz999-w1-a-000002')])]);
    const error = await ruleQuotaError(client, quotaRefusal(), {
      testFile: 'test/orders.test.ts',
      eventBusName: 'orders',
      ruleName: 'team-a-abc123-w2-orders-x1y2z3',
      runId: 'abc123',
    });
    const lines = error.message.split('\n');
    expect(lines[6]).toContain('`npx jest-eventbridge sweep --bus orders --prefix team-a-`');
    expect(lines[2]).toContain('(1 of other runs');
  });
});
