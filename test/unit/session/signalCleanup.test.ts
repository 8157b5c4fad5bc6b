// The environment's signal clean-up (src/environment/signalCleanup.ts), on a fake process: no
// real signal is sent. The crash-path integration tests prove it with real ones.
import { SignalCleanup, type SignalHost } from '../../../src/session/signalCleanup';

type Listener = (signal: NodeJS.Signals) => void;

class FakeProcess implements SignalHost {
  readonly pid = 4242;
  readonly listeners = new Map<string, Listener[]>();
  readonly kills: [number, NodeJS.Signals][] = [];
  private onKill: (() => void) | undefined;
  constructor(readonly send?: () => void) {}

  on(event: string, listener: Listener): void {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
  }
  removeListener(event: string, listener: Listener): void {
    this.listeners.set(
      event,
      (this.listeners.get(event) ?? []).filter((l) => l !== listener),
    );
  }
  listenerCount(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }
  kill(pid: number, signal: NodeJS.Signals): void {
    this.kills.push([pid, signal]);
    this.onKill?.();
  }
  emit(event: string, signal = event as NodeJS.Signals): void {
    for (const listener of this.listeners.get(event) ?? []) listener(signal);
  }
  /** Resolves at the next kill: the clean-up has finished (or given up). */
  nextKill(): Promise<void> {
    return new Promise((resolve) => {
      this.onKill = resolve;
    });
  }
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => undefined;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

function target(stop: () => Promise<unknown> = () => Promise.resolve()) {
  const calls: number[] = [];
  return { calls, stop: () => (calls.push(1), stop()) };
}

describe('SignalCleanup', () => {
  it('listens only while a capture is registered', async () => {
    const host = new FakeProcess();
    const cleanup = new SignalCleanup(host, { warn: () => undefined });
    const session = target();
    cleanup.register(session);
    expect([host.listenerCount('SIGINT'), host.listenerCount('SIGTERM'), host.listenerCount('disconnect')]).toEqual([1, 1, 0]);
    await cleanup.stop(session);
    expect(session.calls).toHaveLength(1);
    expect([host.listenerCount('SIGINT'), host.listenerCount('SIGTERM')]).toEqual([0, 0]);
  });

  it.each(['SIGINT', 'SIGTERM'] as const)('on %s stops every capture, then raises the signal again', async (signal) => {
    const host = new FakeProcess();
    const warnings: string[] = [];
    const cleanup = new SignalCleanup(host, { warn: (m) => warnings.push(m) });
    const first = target();
    const second = target(() => Promise.reject(new Error('teardown could not remove queue x')));
    cleanup.register(first);
    cleanup.register(second);
    const killed = host.nextKill();
    host.emit(signal);
    await killed;
    expect([first.calls.length, second.calls.length]).toEqual([1, 1]);
    expect(host.kills).toEqual([[4242, signal]]);
    expect(host.listenerCount(signal)).toBe(0);
    expect(warnings).toEqual([
      `${signal}: removing 2 captures before exiting (at most 10 s; send ${signal} again to skip, then run "npx jest-eventbridge sweep").`,
      'teardown could not remove queue x',
    ]);
  });

  it('shares one stop between a signal and the teardown already under way', async () => {
    const host = new FakeProcess();
    const cleanup = new SignalCleanup(host, { warn: () => undefined });
    const gate = deferred();
    const session = target(() => gate.promise);
    cleanup.register(session);
    const teardown = cleanup.stop(session);
    const killed = host.nextKill();
    host.emit('SIGINT');
    expect(host.kills).toEqual([]);
    gate.resolve();
    await Promise.all([teardown, killed]);
    expect(session.calls).toHaveLength(1);
    expect(host.kills).toEqual([[4242, 'SIGINT']]);
  });

  it('gives up waiting after the bound', async () => {
    const host = new FakeProcess();
    const warnings: string[] = [];
    const cleanup = new SignalCleanup(host, { boundMs: 20, warn: (m) => warnings.push(m) });
    cleanup.register(target(() => new Promise(() => undefined)));
    const killed = host.nextKill();
    host.emit('SIGTERM');
    await killed;
    expect(host.kills).toEqual([[4242, 'SIGTERM']]);
    expect(warnings[1]).toBe('clean-up did not finish within 20 ms; run "npx jest-eventbridge sweep" to remove what is left.');
  });

  it('raises at once on a second signal', () => {
    const host = new FakeProcess();
    const cleanup = new SignalCleanup(host, { warn: () => undefined });
    cleanup.register(target(() => new Promise(() => undefined)));
    host.emit('SIGINT');
    expect(host.kills).toEqual([]);
    host.emit('SIGINT');
    expect(host.kills).toEqual([[4242, 'SIGINT']]);
  });

  it('raises the signal again even when another handler listens: it may be waiting to be the last', async () => {
    const host = new FakeProcess();
    host.on('SIGINT', () => undefined);
    const cleanup = new SignalCleanup(host, { warn: () => undefined });
    cleanup.register(target());
    const killed = host.nextKill();
    host.emit('SIGINT');
    await killed;
    expect(host.kills).toEqual([[4242, 'SIGINT']]);
    expect(host.listenerCount('SIGINT')).toBe(1);
  });

  it('in a worker whose Jest parent is gone, cleans up and ends with SIGTERM', async () => {
    const host = new FakeProcess(() => undefined);
    const warnings: string[] = [];
    const cleanup = new SignalCleanup(host, { warn: (m) => warnings.push(m) });
    const session = target();
    cleanup.register(session);
    expect(host.listenerCount('disconnect')).toBe(1);
    const killed = host.nextKill();
    host.emit('disconnect');
    await killed;
    expect(session.calls).toHaveLength(1);
    expect(host.kills).toEqual([[4242, 'SIGTERM']]);
    expect(warnings[0]).toMatch(/^the Jest process that ran this worker is gone: removing 1 capture before exiting/);
  });

  it('does not take the Ctrl-C that also killed the Jest parent for a second signal', async () => {
    const host = new FakeProcess(() => undefined);
    const cleanup = new SignalCleanup(host, { warn: () => undefined });
    const gate = deferred();
    const session = target(() => gate.promise);
    cleanup.register(session);
    host.emit('disconnect');
    host.emit('SIGINT');
    expect(host.kills).toEqual([]);
    const killed = host.nextKill();
    gate.resolve();
    await killed;
    expect(session.calls).toHaveLength(1);
    // The signal the user sent decides the exit status.
    expect(host.kills).toEqual([[4242, 'SIGINT']]);
    host.emit('SIGINT');
    expect(host.kills).toHaveLength(1);
  });
});
