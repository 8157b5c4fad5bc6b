/** Summaries of repeated measurements. */

export interface Summary {
  readonly median: number;
  /** Nearest-rank 95th percentile: with fewer than 20 samples, this is the largest one. */
  readonly p95: number;
  readonly min: number;
  readonly max: number;
  readonly n: number;
}

export function summarize(samples: readonly number[]): Summary {
  if (samples.length === 0) throw new Error('summarize needs at least one sample');
  const sorted = [...samples].sort((a, b) => a - b);
  const n = sorted.length;
  const middle = Math.floor(n / 2);
  const median = n % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
  const p95 = sorted[Math.max(0, Math.ceil(0.95 * n) - 1)] as number;
  return { median, p95, min: sorted[0] as number, max: sorted[n - 1] as number, n };
}

/** The value a single fixed quantity (a count that does not vary) summarises to. */
export function constant(value: number, n: number): Summary {
  return { median: value, p95: value, min: value, max: value, n };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
