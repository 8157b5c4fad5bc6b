import { TAG_CREATED_AT, TAG_IN_USE_AT, TAG_RUN_ID, TAG_TEST_FILE } from '../../../../../src/sources/eventbridge/resourceNames';
import { classifyCandidates, type FoundResource } from '../../../../../src/sources/eventbridge/sweep/classify';

const NOW = Date.parse('2026-11-23T12:00:00.000Z');
const HOUR = 3_600_000;

function tags(ageMs: number, runId = 'run1'): Record<string, string> {
  return { [TAG_RUN_ID]: runId, [TAG_CREATED_AT]: new Date(NOW - ageMs).toISOString(), [TAG_TEST_FILE]: '/x/orders.test.ts' };
}
const rule = (name: string, resourceTags: Record<string, string>): FoundResource => ({
  kind: 'rule',
  name,
  id: `arn:aws:events:us-east-1:123456789012:rule/orders/${name}`,
  tags: resourceTags,
});
const queue = (name: string, resourceTags: Record<string, string>, bus?: string): FoundResource => ({
  kind: 'queue',
  name,
  id: `http://127.0.0.1:1/123456789012/${name}`,
  tags: resourceTags,
  ...(bus !== undefined ? { bus } : {}),
});

function classify(queues: FoundResource[], rules: FoundResource[], olderThanMs = HOUR) {
  const { candidates, otherQueues } = classifyCandidates({ queues, rules, eventBusName: 'orders', olderThanMs, now: NOW });
  return {
    rows: candidates.map((c) => [c.name, c.kind, c.status, c.action, c.reason ?? '', c.ageMs ?? null, c.runId ?? null]),
    otherQueues,
  };
}

describe('classifyCandidates', () => {
  it('deletes an old pair, rule first', () => {
    expect(classify([queue('jeb-a', tags(2 * HOUR), 'orders')], [rule('jeb-a', tags(2 * HOUR))]).rows).toEqual([
      ['jeb-a', 'rule', 'paired', 'delete', '', 2 * HOUR, 'run1'],
      ['jeb-a', 'queue', 'paired', 'delete', '', 2 * HOUR, 'run1'],
    ]);
  });

  it('keeps what is younger than the threshold: a run may still use it', () => {
    expect(classify([queue('jeb-a', tags(HOUR - 1), 'orders')], [rule('jeb-a', tags(HOUR - 1))]).rows).toEqual([
      ['jeb-a', 'rule', 'paired', 'keep', 'younger than 1h', HOUR - 1, 'run1'],
      ['jeb-a', 'queue', 'paired', 'keep', 'younger than 1h', HOUR - 1, 'run1'],
    ]);
  });

  it('counts exactly the threshold as old enough, and a future created-at as age 0', () => {
    expect(classify([], [rule('jeb-a', tags(HOUR)), rule('jeb-b', tags(-HOUR))], HOUR).rows.map((r) => [r[0], r[3], r[5]])).toEqual([
      ['jeb-a', 'delete', HOUR],
      ['jeb-b', 'keep', 0],
    ]);
    expect(classify([], [rule('jeb-b', tags(-HOUR))], 0).rows.map((r) => r[3])).toEqual(['delete']);
  });

  it("ages a worker's capture from its last use, when that is later than its creation", () => {
    const inUse = (createdAgo: number, usedAgo: number) => ({
      ...tags(createdAgo),
      [TAG_IN_USE_AT]: new Date(NOW - usedAgo).toISOString(),
    });
    expect(
      classify(
        [],
        [
          rule('jeb-a', inUse(3 * HOUR, 10 * 60_000)),
          rule('jeb-b', inUse(3 * HOUR, 2 * HOUR)),
          rule('jeb-c', { ...inUse(3 * HOUR, 0), [TAG_IN_USE_AT]: 'soon' }),
        ],
      ).rows.map((r) => [r[0], r[3], r[5]]),
    ).toEqual([
      ['jeb-a', 'keep', 10 * 60_000],
      ['jeb-b', 'delete', 2 * HOUR],
      // An unreadable in-use time counts for nothing: the creation time decides.
      ['jeb-c', 'delete', 3 * HOUR],
    ]);
  });

  it('finds orphans from both sides', () => {
    const { rows } = classify([queue('jeb-q', tags(2 * HOUR), 'orders')], [rule('jeb-r', tags(2 * HOUR))]);
    expect(rows.map((r) => [r[0], r[1], r[2], r[3]])).toEqual([
      ['jeb-q', 'queue', 'orphan: rule gone', 'delete'],
      ['jeb-r', 'rule', 'orphan: queue gone', 'delete'],
    ]);
  });

  it('never deletes untagged resources, whatever their name', () => {
    const { rows } = classify([queue('jeb-a', {})], [rule('jeb-a', {}), rule('jeb-b', { [TAG_CREATED_AT]: '2020-01-01T00:00:00Z' })], 0);
    expect(rows).toEqual([
      ['jeb-a', 'rule', 'untagged', 'skip', 'no jest-eventbridge:run-id tag', null, null],
      ['jeb-a', 'queue', 'untagged', 'skip', 'no jest-eventbridge:run-id tag', null, null],
      ['jeb-b', 'rule', 'untagged', 'skip', 'no jest-eventbridge:run-id tag', null, null],
    ]);
  });

  it('skips a tagged resource it cannot date', () => {
    const { rows } = classify(
      [],
      [rule('jeb-a', { [TAG_RUN_ID]: 'run1' }), rule('jeb-b', { [TAG_RUN_ID]: 'run1', [TAG_CREATED_AT]: 'yesterday' })],
      0,
    );
    expect(rows).toEqual([
      ['jeb-a', 'rule', 'orphan: queue gone', 'skip', 'no valid jest-eventbridge:created-at tag', null, 'run1'],
      ['jeb-b', 'rule', 'orphan: queue gone', 'skip', 'no valid jest-eventbridge:created-at tag', null, 'run1'],
    ]);
  });

  it('leaves alone the queues of other buses and untagged queues without a rule here', () => {
    const { rows, otherQueues } = classify(
      [
        queue('jeb-other', tags(2 * HOUR), 'payments'),
        queue('jeb-nopolicy', tags(2 * HOUR)),
        queue('jeb-plain', {}),
        queue('jeb-mine', tags(2 * HOUR), 'orders'),
      ],
      [],
    );
    expect(rows.map((r) => r[0])).toEqual(['jeb-mine']);
    expect(otherQueues).toBe(3);
  });

  it('ties a queue to the bus by its rule when its policy names none', () => {
    const { rows, otherQueues } = classify([queue('jeb-a', tags(2 * HOUR))], [rule('jeb-a', tags(2 * HOUR))]);
    expect(rows.map((r) => [r[1], r[2], r[3]])).toEqual([
      ['rule', 'paired', 'delete'],
      ['queue', 'paired', 'delete'],
    ]);
    expect(otherQueues).toBe(0);
  });
});
