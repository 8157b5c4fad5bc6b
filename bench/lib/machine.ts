import { execFileSync } from 'node:child_process';

/** The one-minute load average now: taken at the start, so that a busy machine is on record. */
export function currentLoad(): number {
  return loadavg()[0] ?? 0;
}
import { readFileSync } from 'node:fs';
import { cpus, loadavg, platform, release, totalmem } from 'node:os';
import { join } from 'node:path';

export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly os: string;
  readonly node: string;
  readonly emulator: string;
  /** One-minute load average when the run began: other work on the machine shows here. */
  readonly loadAtStart: number;
}

/** What the numbers were measured on: they are only comparable on the same kind of machine. */
export function describeMachine(externalEmulator: boolean, loadAtStart: number): Machine {
  const list = cpus();
  return {
    cpu: list[0]?.model.trim() ?? 'unknown',
    cores: list.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os: `${platform()} ${release()}`,
    node: process.version,
    loadAtStart,
    emulator: externalEmulator
      ? 'an external emulator (JEST_EVENTBRIDGE_TEST_ENDPOINT)'
      : process.env.JEST_EVENTBRIDGE_PLAIN_MOTO === '1'
        ? `moto ${motoVersion()} as it ships (JEST_EVENTBRIDGE_PLAIN_MOTO=1)`
        : `the embedded emulator (moto ${motoVersion()} with jest-eventbridge's fixes)`,
  };
}

/** This repository's version and commit (read-only git; the working tree may hold more). */
export function ourVersion(root: string): string {
  let version = 'unknown';
  try {
    version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: string }).version ?? version;
  } catch {
    // Reported as unknown.
  }
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: root,
      encoding: 'utf8',
      timeout: 10_000,
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    return `${version} (commit ${commit})`;
  } catch {
    return version;
  }
}

function motoVersion(): string {
  try {
    return execFileSync('python3', ['-c', 'import moto; print(moto.__version__)'], { encoding: 'utf8', timeout: 10_000 }).trim();
  } catch {
    return '(version unknown)';
  }
}
