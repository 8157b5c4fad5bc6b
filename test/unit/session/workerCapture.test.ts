import { rmSync } from 'node:fs';
import { systemClock } from '../../../src/core/store/clock';
import { sentSinceOf } from '../../../src/sources/eventbridge/eventBridgeSource';
import { validateOptions } from '../../../src/session/options/validateOptions';
import { RUN_CAPTURES_ENV, openRunCaptures, removeRunCaptures } from '../../../src/session/runCaptures';
import { workerFileSource } from '../../../src/session/workerCapture';

// No AWS call is made here: a worker capture calls AWS only when a file creates it.
const inputs = (folder: string, testPath: string) => ({
  options: validateOptions({ eventBusName: 'orders', region: 'us-east-1', endpoint: 'http://127.0.0.1:9' }),
  runId: 'abc123',
  workerId: '1',
  folder,
  clock: systemClock,
  log: () => undefined,
  testPath,
});

describe('workerFileSource', () => {
  const env: NodeJS.ProcessEnv = {};
  afterEach(async () => {
    const folder = env[RUN_CAPTURES_ENV];
    await removeRunCaptures(env);
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('serves one file at a time: a second file while the first runs gets a capture of its own', () => {
    const folder = openRunCaptures(env);
    const first = workerFileSource(inputs(folder, '/repo/a.test.ts'));
    expect(first?.names.correlationPrefix).toMatch(/^jeb-abc123-w1-[a-z0-9]{6}:f1-a\.$/);
    expect(workerFileSource(inputs(folder, '/repo/b.test.ts'))).toBeUndefined();
  });

  it('gives no shared capture once the run has closed its folder (a bail), and starts afresh in a new run', async () => {
    const folder = openRunCaptures(env);
    const first = workerFileSource(inputs(folder, '/repo/a.test.ts'));
    await removeRunCaptures(env);
    expect(workerFileSource(inputs(folder, '/repo/b.test.ts'))).toBeUndefined();
    const next = openRunCaptures(env);
    const again = workerFileSource(inputs(next, '/repo/a.test.ts'));
    // A new run: file numbers start again, under a new worker prefix.
    expect(again?.names.correlationPrefix).toMatch(/:f1-a\.$/);
    expect(again?.names.correlationPrefix).not.toBe(first?.names.correlationPrefix);
  });
});

describe('sentSinceOf', () => {
  it("puts the file's start on the service's clock with an offset that errs low, so nothing after it is dropped", () => {
    // The service's clock runs 5 minutes ahead; the canary took 40 ms to reach us, so the learned offset is 40 ms low.
    const trueOffset = 300_000;
    const learned = trueOffset - 40;
    const fileStart = 1_000;
    const since = sentSinceOf(fileStart, learned);
    // An event enqueued 1 ms after the file began (our time) is kept; one 41 ms before it is dropped.
    expect(fileStart + 1 + trueOffset >= since).toBe(true);
    expect(fileStart - 41 + trueOffset < since).toBe(true);
    // In the gap (a delivery's latency before the start) it is kept: erring on the side of showing.
    expect(fileStart - 20 + trueOffset >= since).toBe(true);
  });
});
