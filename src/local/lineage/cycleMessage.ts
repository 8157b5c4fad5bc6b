/**
 * The words of a cut chain: "Cycle stopped after 25 hops: Ping → (PingSent) → Pong → (PongSent) → Ping …".
 * Each hop is a function and, in parentheses, the detail-type of the event it put; the repeating
 * part of the chain is named once, the hops before it (how the chain entered the cycle) first.
 */
import type { LineageEntry } from './eventLineage';

/** `error.name` of the record the router makes for a chain it cuts. */
export const CYCLE_ERROR_NAME = 'LocalFlowCycleError';

/** One hop of a chain: a function, and the detail-type of the event it put. */
export type Hop = Pick<LineageEntry, 'functionLogicalId' | 'detailType'>;

/** The repeating part of a chain, and the hops before it. */
export interface ChainCycle {
  readonly prefix: readonly Hop[];
  /** Empty when no part of the chain repeats twice in a row at its end. */
  readonly cycle: readonly Hop[];
}

const sameHop = (a: Hop | undefined, b: Hop | undefined): boolean =>
  a !== undefined && b !== undefined && a.functionLogicalId === b.functionLogicalId && a.detailType === b.detailType;

/**
 * Finds the shortest cycle the chain ends in: the shortest period p such that the chain, from
 * some hop s on, repeats every p hops, at least twice (s + 2p ≤ length). Among the hops the
 * period holds from, the earliest is taken, so the cycle is named as it was first entered.
 */
export function findCycle(hops: readonly Hop[]): ChainCycle {
  for (let period = 1; 2 * period <= hops.length; period++) {
    // The period holds from `start` on: walk back from the end while hop i matches hop i + period.
    let start = hops.length - period;
    while (start > 0 && sameHop(hops[start - 1], hops[start - 1 + period])) start--;
    if (hops.length - start >= 2 * period) return { prefix: hops.slice(0, start), cycle: hops.slice(start, start + period) };
  }
  return { prefix: hops, cycle: [] };
}

const hopText = (hop: Hop): string => `${hop.functionLogicalId} → (${hop.detailType ?? 'no detail-type'})`;

/**
 * `Cycle stopped after 25 hops: Ping → (PingSent) → Pong → (PongSent) → Ping …`, or, when no part
 * of the chain repeats, `Chain stopped after 25 hops: A → (a) → B → (b) → …`.
 * @param depth the cut event's depth (hops from the root of its chain)
 * @param chain the cut event's chain, oldest first (`EventLineage.chainOf`); `… → ` marks forgotten hops
 */
export function describeCutChain(depth: number, chain: readonly LineageEntry[]): string {
  const forgotten = chain.length > 0 && (chain[0]?.depth ?? 1) > 1 ? '… → ' : '';
  const { prefix, cycle } = findCycle(chain);
  const before = prefix.map((hop) => `${hopText(hop)} → `).join('');
  const hops = `${depth} hop${depth === 1 ? '' : 's'}`;
  if (cycle.length === 0) return `Chain stopped after ${hops}: ${forgotten}${before}…`;
  return `Cycle stopped after ${hops}: ${forgotten}${before}${cycle.map((hop) => `${hopText(hop)} → `).join('')}${cycle[0]?.functionLogicalId ?? ''} …`;
}

/**
 * The whole message of the record for a cut chain: which chain, which event was not routed, and the fix.
 * @param maxChainDepth the bound that cut it
 */
export function cycleMessage(options: {
  readonly eventId: string;
  readonly depth: number;
  readonly chain: readonly LineageEntry[];
  readonly maxChainDepth: number;
}): string {
  const { eventId, depth, chain, maxChainDepth } = options;
  const last = chain[chain.length - 1];
  const from = last === undefined ? '' : ` (${last.detailType ?? 'no detail-type'}, from ${last.functionLogicalId})`;
  return (
    `${describeCutChain(depth, chain)} Event ${eventId}${from} was not routed, nor any later event of this chain: ` +
    `local flows route a chain of events and handlers at most maxChainDepth (${maxChainDepth}) hops deep. ` +
    'Stop the handler putting the event that triggers it again, or raise maxChainDepth if the chain is meant to go deeper.'
  );
}
