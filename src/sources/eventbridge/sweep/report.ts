import type { SweepCandidate } from './classify';

/** What happened to one resource; `would delete` only in a dry run. */
export type SweepOutcome = 'deleted' | 'would delete' | 'failed' | 'kept' | 'skipped';

export interface SweptResource extends SweepCandidate {
  readonly outcome: SweepOutcome;
  /** Why the delete failed, when it did. */
  readonly error?: string;
}

export interface SweepReport {
  readonly eventBusName: string;
  readonly prefix: string;
  readonly olderThanMs: number;
  readonly dryRun: boolean;
  /** Every rule and queue of the bus with the prefix, in the order they were handled. */
  readonly resources: readonly SweptResource[];
  /** Queues with the prefix that could not be tied to this bus (other buses, untagged): untouched. */
  readonly otherQueues: number;
  readonly deleted: readonly SweptResource[];
  readonly failed: readonly SweptResource[];
}

/** Builds the report's derived lists from the per-resource outcomes. */
export function buildReport(base: Omit<SweepReport, 'deleted' | 'failed'>): SweepReport {
  return {
    ...base,
    deleted: base.resources.filter((resource) => resource.outcome === 'deleted'),
    failed: base.resources.filter((resource) => resource.outcome === 'failed'),
  };
}
