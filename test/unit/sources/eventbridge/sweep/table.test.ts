import { buildReport, type SweptResource } from '../../../../../src/sources/eventbridge/sweep/report';
import { formatSweepFailures, formatSweepReport, formatTable, summarizeSweep } from '../../../../../src/sources/eventbridge/sweep/table';

const HOUR = 3_600_000;

function swept(overrides: Partial<SweptResource> & Pick<SweptResource, 'name' | 'kind' | 'outcome'>): SweptResource {
  return { id: overrides.name, tags: {}, status: 'paired', action: 'delete', runId: 'k3x9qa', ageMs: 2 * HOUR + 5 * 60_000, ...overrides };
}

const resources: SweptResource[] = [
  swept({ name: 'jeb-k3x9qa-w1-orders-a1b2c3', kind: 'rule', outcome: 'deleted' }),
  swept({ name: 'jeb-k3x9qa-w1-orders-a1b2c3', kind: 'queue', outcome: 'deleted' }),
  swept({
    name: 'jeb-k3x9qa-w2-payments-d4e5f6',
    kind: 'queue',
    status: 'orphan: rule gone',
    outcome: 'failed',
    error: 'Deleting queue x failed: AccessDenied',
  }),
  swept({
    name: 'jeb-p0p0p0-w1-orders-zzzzzz',
    kind: 'rule',
    runId: 'p0p0p0',
    ageMs: 12 * 60_000,
    action: 'keep',
    reason: 'younger than 1h',
    outcome: 'kept',
  }),
  swept({
    name: 'jeb-handmade',
    kind: 'rule',
    status: 'untagged',
    action: 'skip',
    reason: 'no jest-eventbridge:run-id tag',
    outcome: 'skipped',
    runId: undefined,
    ageMs: undefined,
  }),
];

const report = (overrides: Partial<Parameters<typeof buildReport>[0]> = {}) =>
  buildReport({ eventBusName: 'orders', prefix: 'jeb-', olderThanMs: HOUR, dryRun: false, resources, otherQueues: 0, ...overrides });

describe('formatTable', () => {
  it('pads every column but the last to its widest cell', () => {
    expect(
      formatTable(
        ['A', 'LONG HEADER', 'Z'],
        [
          ['xyz', 'b', 'last cell'],
          ['q', '', ''],
        ],
      ),
    ).toBe(['A    LONG HEADER  Z', 'xyz  b            last cell', 'q'].join('\n'));
  });
});

describe('formatSweepReport', () => {
  it('prints a table, the summary and the failures', () => {
    expect(formatSweepReport(report())).toBe(
      [
        'NAME                           KIND   AGE    RUN ID  STATUS             ACTION',
        'jeb-k3x9qa-w1-orders-a1b2c3    rule   2h 5m  k3x9qa  paired             deleted',
        'jeb-k3x9qa-w1-orders-a1b2c3    queue  2h 5m  k3x9qa  paired             deleted',
        'jeb-k3x9qa-w2-payments-d4e5f6  queue  2h 5m  k3x9qa  orphan: rule gone  FAILED',
        'jeb-p0p0p0-w1-orders-zzzzzz    rule   12m    p0p0p0  paired             kept: younger than 1h',
        'jeb-handmade                   rule   -      -       untagged           skipped: no jest-eventbridge:run-id tag',
        '',
        'bus "orders", prefix "jeb-", older than 1h: removed 1 rule and 1 queue; could not remove 1 queue; kept 1 younger than 1h; skipped 1 not provably created by jest-eventbridge.',
        'Could not remove:',
        '  - queue jeb-k3x9qa-w2-payments-d4e5f6: Deleting queue x failed: AccessDenied',
      ].join('\n'),
    );
  });

  it('leaves the failures out when asked (the CLI prints them on stderr)', () => {
    expect(formatSweepReport(report(), { withFailures: false })).not.toContain('Could not remove');
    expect(formatSweepFailures(report())).toBe(
      'Could not remove:\n  - queue jeb-k3x9qa-w2-payments-d4e5f6: Deleting queue x failed: AccessDenied',
    );
    expect(formatSweepFailures(report({ resources: [] }))).toBe('');
  });

  it('says what a dry run would remove', () => {
    const dry = report({
      dryRun: true,
      olderThanMs: 0,
      resources: [
        swept({ name: 'jeb-a', kind: 'rule', outcome: 'would delete' }),
        swept({ name: 'jeb-a', kind: 'queue', outcome: 'would delete' }),
      ],
    });
    expect(formatSweepReport(dry)).toBe(
      [
        'NAME   KIND   AGE    RUN ID  STATUS  ACTION',
        'jeb-a  rule   2h 5m  k3x9qa  paired  would delete',
        'jeb-a  queue  2h 5m  k3x9qa  paired  would delete',
        '',
        'bus "orders", prefix "jeb-", older than 0s: would remove 1 rule and 1 queue (dry run: nothing deleted).',
      ].join('\n'),
    );
  });

  it('says when there is nothing, and counts the queues it left to other buses', () => {
    expect(formatSweepReport(report({ resources: [], otherQueues: 2 }))).toBe(
      [
        'No capture queue or rule named jeb-* on bus "orders".',
        "Left alone 2 other queues named jeb-*: another bus's, or without jest-eventbridge tags.",
        'bus "orders", prefix "jeb-", older than 1h: removed nothing.',
      ].join('\n'),
    );
  });
});

describe('summarizeSweep', () => {
  it('is one line', () => {
    expect(summarizeSweep(report({ resources: resources.slice(0, 2), olderThanMs: 2 * 86_400_000 }))).toBe(
      'bus "orders", prefix "jeb-", older than 2d: removed 1 rule and 1 queue.',
    );
  });
});
