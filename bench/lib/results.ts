/** What each section of the benchmark hands to the report. */
import type { Summary } from './stats';

export const OURS = 'jest-eventbridge';
export const SLS = 'sls-test-tools';
export const ATL = 'aws-testing-library';
export const RAW = 'raw SDK v3 loop';
export const RAW_POLL = 'raw SDK v3 long poll';

export interface ResultRow {
  readonly metric: string;
  readonly tool: string;
  readonly unit: string;
  readonly summary: Summary;
  /** Decimal places to print (0 unless given). */
  readonly digits?: number;
  readonly note?: string;
}

export interface TargetCheck {
  readonly target: string;
  readonly measured: string;
  readonly met: boolean;
  /** Why it was missed, and whose cost that is (ours or the emulator's). */
  readonly explanation?: string;
}

/** One bar group of the chart: the tools side by side on one metric. */
export interface ChartGroup {
  readonly title: string;
  readonly unit: string;
  /** `variant`: another configuration of the same tool (drawn lighter, in the tool's colour). */
  readonly bars: readonly { readonly tool: string; readonly label: string; readonly value: number; readonly variant?: boolean }[];
}

export interface SectionResult {
  readonly title: string;
  readonly rows: readonly ResultRow[];
  readonly targets: readonly TargetCheck[];
  /** Method and caveats, printed under the section's table. */
  readonly notes: readonly string[];
  readonly chart: readonly ChartGroup[];
  /** How long the section took, filled in by the runner: the whole benchmark has a time budget. */
  readonly durationS?: number;
}

/** Shared by every section: where AWS is, and how to say what is going on. */
export interface BenchContext {
  /** The latency proxy: every measured call goes through it. */
  readonly endpoint: string;
  /** The emulator itself: for set-up and clean-up that is not measured. */
  readonly emulatorEndpoint: string;
  readonly region: string;
  readonly rttMs: number;
  readonly quick: boolean;
  readonly log: (line: string) => void;
  /** The emulator's process, when it can be seen (Linux /proc): its CPU time is measured. */
  readonly emulatorPid?: number;
}

export function ms(value: number, digits = 0): string {
  return `${value.toFixed(digits)} ms`;
}
