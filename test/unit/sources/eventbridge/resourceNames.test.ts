import {
  captureNames,
  MAX_QUEUE_NAME_LENGTH,
  MAX_RULE_NAME_LENGTH,
  RESOURCE_NAME_CHARACTERS,
  resolveRunId,
  workerCaptureNames,
  fileCorrelationPrefix,
} from '../../../../src/sources/eventbridge/resourceNames';

describe('captureNames', () => {
  it('puts prefix, run, worker, file and nonce into one name', () => {
    const names = captureNames({ resourcePrefix: 'jeb-', runId: 'abc123', workerId: '2', testPath: '/x/orders.test.ts', nonce: 'n0n0n0' });
    expect(names).toEqual({
      runId: 'abc123',
      resourceName: 'jeb-abc123-w2-orders-n0n0n0',
      correlationPrefix: 'jeb-abc123-w2-n0n0n0:',
      canaryId: 'jeb-abc123-w2-orders-n0n0n0-ready',
    });
  });

  it('shortens a long file name to fit the rule name limit and keeps only allowed characters', () => {
    const names = captureNames({
      resourcePrefix: 'team-payments-int-',
      runId: 'abc123',
      workerId: '12',
      testPath: `/x/${'very long file name with spaces & symbols '.repeat(4)}.spec.mjs`,
    });
    expect(names.resourceName.length).toBeLessThanOrEqual(MAX_RULE_NAME_LENGTH);
    expect(names.resourceName.length).toBeLessThanOrEqual(MAX_QUEUE_NAME_LENGTH);
    expect(names.resourceName).toMatch(RESOURCE_NAME_CHARACTERS);
    expect(names.resourceName.startsWith('team-payments-int-abc123-w12-very-long-file')).toBe(true);
  });

  it('gives two files, or two runs of one file, different names', () => {
    const a = captureNames({ resourcePrefix: 'jeb-', runId: 'r', workerId: '1', testPath: 'a.test.ts' });
    const b = captureNames({ resourcePrefix: 'jeb-', runId: 'r', workerId: '1', testPath: 'a.test.ts' });
    expect(a.resourceName).not.toBe(b.resourceName);
    expect(a.correlationPrefix).not.toBe(b.correlationPrefix);
  });
});

describe('resolveRunId', () => {
  it('uses JEST_EVENTBRIDGE_RUN_ID, cleaned of characters names cannot hold', () => {
    expect(resolveRunId({ JEST_EVENTBRIDGE_RUN_ID: 'ci/1234' })).toBe('ci-1234');
  });
  it('derives a stable id otherwise', () => {
    expect(resolveRunId({})).toMatch(/^[a-z0-9]{6}$/);
    expect(resolveRunId({})).toBe(resolveRunId({}));
  });
});

describe('resolveRunId with an owner', () => {
  it('gives the same id for the same owning process, and another for another', () => {
    expect(resolveRunId({}, 4242)).toBe(resolveRunId({}, 4242));
    expect(resolveRunId({}, 4242)).not.toBe(resolveRunId({}, 4243));
  });
});

describe('worker capture names', () => {
  it('name the worker where a file capture names its file, and number each file under its correlation prefix', () => {
    const names = workerCaptureNames({ resourcePrefix: 'jeb-', runId: 'abc123', workerId: '2', nonce: 'n0nc3x' });
    expect(names.resourceName).toBe('jeb-abc123-w2-worker-n0nc3x');
    expect(names.correlationPrefix).toBe('jeb-abc123-w2-n0nc3x:');
    expect(fileCorrelationPrefix(names, 1)).toBe('jeb-abc123-w2-n0nc3x:f1.');
    // The file's stem, for whoever reads the ids in a log; "f1-" never prefixes "f10-".
    expect(fileCorrelationPrefix(names, 3, '/repo/test/orders.spec.ts')).toBe('jeb-abc123-w2-n0nc3x:f3-orders.');
    expect(fileCorrelationPrefix(names, 10, 'a.test.ts').startsWith(fileCorrelationPrefix(names, 1, 'a.test.ts'))).toBe(false);
    expect(fileCorrelationPrefix(names, 1, 'a very long file name of a spec with: odd characters.test.ts')).toBe(
      'jeb-abc123-w2-n0nc3x:f1-a-very-long-file-name-of.',
    );
  });
});
