import { ConfigurationError } from '../../../../../src/foundation/errors';
import { resolveSweepOptions } from '../../../../../src/sources/eventbridge/sweep';
import {
  MAX_PREFIX_LENGTH,
  MAX_RULE_NAME_LENGTH,
  captureNames,
  resourcePrefixProblem,
} from '../../../../../src/sources/eventbridge/resourceNames';
import { busOfQueuePolicy, busOfRuleArn } from '../../../../../src/sources/eventbridge/sweep/listResources';
import { mapLimited } from '../../../../../src/foundation/mapLimited';
import { captureQueuePolicy } from '../../../../../src/sources/eventbridge/queuePolicy';

describe('resolveSweepOptions', () => {
  it('applies the defaults and reads a bus ARN', () => {
    expect(resolveSweepOptions({ eventBusName: 'orders' })).toEqual({ busName: 'orders', olderThanMs: 3_600_000, prefix: 'jeb-' });
    expect(
      resolveSweepOptions({ eventBusName: 'arn:aws:events:eu-west-1:111122223333:event-bus/orders', olderThan: 0, prefix: 'team-' }),
    ).toEqual({
      busName: 'orders',
      olderThanMs: 0,
      prefix: 'team-',
    });
  });

  it('reports every problem at once', () => {
    expect(() => resolveSweepOptions({ eventBusName: '', olderThan: 'soon', prefix: '' })).toThrow(
      new ConfigurationError(
        [
          'jest-eventbridge sweep: invalid options.',
          '  - "eventBusName" is required: the name or ARN of the bus to sweep.',
          '  - "olderThan" must be a duration such as 0s, 30m, 2h or 1d (or a number of milliseconds), got "soon".',
          '  - "prefix" must be 1 to 64 letters, digits, "-" or "_", got "".',
        ].join('\n'),
      ),
    );
    expect(() => resolveSweepOptions({ eventBusName: 'orders', olderThan: -1 })).toThrow(
      'jest-eventbridge sweep: invalid options. "olderThan" must be a duration such as 0s, 30m, 2h or 1d (or a number of milliseconds), got -1.',
    );
  });

  it("shows a NaN olderThan as NaN (describeValue), not as JSON's null", () => {
    expect(() => resolveSweepOptions({ eventBusName: 'orders', olderThan: NaN })).toThrow(
      'jest-eventbridge sweep: invalid options. "olderThan" must be a duration such as 0s, 30m, 2h or 1d (or a number of milliseconds), got NaN.',
    );
  });

  it("takes a prefix up to a whole rule name (64), such as one run's <prefix><run id>-", () => {
    const runPrefix = `${'p'.repeat(20)}abcdef123456-`;
    expect(resolveSweepOptions({ eventBusName: 'orders', prefix: runPrefix }).prefix).toBe(runPrefix);
    expect(resolveSweepOptions({ eventBusName: 'orders', prefix: 'p'.repeat(64) }).prefix).toBe('p'.repeat(64));
    expect(() => resolveSweepOptions({ eventBusName: 'orders', prefix: 'p'.repeat(65) })).toThrow(
      `jest-eventbridge sweep: invalid options. "prefix" must be 1 to 64 letters, digits, "-" or "_", got "${'p'.repeat(65)}".`,
    );
  });
});

describe('resourcePrefixProblem', () => {
  it.each([
    ['jeb-', 'names', undefined],
    ['p'.repeat(20), 'names', undefined],
    ['p'.repeat(21), 'names', 'is longer than 20 characters'],
    ['p'.repeat(64), 'sweep', undefined],
    ['p'.repeat(65), 'sweep', 'is longer than 64 characters'],
    ['', 'sweep', 'is empty'],
    ['team/x', 'names', 'has characters other than letters, digits, "-" and "_"'],
    ['team.x', 'sweep', 'has characters other than letters, digits, "-" and "_"'],
    [7, 'names', 'is not a string'],
  ] as const)('%p for %s: %p', (prefix, use, problem) => {
    expect(resourcePrefixProblem(prefix, use)).toBe(problem);
  });

  it('keeps every name built from the longest resourcePrefix within the rule limit', () => {
    const names = captureNames({
      resourcePrefix: 'p'.repeat(MAX_PREFIX_LENGTH.names),
      runId: 'r'.repeat(12),
      workerId: '128',
      testPath: '/repo/test/a-very-long-test-file-name-that-goes-on-and-on.test.ts',
      nonce: 'abcdef',
    });
    expect(names.resourceName.length).toBeLessThanOrEqual(MAX_RULE_NAME_LENGTH);
    expect(resourcePrefixProblem(names.resourceName, 'sweep')).toBeUndefined();
  });
});

describe('busOfRuleArn', () => {
  it.each([
    ['arn:aws:events:us-east-1:123456789012:rule/orders/jeb-a', 'orders'],
    ['arn:aws:events:us-east-1:123456789012:rule/jeb-a', 'default'],
    ['arn:aws:events:us-east-1:123456789012:rule/aws.partner/saas.com/1234/jeb-a', 'aws.partner/saas.com/1234'],
    ['arn:aws:sqs:us-east-1:123456789012:jeb-a', undefined],
  ])('%s is on %s', (arn, bus) => {
    expect(busOfRuleArn(arn)).toBe(bus);
  });
});

describe('busOfQueuePolicy', () => {
  it('reads the bus from the capture policy', () => {
    const policy = captureQueuePolicy({
      queueArn: 'arn:aws:sqs:us-east-1:123456789012:jeb-a',
      ruleArn: 'arn:aws:events:us-east-1:123456789012:rule/orders/jeb-a',
    });
    expect(busOfQueuePolicy(JSON.stringify(policy))).toBe('orders');
  });

  it('accepts a single statement, a list of source ARNs and other operators', () => {
    const statement = { Condition: { ArnLike: { 'aws:SourceArn': ['arn:aws:events:us-east-1:123456789012:rule/payments/jeb-a'] } } };
    expect(busOfQueuePolicy(JSON.stringify({ Statement: statement }))).toBe('payments');
  });

  it.each([undefined, '', 'not json', '{}', '{"Statement":[{"Condition":{"StringEquals":{"aws:SourceAccount":"1"}}}]}'])(
    'finds no bus in %j',
    (policy) => {
      expect(busOfQueuePolicy(policy)).toBeUndefined();
    },
  );
});

describe('mapLimited', () => {
  it('keeps the order and never runs more than the limit at once', async () => {
    let running = 0;
    let most = 0;
    const releases: (() => void)[] = [];
    const done = mapLimited([1, 2, 3, 4, 5], 2, async (n) => {
      running += 1;
      most = Math.max(most, running);
      await new Promise<void>((resolve) => releases.push(resolve));
      running -= 1;
      return n * 10;
    });
    // Release the calls one by one as they start, so the lanes have to take turns.
    // Bounded: a microtask loop would starve Jest's own timeout if the lanes ever stalled.
    for (let turn = 0; turn < 1_000 && (releases.length > 0 || running > 0); turn += 1) {
      await Promise.resolve();
      releases.shift()?.();
    }
    await expect(done).resolves.toEqual([10, 20, 30, 40, 50]);
    expect(most).toBe(2);
  });

  it('handles an empty list', async () => {
    await expect(mapLimited([], 3, () => Promise.resolve(1))).resolves.toEqual([]);
  });
});
