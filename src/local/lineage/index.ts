/**
 * Event lineage of local flows: which handler's invocation put which event, through a proxy in
 * front of the emulator with one URL per function; the router reads it to cut a chain of events
 * and handlers that goes on without end.
 */
export {
  EventLineage,
  DEFAULT_LINEAGE_CAPACITY,
  SETTLE_TIMEOUT_MS,
  type LineageEntry,
  type PutEntry,
  type PutTicket,
} from './eventLineage';
export { EndpointProxy, acceptedEntries, endToEndHeaders, type EndpointProxyOptions } from './endpointProxy';
export { CYCLE_ERROR_NAME, cycleMessage, describeCutChain, findCycle, type ChainCycle, type Hop } from './cycleMessage';
