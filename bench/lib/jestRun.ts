/**
 * One Jest run in a child process, timed from spawn to exit, for the sections that measure a
 * whole run (realistic, capture scope). It must pass exactly `expectedTests` tests.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './paths';

export interface TimedJestRun {
  /** From spawn to exit, in ms. */
  readonly wallMs: number;
  readonly passed: number;
  readonly total: number;
}

/**
 * @param args Jest's arguments after the binary, without `--json`/`--outputFile` (added here)
 * @param label names the run in the error when it fails (its last output is quoted)
 * @param folder receives Jest's own files of this run (its JSON report; a cache if `args` names one)
 */
export function timedJestRun(inputs: {
  readonly args: (folder: string) => readonly string[];
  readonly env: NodeJS.ProcessEnv;
  readonly expectedTests: number;
  readonly timeoutMs: number;
  readonly label: string;
}): Promise<TimedJestRun> {
  const folder = mkdtempSync(join(tmpdir(), 'jest-eventbridge-bench-'));
  const report = join(folder, 'report.json');
  const args = [join(repoRoot(), 'node_modules', 'jest', 'bin', 'jest.js'), ...inputs.args(folder), '--json', `--outputFile=${report}`];
  return new Promise<TimedJestRun>((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { cwd: repoRoot(), env: inputs.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk: Buffer): void => {
      output = (output + chunk.toString('utf8')).slice(-20_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => child.kill('SIGKILL'), inputs.timeoutMs);
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      const wallMs = performance.now() - started;
      clearTimeout(timer);
      try {
        const result = JSON.parse(readFileSync(report, 'utf8')) as { numPassedTests: number; numTotalTests: number };
        if (code !== 0 || result.numPassedTests !== inputs.expectedTests) {
          throw new Error(`${result.numPassedTests}/${result.numTotalTests} tests passed (exit ${String(code ?? signal)})`);
        }
        resolve({ wallMs, passed: result.numPassedTests, total: result.numTotalTests });
      } catch (error) {
        reject(new Error(`${inputs.label} failed: ${error instanceof Error ? error.message : String(error)}\n${output}`));
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    });
  });
}
