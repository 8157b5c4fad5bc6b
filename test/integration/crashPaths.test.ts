/**
 * What each way a test run can die leaves on the bus, and that `jest-eventbridge sweep` removes
 * it. Every case runs a child Jest on test/fixtures/crash (the built package as a user loads it,
 * resource prefix `crash-`, a bus of this file's own), breaks it, lists the capture queues and
 * rules left, and then runs the sweep CLI with `--older-than 0s`.
 *
 * Teardown runs after a throwing beforeAll, a timed-out test and a failed setup, so those leave
 * nothing. SIGKILL runs no code at all: the queue and rule stay until a sweep. Jest installs no
 * SIGINT/SIGTERM handler, so those would leave the capture too; the environment's signal
 * clean-up (src/environment/signalCleanup.ts) removes it before the process ends, in band and in
 * workers, and workers whose Jest process was killed alone clean up as well.
 */
import { randomUUID } from 'node:crypto';
import { sweep } from '../../src/sources/eventbridge/sweep';
import { createEventBus, deleteEventBus, TEST_REGION } from '../../tools/emulator';
import { CRASH_PREFIX, listLeftovers, runChildJest, runSweepCli, type ChildRunResult } from '../fixtures/crash/childRun';
import { startFaultProxy } from '../support/faultProxy';

const endpoint = process.env.JEST_EVENTBRIDGE_TEST_ENDPOINT_RESOLVED as string;
const BUS = `crash-test-${randomUUID().slice(0, 8)}`;
const NOTHING = { queues: [], rules: [] };

jest.setTimeout(120_000);

const leftovers = (buses: readonly string[] = [BUS]) => listLeftovers(endpoint, buses);

/** The sweep CLI, as a user runs it after a crash; returns its table. */
async function sweepCli(): Promise<string> {
  const result = await runSweepCli([
    'sweep',
    '--bus',
    BUS,
    '--older-than',
    '0s',
    '--prefix',
    CRASH_PREFIX,
    '--endpoint',
    endpoint,
    '--region',
    TEST_REGION,
  ]);
  expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
  return result.stdout;
}

/** The run ended on its own, with failed tests, and its teardown removed everything. */
async function expectCleanFailure(result: ChildRunResult, message: string | RegExp): Promise<void> {
  expect({ code: result.code, signal: result.signal }).toEqual({ code: 1, signal: null });
  expect(result.output).toMatch(message);
  expect(await leftovers()).toEqual(NOTHING);
  expect(await sweepCli()).toContain(`No capture queue or rule named ${CRASH_PREFIX}* on bus "${BUS}".`);
}

beforeAll(async () => {
  await createEventBus(endpoint, BUS);
});

// A failed case must not leave its resources to the next one.
afterEach(async () => {
  await sweep({ eventBusName: BUS, olderThan: 0, prefix: CRASH_PREFIX, endpoint, region: TEST_REGION });
});

afterAll(() => deleteEventBus(endpoint, BUS));

describe('crash paths', () => {
  it('beforeAll throws: teardown runs, nothing is left', async () => {
    const result = await runChildJest({ specs: ['beforeAllThrows.spec.js'], bus: BUS });
    expect(result.markers).toHaveLength(1);
    await expectCleanFailure(result, 'crash fixture: beforeAll throws');
  });

  it('a test times out: teardown runs, nothing is left', async () => {
    const result = await runChildJest({ specs: ['testTimesOut.spec.js'], bus: BUS });
    expect(result.markers).toHaveLength(1);
    await expectCleanFailure(result, 'Exceeded timeout of 1000 ms for a test');
  });

  it('setup fails on a bus that does not exist: the queue it made is removed', async () => {
    const missing = `crash-missing-${randomUUID().slice(0, 8)}`;
    const result = await runChildJest({ specs: ['setupFails.spec.js'], bus: missing });
    await expectCleanFailure(result, `event bus "${missing}" does not exist`);
    expect(await leftovers([missing])).toEqual(NOTHING);
  });

  it('setup fails midway (PutRule refused): the half-built capture is removed', async () => {
    const proxy = await startFaultProxy(endpoint, {
      rate: 1,
      faults: ['server-error-500'],
      match: (request) => request.operation === 'PutRule',
    });
    try {
      const result = await runChildJest({
        specs: ['setupFails.spec.js'],
        bus: BUS,
        env: { JEB_CRASH_ENDPOINT: proxy.endpoint, JEB_CRASH_MAX_ATTEMPTS: '1' },
      });
      expect(result.output).toContain('(events:PutRule) failed: InternalException (HTTP 500)');
      // The queue was created alongside the refused rule, and teardown deleted it.
      expect(proxy.stats.byOperation).toMatchObject({ CreateQueue: 1, PutRule: 1, DeleteQueue: 1 });
      await expectCleanFailure(result, 'could not set up the capture');
    } finally {
      await proxy.close();
    }
  });

  it('SIGKILL: nothing runs, the queue and rule stay until a sweep removes them', async () => {
    const result = await runChildJest({ specs: ['sigkill.spec.js'], bus: BUS });
    expect(result.signal).toBe('SIGKILL');
    const [marker] = result.markers;
    const name = marker?.resourceName as string;
    expect(await leftovers()).toEqual({ queues: [name], rules: [name] });

    const table = await sweepCli();
    expect(table).toMatch(new RegExp(`^${name}\\s+rule\\s+\\S+\\s+\\S+\\s+paired\\s+deleted$`, 'm'));
    expect(table).toMatch(new RegExp(`^${name}\\s+queue\\s+\\S+\\s+\\S+\\s+paired\\s+deleted$`, 'm'));
    expect(table).toContain(`bus "${BUS}", prefix "${CRASH_PREFIX}", older than 0s: removed 1 rule and 1 queue.`);
    expect(await leftovers()).toEqual(NOTHING);
  });

  it('SIGKILL, then a run with sweep: true: its global setup removes the leftovers first and shares one run id', async () => {
    const killed = await runChildJest({ specs: ['sigkill.spec.js'], bus: BUS });
    const name = killed.markers[0]?.resourceName as string;
    expect(await leftovers()).toEqual({ queues: [name], rules: [name] });

    // Two workers: both must see the run id the global setup chose before they were forked.
    const next = await runChildJest({
      specs: ['passes.spec.js', 'passesToo.spec.js'],
      bus: BUS,
      workers: 2,
      env: { JEB_CRASH_SWEEP: '0s' },
    });
    expect(next.output).toContain(
      `jest-eventbridge: sweep: bus "${BUS}", prefix "${CRASH_PREFIX}", older than 0s: removed 1 rule and 1 queue.`,
    );
    expect({ code: next.code, signal: next.signal }).toEqual({ code: 0, signal: null });
    const runIds = new Set(next.markers.map((marker) => /^crash-([a-z0-9]+)-w\d+-/.exec(marker.resourceName)?.[1]));
    expect(next.markers).toHaveLength(2);
    expect(runIds.size).toBe(1);
    expect(await leftovers()).toEqual(NOTHING);
  });

  /** Breaks a run at `signal` once its captures exist; what is left must be nothing. */
  async function expectCleanInterruption(signal: NodeJS.Signals, to: 'group' | 'jest', workers?: number): Promise<ChildRunResult> {
    const specs = workers ? ['waitsForSignal.spec.js', 'waitsForSignalToo.spec.js'] : ['waitsForSignal.spec.js'];
    const result = await runChildJest({ specs, bus: BUS, interrupt: { signal, to }, ...(workers ? { workers } : {}) });
    // The signal still ends the run (exit status 128 + n for a shell).
    expect(result.signal).toBe(signal);
    expect(result.markers).toHaveLength(specs.length);
    expect(await leftovers()).toEqual(NOTHING);
    expect(await sweepCli()).toContain(`No capture queue or rule named ${CRASH_PREFIX}* on bus "${BUS}".`);
    return result;
  }

  it.each<{ signal: NodeJS.Signals; to: 'group' | 'jest'; how: string }>([
    { signal: 'SIGINT', to: 'group', how: 'Ctrl-C in a terminal' },
    { signal: 'SIGTERM', to: 'jest', how: 'kill <jest pid>' },
  ])('$signal to the $to ($how), in band: the environment removes the capture, then the signal ends Jest', async ({ signal, to }) => {
    const result = await expectCleanInterruption(signal, to);
    expect(result.output).toContain(`jest-eventbridge: ${signal}: removing 1 capture before exiting`);
  });

  // Worker output goes to the Jest process, which the signal has already ended: only the
  // emulator can tell what happened.
  it.each<{ signal: NodeJS.Signals; to: 'group' | 'jest'; how: string }>([
    { signal: 'SIGINT', to: 'group', how: 'Ctrl-C in a terminal: Jest and its workers get it' },
    { signal: 'SIGTERM', to: 'jest', how: 'kill <jest pid> alone: the workers lose their parent' },
  ])('$signal to the $to ($how), 2 workers: every worker removes its capture', async ({ signal, to }) => {
    await expectCleanInterruption(signal, to, 2);
  });

  describe("captureScope: 'worker' (the preset's global setup and teardown)", () => {
    const WORKER_SCOPE = { JEB_CRASH_GLOBAL_SETUP: '1' };

    it('two workers, four files: one capture per worker, reused, and the teardown removes them', async () => {
      const result = await runChildJest({
        specs: ['passes.spec.js', 'passesToo.spec.js', 'logsEvents.spec.js', 'beforeAllThrows.spec.js'],
        bus: BUS,
        workers: 2,
        env: WORKER_SCOPE,
      });
      // beforeAllThrows fails on purpose; the others pass on the worker's capture.
      expect({ code: result.code, signal: result.signal }).toEqual({ code: 1, signal: null });
      expect(result.output).toContain('Tests:       1 failed, 3 passed, 4 total');
      const names = new Set(result.markers.map((marker) => marker.resourceName));
      expect(result.markers.length).toBeGreaterThanOrEqual(3);
      for (const name of names) expect(name).toMatch(/^crash-[a-z0-9]+-w[12]-worker-[a-z0-9]{6}$/);
      // One per worker that ran a file: fewer names than files.
      expect(names.size).toBeLessThanOrEqual(2);
      expect(result.output).not.toContain('failed to exit gracefully');
      expect(await leftovers()).toEqual(NOTHING);
    });

    it('SIGINT to the group (Ctrl-C), in band: the worker capture is removed once, then the signal ends Jest', async () => {
      const result = await runChildJest({
        specs: ['waitsForSignal.spec.js'],
        bus: BUS,
        env: WORKER_SCOPE,
        interrupt: { signal: 'SIGINT', to: 'group' },
      });
      expect(result.signal).toBe('SIGINT');
      expect(result.markers[0]?.resourceName).toMatch(/-worker-/);
      expect(result.output).toContain('jest-eventbridge: SIGINT: removing 1 capture before exiting');
      expect(await leftovers()).toEqual(NOTHING);
    });

    it.each<{ signal: NodeJS.Signals; to: 'group' | 'jest'; how: string }>([
      { signal: 'SIGINT', to: 'group', how: 'Ctrl-C in a terminal: Jest and its workers get it' },
      { signal: 'SIGTERM', to: 'jest', how: 'kill <jest pid> alone: the workers lose their parent' },
    ])('$signal to the $to ($how), 2 workers: every worker capture is removed', async ({ signal, to }) => {
      const specs = ['waitsForSignal.spec.js', 'waitsForSignalToo.spec.js'];
      const result = await runChildJest({ specs, bus: BUS, workers: 2, env: WORKER_SCOPE, interrupt: { signal, to } });
      expect(result.signal).toBe(signal);
      expect(result.markers.map((marker) => marker.resourceName)).toEqual([
        expect.stringMatching(/-worker-/),
        expect.stringMatching(/-worker-/),
      ]);
      expect(await leftovers()).toEqual(NOTHING);
    });

    it('SIGKILL: the worker capture stays until a sweep removes it, like a file capture', async () => {
      const result = await runChildJest({ specs: ['sigkill.spec.js'], bus: BUS, env: WORKER_SCOPE });
      expect(result.signal).toBe('SIGKILL');
      const name = result.markers[0]?.resourceName as string;
      expect(name).toMatch(/-worker-/);
      expect(await leftovers()).toEqual({ queues: [name], rules: [name] });
      expect(await sweepCli()).toContain(`bus "${BUS}", prefix "${CRASH_PREFIX}", older than 0s: removed 1 rule and 1 queue.`);
      expect(await leftovers()).toEqual(NOTHING);
    });
  });
});
