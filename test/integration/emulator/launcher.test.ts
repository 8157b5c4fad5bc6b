/**
 * The embedded emulator's launcher (src/emulator): it starts moto with its fixes, reports what is
 * missing in one clear error, and leaves no process behind however its caller ends.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type Server } from 'node:net';
import { join, resolve } from 'node:path';
import { startEmulator, type RunningEmulator } from '../../../src/emulator/startEmulator';

const REPO_ROOT = resolve(__dirname, '../../..');
const FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'emulator');
const STARTED_FIXES = ['JSONPath parses memoized', 'PutEvents serialized with rule changes'];
const ALREADY_RUNNING =
  'To use an emulator that is already running instead (LocalStack, or `npx jest-eventbridge emulator` in another terminal), ' +
  'leave `emulator` out and set AWS_ENDPOINT_URL=http://host:port (or the `endpoint` option).';

jest.setTimeout(60_000);

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Polls until `pid` is gone; a deadline, not a sleep. */
async function waitUntilGone(pid: number, timeoutMs = 15_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid)) {
    if (Date.now() >= deadline) return false;
    await new Promise((done) => setTimeout(done, 50));
  }
  return true;
}

describe('startEmulator', () => {
  let emulator: RunningEmulator | undefined;
  afterEach(async () => {
    await emulator?.stop();
    emulator = undefined;
  });

  it('starts moto on a loopback port with both fixes, and stop() ends its process', async () => {
    emulator = await startEmulator();
    expect(emulator.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(emulator.motoVersion).toMatch(/^5\./);
    expect(emulator.fixes).toEqual(STARTED_FIXES);
    const answer = await fetch(`${emulator.endpoint}/`);
    expect(answer.status).toBe(200);
    const { pid } = emulator;
    expect(isAlive(pid)).toBe(true);
    await emulator.stop();
    await emulator.stop(); // idempotent
    expect(isAlive(pid)).toBe(false);
  });

  it('runs moto as it ships when asked (for comparisons)', async () => {
    emulator = await startEmulator({ fixes: false });
    expect(emulator.fixes).toEqual([]);
  });

  it('refuses a port that is taken, naming it', async () => {
    const server: Server = createServer();
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const address = server.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    try {
      await expect(startEmulator({ port })).rejects.toThrow(
        `Cannot start the emulator: port ${port} on 127.0.0.1 is already in use. Choose another port, or leave it out to get a free one.`,
      );
    } finally {
      server.close();
    }
  });

  it('refuses a port number that is not one', async () => {
    await expect(startEmulator({ port: 70_000 })).rejects.toThrow(
      'Cannot start the emulator: port 70000 is not a TCP port (a whole number from 1 to 65535).',
    );
  });
});

describe('missing prerequisites: one error that names the fix', () => {
  it('no Python', async () => {
    await expect(startEmulator({ python: 'no-such-python-for-jeb' })).rejects.toThrow(
      'Cannot start the emulator: no Python found (tried no-such-python-for-jeb, from the python option). It runs moto, a Python program: ' +
        "install Python 3 and then moto with `pip install 'moto[server]>=5,<6'`, or correct it to the path of the Python that has moto. " +
        ALREADY_RUNNING,
    );
  });

  it('a Python without moto', async () => {
    const python = join(FIXTURES, 'bin', 'python-without-moto');
    await expect(startEmulator({ python })).rejects.toThrow(
      `Cannot start the emulator: ${python} has no usable moto server (moto cannot be imported (No module named 'moto')). ` +
        `Install it with \`${python} -m pip install 'moto[server]>=5,<6'\`, or set JEST_EVENTBRIDGE_PYTHON to the Python that has moto. ${ALREADY_RUNNING}`,
    );
  });

  it('a moto of an unsupported major version', async () => {
    const python = join(FIXTURES, 'bin', 'python-with-old-moto');
    await expect(startEmulator({ python })).rejects.toThrow(
      `Cannot start the emulator: moto 4.2.14 is not supported; the emulator needs moto 5.x. Install a supported one with \`${python} -m pip install 'moto[server]>=5,<6'\`. ${ALREADY_RUNNING}`,
    );
  });
});

describe('a fix whose target has another shape', () => {
  // The guards run in Python against the installed moto, with the patched code changed first:
  // from a script file, whose functions' source Python can read, or from -c, whose it cannot.
  const run = (script: string, from: 'file' | 'command' = 'command') => {
    if (from === 'command') return spawnSync('python3', ['-c', script], { cwd: join(REPO_ROOT, 'python'), encoding: 'utf8' });
    const dir = mkdtempSync(join(tmpdir(), 'jeb-guard-'));
    try {
      writeFileSync(join(dir, 'guard_case.py'), script);
      return spawnSync('python3', [join(dir, 'guard_case.py')], {
        encoding: 'utf8',
        env: { ...process.env, PYTHONPATH: join(REPO_ROOT, 'python') },
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  const replaceParse = (replacement: string) =>
    [
      'import serve_moto',
      'from moto.events.utils import EventTemplateParser',
      replacement,
      'EventTemplateParser.parse = staticmethod(parse)',
      'serve_moto.apply_fixes("5.9.9", True)',
    ].join('\n');

  it('is skipped with one warning line naming the moto version and the fix', () => {
    const result = run(replaceParse('def parse(input_template, input_paths_map, event):\n    return {}'), 'file');
    expect(result.stderr.trim().split('\n')).toEqual([
      'jest-eventbridge emulator: warning: moto 5.9.9 runs without these fixes: JSONPath parses memoized: EventTemplateParser.parse no longer imports jsonpath_ng.ext.parse at call time.',
      'jest-eventbridge emulator: moto 5.9.9, fixes applied: PutEvents serialized with rule changes.',
    ]);
  });

  it('is skipped, saying why, when the code to check has no readable source', () => {
    const result = run(replaceParse('parse = lambda input_template, input_paths_map, event: {}'));
    expect(result.stderr.trim().split('\n')[0]).toBe(
      'jest-eventbridge emulator: warning: moto 5.9.9 runs without these fixes: JSONPath parses memoized: the source of EventTemplateParser.parse cannot be read, so its shape cannot be checked.',
    );
  });

  it('memoizes only the plain form of parse, which returns the same parser for the same text', () => {
    const result = run(
      [
        'import serve_moto, jsonpath_ng.ext as ext',
        'assert serve_moto.memoize_jsonpath_parse() is None',
        'a, b = ext.parse("$.detail.id"), ext.parse("$.detail.id")',
        'c = ext.parse("$.detail.id", debug=False)',
        'print(a is b, a is c, [m.value for m in a.find({"detail": {"id": 7}})])',
      ].join('\n'),
    );
    expect(result.stdout.trim()).toBe('True False [7]');
  });
});

describe('no orphan, however the caller ends', () => {
  const holdEmulator = (mode: 'signal' | 'throw') => {
    const child = spawn(process.execPath, [join(FIXTURES, 'holdEmulator.js'), REPO_ROOT, mode], { stdio: ['ignore', 'pipe', 'pipe'] });
    const started = new Promise<{ pid: number; endpoint: string }>((done, fail) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('\n')) done(JSON.parse(out.split('\n')[0] ?? '') as { pid: number; endpoint: string });
      });
      child.once('exit', (code) => fail(new Error(`the caller exited (${String(code)}) before the emulator started`)));
    });
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    return { child, started, exited };
  };

  it.each(['SIGINT', 'SIGTERM'] as const)('%s to the caller', async (signal) => {
    const { child, started, exited } = holdEmulator('signal');
    const { pid } = await started;
    expect(isAlive(pid)).toBe(true);
    child.kill(signal);
    await exited;
    expect(await waitUntilGone(pid)).toBe(true);
  });

  it('an uncaught error in the caller', async () => {
    const { started, exited } = holdEmulator('throw');
    const { pid } = await started;
    expect(await exited).toBe(1);
    expect(await waitUntilGone(pid)).toBe(true);
  });

  it('`jest-eventbridge emulator` runs until SIGINT, then stops moto and exits 0', async () => {
    const cli = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'jest-eventbridge.js'), 'emulator'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    cli.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const exited = new Promise<number | null>((done) => cli.once('exit', (code) => done(code)));
    const pid = await new Promise<number>((done, fail) => {
      cli.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /\(pid (\d+)\)/.exec(out);
        if (match && out.includes('Press Ctrl-C to stop.')) done(Number(match[1]));
      });
      void exited.then((code) => fail(new Error(`the command exited (${String(code)}) before it was ready:\n${out}${err}`)));
    });
    // Still serving: the command must not end by itself once it has started.
    const endpoint = out.split('\n')[0] ?? '';
    expect((await fetch(`${endpoint}/`)).status).toBe(200);
    expect(isAlive(pid)).toBe(true);
    cli.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(err).toContain('jest-eventbridge emulator: stopped.');
    expect(await waitUntilGone(pid)).toBe(true);
  });
});
