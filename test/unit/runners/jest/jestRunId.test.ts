import { jestRunId } from '../../../../src/runners/jest/jestRunId';
import { resolveRunId } from '../../../../src/sources/eventbridge/resourceNames';

describe('jestRunId', () => {
  it('takes JEST_EVENTBRIDGE_RUN_ID when set', () => {
    expect(jestRunId({ JEST_EVENTBRIDGE_RUN_ID: 'ci/77' })).toBe('ci-77');
  });

  it("derives the id from the process that owns Jest's workers", () => {
    // A Jest worker talks to its parent over IPC; run in band, this process owns the run.
    const owner = typeof process.send === 'function' ? process.ppid : process.pid;
    expect(jestRunId({})).toBe(resolveRunId({}, owner));
  });
});
