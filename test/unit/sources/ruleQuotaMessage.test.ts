import {
  RULES_PER_BUS_QUOTA,
  ruleQuotaHeadline,
  ruleQuotaMessage,
  type RuleQuotaRefusal,
} from '../../../src/sources/eventbridge/ruleQuotaMessage';

const AWS_MESSAGE = 'The requested resource exceeds the maximum number allowed.';

const refusal = (overrides: Partial<RuleQuotaRefusal> = {}): RuleQuotaRefusal => ({
  testFile: 'test/orders.test.ts',
  eventBusName: 'orders',
  ruleName: 'jeb-abc123-w2-orders-x1y2z3',
  awsMessage: AWS_MESSAGE,
  count: { counted: true, total: 300, captures: 280, capturesOfOtherRuns: 276, truncated: false },
  ...overrides,
});

const lines = (r: RuleQuotaRefusal): string[] => ruleQuotaMessage(r).split('\n');

describe('ruleQuotaMessage', () => {
  it('names the bus and the quota on its first line, then the refusal, the counts, the quota and the three fixes', () => {
    expect(lines(refusal({ attempts: 5, retryDelayMs: 3_240 }))).toEqual([
      'jest-eventbridge: could not set up the capture for test/orders.test.ts: event bus "orders" has no room for another rule (EventBridge\'s quota "Rules per event bus").',
      `EventBridge refused the capture rule jeb-abc123-w2-orders-x1y2z3 (events:PutRule) with LimitExceededException: "${AWS_MESSAGE}" (5 attempts over 3.2 s: the AWS SDK retries it as throttling, in case another run frees a rule meanwhile).`,
      'Bus "orders" holds 300 rules: 20 of the service\'s own and 280 jest-eventbridge captures (276 of other runs, running now on other pipelines or left by crashed runs; 4 of this run).',
      'The quota "Rules per event bus" (Service Quotas code L-244521F2) is 300 rules per bus by default, and adjustable. A test run holds one capture rule per worker on the bus while it runs, so parallel pipelines on one bus share the quota with the service\'s own rules.',
      'To make room:',
      '  - remove the captures crashed runs left: `npx jest-eventbridge sweep --bus orders` (those older than 1 hour; add `--dry-run` to list them first), or `sweep: true` in the options to sweep before each run;',
      "  - ask for a rule once per worker, not per test file: `captureScope: 'worker'` creates each worker's capture once for the whole run, so only a worker's first file needs a free rule; and fewer workers hold fewer rules;",
      '  - raise the quota: Service Quotas, Amazon EventBridge, "Rules per event bus" (L-244521F2), e.g. `aws service-quotas request-service-quota-increase --service-code events --quota-code L-244521F2 --desired-value 600`.',
    ]);
  });

  it('the headline is the first line', () => {
    expect(lines(refusal())[0]).toBe(ruleQuotaHeadline('test/orders.test.ts', 'orders'));
  });

  it('says nothing of retries after a single attempt, or when the attempts are unknown', () => {
    const refused = `EventBridge refused the capture rule jeb-abc123-w2-orders-x1y2z3 (events:PutRule) with LimitExceededException: "${AWS_MESSAGE}".`;
    expect(lines(refusal({ attempts: 1, retryDelayMs: 0 }))[1]).toBe(refused);
    expect(lines(refusal())[1]).toBe(refused);
    expect(lines(refusal({ attempts: 2 }))[1]).toContain('(2 attempts: the AWS SDK retries it as throttling');
  });

  it('counts without the split by run when the run is not known, and in the singular', () => {
    expect(lines(refusal({ count: { counted: true, total: 300, captures: 1, truncated: false } }))[2]).toBe(
      'Bus "orders" holds 300 rules: 299 of the service\'s own and 1 jest-eventbridge capture.',
    );
    expect(lines(refusal({ count: { counted: true, total: 300, captures: 0, capturesOfOtherRuns: 0, truncated: false } }))[2]).toBe(
      'Bus "orders" holds 300 rules: 300 of the service\'s own and 0 jest-eventbridge captures.',
    );
  });

  it('gives a truncated count as a lower bound', () => {
    expect(
      lines(refusal({ count: { counted: true, total: 5_000, captures: 4_990, capturesOfOtherRuns: 4_990, truncated: true } }))[2],
    ).toBe(
      'Bus "orders" holds more than 5000 rules (the count stopped there); of those read, 10 of the service\'s own and 4990 jest-eventbridge captures (4990 of other runs, running now on other pipelines or left by crashed runs; 0 of this run).',
    );
  });

  it('when the rules could not be counted, says why and still gives the quota and the fixes', () => {
    const why =
      'Listing the rules of bus orders (events:ListRules) failed: access denied (AccessDeniedException). The capture needs the IAM actions listed in the README\'s "IAM permissions" section. AWS said: not authorized';
    const message = lines(refusal({ count: { counted: false, why } }));
    expect(message[2]).toBe(`The rules on bus "orders" could not be counted: ${why}.`);
    expect(lines(refusal({ count: { counted: false, why: 'Listing … did not answer within 5 s.' } }))[2]).toBe(
      'The rules on bus "orders" could not be counted: Listing … did not answer within 5 s.',
    );
    expect(message.slice(3, 5)).toEqual([expect.stringContaining('(Service Quotas code L-244521F2)'), 'To make room:']);
    expect(message.slice(5).map((line) => line.split(':')[0])).toEqual([
      '  - remove the captures crashed runs left',
      '  - ask for a rule once per worker, not per test file',
      '  - raise the quota',
    ]);
  });

  it('below the default quota, says the region may have a lower one or another limit was met', () => {
    const message = lines(refusal({ count: { counted: true, total: 100, captures: 90, capturesOfOtherRuns: 90, truncated: false } }));
    expect(message[3]).toBe(
      'That is fewer than the default 300: the quota may be lower here (older AWS documents give 100 in af-south-1 and eu-south-1; Service Quotas shows the applied value), rules may have been removed since the refusal, or EventBridge met another limit (see its message above).',
    );
    expect(lines(refusal())).not.toContainEqual(expect.stringContaining('fewer than the default'));
    expect(RULES_PER_BUS_QUOTA.defaultValue).toBe(300);
  });

  it("names the sweep's --prefix for a resource prefix other than jeb-", () => {
    expect(lines(refusal({ resourcePrefix: 'team-a-' }))[5]).toContain('`npx jest-eventbridge sweep --bus orders --prefix team-a-`');
    expect(lines(refusal({ resourcePrefix: 'jeb-' }))[5]).toContain('`npx jest-eventbridge sweep --bus orders`');
  });

  it("with captureScope 'worker' already in use, suggests fewer workers instead of it", () => {
    const message = lines(refusal({ captureScope: 'worker' }));
    expect(message[6]).toBe(
      "  - hold fewer rules at once: this run already creates one capture per worker (`captureScope: 'worker'`), so run fewer workers or fewer pipelines on this bus at a time;",
    );
  });
});
