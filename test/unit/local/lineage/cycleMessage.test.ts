import { cycleMessage, describeCutChain, findCycle, type Hop } from '../../../../src/local/lineage/cycleMessage';
import type { LineageEntry } from '../../../../src/local/lineage/eventLineage';

/** A chain of entries from hops `Fn:detail-type`, depths from `firstDepth`. */
function chain(hops: readonly string[], firstDepth = 1): LineageEntry[] {
  return hops.map((hop, index) => {
    const [functionLogicalId = '', detailType] = hop.split(':');
    return {
      eventId: `e${firstDepth + index}`,
      parentEventId: index === 0 ? 'root' : `e${firstDepth + index - 1}`,
      rootEventId: 'root',
      functionLogicalId,
      detailType,
      depth: firstDepth + index,
    };
  });
}

const pingPong = (length: number): string[] => Array.from({ length }, (_, index) => (index % 2 === 0 ? 'Ping:PingSent' : 'Pong:PongSent'));
const names = (hops: readonly Hop[]): string[] => hops.map((hop) => `${hop.functionLogicalId}:${hop.detailType ?? ''}`);

describe('findCycle', () => {
  it('finds the shortest repeating part, from where it was first entered', () => {
    const found = findCycle(chain(['Start:Kick', ...pingPong(7)]));
    expect([names(found.prefix), names(found.cycle)]).toEqual([['Start:Kick'], ['Ping:PingSent', 'Pong:PongSent']]);
  });

  it('finds a handler that triggers itself', () => {
    expect(names(findCycle(chain(['Loop:Again', 'Loop:Again', 'Loop:Again'])).cycle)).toEqual(['Loop:Again']);
  });

  it('tells hops apart by detail-type too', () => {
    const found = findCycle(chain(['A:x', 'A:y', 'A:x', 'A:y']));
    expect(names(found.cycle)).toEqual(['A:x', 'A:y']);
  });

  it('finds none when no part repeats twice at the end', () => {
    expect(findCycle(chain(['A:a', 'B:b', 'C:c']))).toEqual({ prefix: chain(['A:a', 'B:b', 'C:c']), cycle: [] });
    expect(findCycle([])).toEqual({ prefix: [], cycle: [] });
  });
});

describe('describeCutChain', () => {
  it('names the cycle once', () => {
    expect(describeCutChain(25, chain(pingPong(25)))).toBe('Cycle stopped after 25 hops: Ping → (PingSent) → Pong → (PongSent) → Ping …');
  });

  it('names the hops before the cycle, and marks forgotten ones', () => {
    expect(describeCutChain(6, chain(['Start:Kick', ...pingPong(5)]))).toBe(
      'Cycle stopped after 6 hops: Start → (Kick) → Ping → (PingSent) → Pong → (PongSent) → Ping …',
    );
    expect(describeCutChain(30, chain(pingPong(4), 27))).toBe(
      'Cycle stopped after 30 hops: … → Ping → (PingSent) → Pong → (PongSent) → Ping …',
    );
  });

  it('lists a chain without a cycle whole, and an event without a detail-type as such', () => {
    expect(describeCutChain(3, chain(['A:a', 'B', 'C:c']))).toBe(
      'Chain stopped after 3 hops: A → (a) → B → (no detail-type) → C → (c) → …',
    );
    expect(describeCutChain(1, chain(['A:a']))).toBe('Chain stopped after 1 hop: A → (a) → …');
  });
});

describe('cycleMessage', () => {
  it('names the cycle, the event not routed, the bound and the fix', () => {
    expect(cycleMessage({ eventId: 'e4', depth: 4, chain: chain(pingPong(4)), maxChainDepth: 4 })).toBe(
      'Cycle stopped after 4 hops: Ping → (PingSent) → Pong → (PongSent) → Ping … Event e4 (PongSent, from Pong) was not routed, nor any later event of this chain: ' +
        'local flows route a chain of events and handlers at most maxChainDepth (4) hops deep. ' +
        'Stop the handler putting the event that triggers it again, or raise maxChainDepth if the chain is meant to go deeper.',
    );
  });
});
