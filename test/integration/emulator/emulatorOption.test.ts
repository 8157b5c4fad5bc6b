/**
 * `emulator: true` as a user meets it: a child Jest on test/fixtures/emulator with the built
 * package, no emulator started by hand and no AWS variables set. The run's global setup starts
 * the emulator, the specs use it, and the global teardown stops it.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { answersHttp } from '../../../src/emulator/startEmulator';

const REPO_ROOT = resolve(__dirname, '../../..');
const JEST_BIN = join(REPO_ROOT, 'node_modules', 'jest', 'bin', 'jest.js');
const CONFIG = join(REPO_ROOT, 'test', 'fixtures', 'emulator', 'jest.config.js');

jest.setTimeout(120_000);

interface RunResult {
  readonly code: number | null;
  readonly output: string;
}

/** The variables of the suite's own emulator are removed: the child must find its own. */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(env)) {
    if (/^AWS_/.test(name) || /^JEST_EVENTBRIDGE_/.test(name) || name === 'JEST_WORKER_ID') delete env[name];
  }
  env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  return { ...env, ...extra };
}

function runJest(extra: Record<string, string>, workers = 2): Promise<RunResult> {
  const cache = mkdtempSync(join(tmpdir(), 'jeb-emulator-option-'));
  const child = spawn(process.execPath, [JEST_BIN, '--config', CONFIG, `--maxWorkers=${workers}`, '--ci'], {
    env: childEnv({ JEB_EMULATOR_PACKAGE_ROOT: REPO_ROOT, JEB_EMULATOR_CACHE_DIR: cache, ...extra }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((done) =>
    child.once('close', (code) => {
      rmSync(cache, { recursive: true, force: true });
      done({ code, output });
    }),
  );
}

it('starts the emulator once for the run, creates the buses, and stops it afterwards', async () => {
  const result = await runJest({});
  expect(result.output).toContain('Tests:       4 passed, 4 total');
  expect(result.code).toBe(0);
  const started = result.output.match(/jest-eventbridge: emulator running at (http:\/\/127\.0\.0\.1:\d+)/g) ?? [];
  expect(started).toHaveLength(1);
  const endpoint = (started[0] ?? '').replace('jest-eventbridge: emulator running at ', '');
  expect(await answersHttp(endpoint)).toBe(false);
});

it('works in band too', async () => {
  const result = await runJest({ JEB_EMULATOR_SPECS: 'roundTrip' }, 1);
  expect(result.output).toContain('Tests:       2 passed, 2 total');
  expect(result.code).toBe(0);
});

it('fails each file with the fix when the global setup did not run', async () => {
  const result = await runJest({ JEB_EMULATOR_NO_GLOBAL_SETUP: '1', JEB_EMULATOR_SPECS: 'roundTrip' }, 1);
  expect(result.code).toBe(1);
  expect(result.output).toContain(
    "jest-eventbridge: `emulator: true` needs jest-eventbridge's global setup and teardown, which start and stop the emulator once per run, but they did not run. " +
      "Use `preset: 'jest-eventbridge'`, or set `globalSetup: 'jest-eventbridge/global-setup'` and `globalTeardown: 'jest-eventbridge/global-teardown'` " +
      '(with a global setup of your own, call ours from it: see "Your own global setup" in the README).',
  );
});

it('fails a docblock that asks for the emulator when the run’s global setup was not asked to start one', async () => {
  const result = await runJest({ JEB_EMULATOR_OFF: '1', JEB_EMULATOR_SPECS: 'docblockBus' }, 1);
  expect(result.code).toBe(1);
  expect(result.output).toContain(
    "jest-eventbridge: `emulator: true` is set for this file, but jest-eventbridge's global setup ran with options that did not ask for the emulator, so none was started.",
  );
});
