/** The benchmark's settings: the command line first, then the environment, then defaults. */

export interface BenchOptions {
  /** Latency the proxy adds to every AWS call, standing for the network round trip. */
  readonly rttMs: number;
  /** Fewer repetitions and no files written: for trying the benchmark out. */
  readonly quick: boolean;
  /** Sections to run (all by default). */
  readonly only: ReadonlySet<SectionName>;
  /** The arguments as given, for the report's "command" line. */
  readonly argv: readonly string[];
}

export const SECTIONS = ['setup', 'detection', 'realistic', 'drain', 'matching', 'local', 'scope', 'page'] as const;
export type SectionName = (typeof SECTIONS)[number];

export const DEFAULT_RTT_MS = 30;

const USAGE = `usage: npm run bench -- [--rtt=MS] [--quick] [--only=${SECTIONS.join(',')}]
  --rtt=MS    round trip the proxy adds to each AWS call (default: BENCH_RTT_MS, else ${DEFAULT_RTT_MS})
  --quick     fewer repetitions; prints the table without writing docs/
  --only=...  run only these sections (implies --quick: a partial table must not replace the full one)`;

export function parseOptions(argv: readonly string[], env: NodeJS.ProcessEnv): BenchOptions {
  let rtt = env.BENCH_RTT_MS;
  let quick = false;
  let only: Set<SectionName> = new Set(SECTIONS);
  for (const arg of argv) {
    if (arg === '--help' || arg === '-h') throw new UsageError(USAGE);
    else if (arg === '--quick') quick = true;
    else if (arg.startsWith('--rtt=')) rtt = arg.slice('--rtt='.length);
    else if (arg.startsWith('--only=')) {
      const names = arg.slice('--only='.length).split(',').filter(Boolean);
      const unknown = names.filter((name) => !(SECTIONS as readonly string[]).includes(name));
      if (unknown.length > 0) throw new UsageError(`unknown section ${unknown.join(', ')}\n${USAGE}`);
      only = new Set(names as SectionName[]);
      quick = true;
    } else throw new UsageError(`unknown argument ${arg}\n${USAGE}`);
  }
  const rttMs = rtt === undefined || rtt.trim() === '' ? DEFAULT_RTT_MS : Number(rtt);
  if (!Number.isFinite(rttMs) || rttMs < 0 || rttMs > 1000)
    throw new UsageError(`the round trip must be 0–1000 ms, got ${String(rtt)}\n${USAGE}`);
  return { rttMs, quick, only, argv };
}

export class UsageError extends Error {}
