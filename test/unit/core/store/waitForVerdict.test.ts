import { systemClock } from '../../../../src/core/store/clock';
import { EventStore } from '../../../../src/core/store/eventStore';
import { waitForVerdict } from '../../../../src/core/store/waitForVerdict';
import { envelope } from '../../support/fakeCapture';
import { ManualClock } from '../../support/manualClock';

describe('waitForVerdict', () => {
  const setup = () => {
    const clock = new ManualClock();
    const store = new EventStore({ now: () => clock.now() });
    return { clock, store };
  };

  it('settles at once when the check can already decide, and leaves no timer behind', async () => {
    const { clock, store } = setup();
    store.add([envelope()]);
    const verdict = await waitForVerdict({
      store,
      clock,
      timeoutMs: 1000,
      progress: (e) => (e.length > 0 ? 'pass' : 'pending'),
      atDeadline: () => false,
    });
    expect(verdict).toMatchObject({ pass: true, timedOut: false, waitedMs: 0 });
    expect(clock.pendingTimers).toBe(0);
  });

  it('settles the moment an arriving event decides, before the deadline', async () => {
    const { clock, store } = setup();
    const pending = waitForVerdict({
      store,
      clock,
      timeoutMs: 1000,
      progress: (e) => (e.length > 0 ? 'pass' : 'pending'),
      atDeadline: () => false,
    });
    clock.advance(250);
    store.add([envelope()]);
    await expect(pending).resolves.toMatchObject({ pass: true, timedOut: false, waitedMs: 250 });
    expect(clock.pendingTimers).toBe(0);
  });

  it('decides at the deadline when the check stays pending', async () => {
    const { clock, store } = setup();
    const pending = waitForVerdict({ store, clock, timeoutMs: 1000, progress: () => 'pending', atDeadline: (e) => e.length === 1 });
    store.add([envelope()]);
    clock.advance(999);
    let done = false;
    void pending.then(() => (done = true));
    await Promise.resolve();
    expect(done).toBe(false);
    clock.advance(1);
    await expect(pending).resolves.toMatchObject({ pass: true, timedOut: true, waitedMs: 1000 });
  });

  it('rejects when the check throws, and unsubscribes', async () => {
    const { clock, store } = setup();
    const pending = waitForVerdict({
      store,
      clock,
      timeoutMs: 1000,
      progress: (e) => {
        if (e.length) throw new Error('predicate broke');
        return 'pending';
      },
      atDeadline: () => false,
    });
    store.add([envelope()]);
    await expect(pending).rejects.toThrow('predicate broke');
    expect(clock.pendingTimers).toBe(0);
  });

  it('gives up with a clear error when the capture stops while it waits', async () => {
    const { clock, store } = setup();
    const pending = waitForVerdict({ store, clock, timeoutMs: 1000, progress: () => 'pending', atDeadline: () => false });
    store.close();
    await expect(pending).rejects.toThrow(
      'jest-eventbridge: the capture was torn down while a matcher was still waiting (did the test time out?).',
    );
    expect(clock.pendingTimers).toBe(0);
    await expect(waitForVerdict({ store, clock, timeoutMs: 1000, progress: () => 'pass', atDeadline: () => false })).rejects.toThrow(
      'torn down',
    );
  });

  it('keeps its real deadline when the spec uses fake timers', async () => {
    jest.useFakeTimers();
    try {
      const store = new EventStore({ now: () => systemClock.now() });
      // Nothing advances the fake clock: only real timers can end this wait.
      const verdict = await waitForVerdict({
        store,
        clock: systemClock,
        timeoutMs: 30,
        progress: () => 'pending',
        atDeadline: () => false,
      });
      expect(verdict.timedOut).toBe(true);
      expect(verdict.waitedMs).toBeGreaterThanOrEqual(29);
    } finally {
      jest.useRealTimers();
    }
  });
});
