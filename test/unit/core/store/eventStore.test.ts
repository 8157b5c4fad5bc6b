import { EventStore, subjectOf } from '../../../../src/core/store/eventStore';
import { envelope } from '../../support/fakeCapture';

describe('EventStore', () => {
  const make = (capacity?: number, onCapacityReached?: (n: number) => void) => {
    let now = 0;
    const store = new EventStore({
      now: () => ++now,
      ...(capacity ? { capacity } : {}),
      ...(onCapacityReached ? { onCapacityReached } : {}),
    });
    return store;
  };

  it('stores events in arrival order with their arrival time and sequence', () => {
    const store = make();
    const [a, b] = [envelope(), envelope()];
    store.add([a, b]);
    expect(store.visible().map((c) => [c.event.id, c.sequence, c.arrivedAt])).toEqual([
      [a.id, 1, 1],
      [b.id, 2, 2],
    ]);
  });

  it('drops redeliveries of an event id, and counts them', () => {
    const store = make();
    const event = envelope();
    expect(store.add([event, event])).toHaveLength(1);
    expect(store.add([{ ...event }])).toHaveLength(0);
    expect(store.stats).toMatchObject({ stored: 1, duplicates: 2 });
  });

  it('wakes subscribers with only the new events, and not after unsubscribe', () => {
    const store = make();
    const seen: string[][] = [];
    const unsubscribe = store.subscribe((added) => seen.push(added.map((c) => c.event.id)));
    const a = envelope();
    store.add([a, a]);
    store.add([a]);
    unsubscribe();
    store.add([envelope()]);
    expect(seen).toEqual([[a.id]]);
  });

  it('shows only what arrived after the window opened, and after clear()', () => {
    const store = make();
    store.add([envelope()]);
    store.openWindow();
    const b = envelope();
    store.add([b]);
    expect(store.visible().map((c) => c.event.id)).toEqual([b.id]);
    store.clear();
    expect(store.visible()).toEqual([]);
  });

  it('applies the scope filter of the window', () => {
    const store = new EventStore({ now: () => 0, correlationOf: (e) => (e.detail as { cid?: string }).cid });
    store.openWindow((c) => c.correlationId === 'mine');
    const mine = envelope({ detail: { cid: 'mine' } });
    store.add([envelope({ detail: { cid: 'other' } }), mine, envelope()]);
    expect(store.visible().map((c) => c.event.id)).toEqual([mine.id]);
  });

  it('forgets the oldest events past its capacity and warns once', () => {
    const warnings: number[] = [];
    const store = make(3, (n) => warnings.push(n));
    const events = Array.from({ length: 5 }, () => envelope());
    store.add(events.slice(0, 2));
    store.add(events.slice(2));
    store.add([envelope()]);
    expect(store.stats).toMatchObject({ stored: 3, forgotten: 3 });
    expect(warnings).toEqual([3]);
  });

  it('keeps messages that are not envelopes, bounded', () => {
    const store = make();
    for (let i = 0; i < 150; i += 1) store.reject(`body ${i}`, 'not JSON');
    expect(store.rejected).toHaveLength(100);
    expect(store.rejected[99]).toMatchObject({ body: 'body 149', reason: 'not JSON' });
  });

  it('keeps what a mirrored target receives beside the envelope, and subjectOf reads it', () => {
    let now = 0;
    const store = new EventStore({ now: () => ++now, deliver: (event) => (event.source === 'text' ? 'plain' : { id: event.id }) });
    const [a, b] = [envelope(), envelope({ source: 'text' })];
    store.add([a, b]);
    expect(store.visible().map((captured) => [captured.event, captured.delivered, subjectOf(captured)])).toEqual([
      [a, { id: a.id }, { id: a.id }],
      [b, 'plain', 'plain'],
    ]);
  });

  it('without a mirrored target, subjectOf is the envelope and nothing is delivered', () => {
    const store = make();
    const event = envelope();
    store.add([event]);
    const [captured] = store.visible();
    expect(captured && 'delivered' in captured).toBe(false);
    expect(captured && subjectOf(captured)).toBe(event);
  });
});
