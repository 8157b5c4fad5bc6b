import { main } from '../../../src/cli/main';
import { parseCommandLine } from '../../../src/cli/commandLine';
import type { EmulatorOptions, RunningEmulator } from '../../../src/emulator/startEmulator';
import { EmulatorError } from '../../../src/emulator/emulatorErrors';

describe('jest-eventbridge emulator: arguments', () => {
  it.each<[string[], EmulatorOptions]>([
    [['emulator'], {}],
    [['emulator', '--port', '4010'], { port: 4010 }],
    [['emulator', '--port=4010', '--host', '0.0.0.0'], { port: 4010, host: '0.0.0.0' }],
  ])('%j', (argv, options) => {
    expect(parseCommandLine(argv)).toEqual({ kind: 'emulator', options });
  });

  it('reports every mistake at once, by its flag', () => {
    expect(() => parseCommandLine(['emulator', 'now', '--port', '99999', '--hots', 'x', '--bus', 'orders'])).toThrow(
      'invalid arguments:\n' +
        '  - unexpected argument "now": emulator takes options only.\n' +
        '  - unknown option --hots: did you mean --host?\n' +
        '  - unknown option --bus. Options: --port, --host, --help.\n' +
        '  - --port "99999" is not a TCP port: use a whole number from 1 to 65535, e.g. --port 4010.\n' +
        'Run "jest-eventbridge emulator --help" for usage.',
    );
  });

  it('has its own help', () => {
    const command = parseCommandLine(['emulator', '--help']);
    expect(command.kind === 'help' && command.text.split('\n')[0]).toBe('Usage: jest-eventbridge emulator [options]');
  });
});

describe('jest-eventbridge emulator: running', () => {
  function fakeEmulator(): RunningEmulator & { stopped: number; crash(): void } {
    let crash: () => void = () => undefined;
    const emulator = {
      endpoint: 'http://127.0.0.1:4010',
      pid: 4242,
      motoVersion: '5.2.1',
      fixes: ['JSONPath parses memoized'],
      exited: new Promise<void>((done) => (crash = done)),
      crash: () => crash(),
      stopped: 0,
      stop() {
        emulator.stopped += 1;
        return Promise.resolve();
      },
    };
    return emulator;
  }

  it('prints the endpoint first, runs until interrupted, then stops the emulator', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const emulator = fakeEmulator();
    let interrupt: () => void = () => undefined;
    const started: EmulatorOptions[] = [];
    const status = main(['emulator', '--port', '4010'], {
      stdout: (text) => out.push(text),
      stderr: (text) => err.push(text),
      startEmulator: (options) => {
        started.push(options);
        return Promise.resolve(emulator);
      },
      interrupted: () => new Promise<void>((done) => (interrupt = done)),
    });
    await new Promise(setImmediate);
    expect(started).toMatchObject([{ port: 4010 }]);
    expect(out.join('')).toBe(
      'http://127.0.0.1:4010\n' +
        'jest-eventbridge emulator: moto 5.2.1 at http://127.0.0.1:4010 (pid 4242); fixes: JSONPath parses memoized.\n' +
        'Point clients at it with:\n  export AWS_ENDPOINT_URL=http://127.0.0.1:4010 AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test\n' +
        'Press Ctrl-C to stop.\n',
    );
    expect(emulator.stopped).toBe(0);
    interrupt();
    expect(await status).toBe(0);
    expect(emulator.stopped).toBe(1);
    expect(err).toEqual(['jest-eventbridge emulator: stopped.\n']);
  });

  it('exits 1, saying so, when the emulator ends by itself', async () => {
    const err: string[] = [];
    const emulator = fakeEmulator();
    const status = main(['emulator'], {
      stdout: () => undefined,
      stderr: (text) => err.push(text),
      startEmulator: () => Promise.resolve(emulator),
      interrupted: () => new Promise<void>(() => undefined),
    });
    await new Promise(setImmediate);
    emulator.crash();
    expect(await status).toBe(1);
    expect(err).toEqual([
      'jest-eventbridge emulator: the emulator (pid 4242) exited by itself; http://127.0.0.1:4010 no longer answers.\n',
    ]);
    expect(emulator.stopped).toBe(1);
  });

  it('exits 1 with the launcher’s message when it cannot start', async () => {
    const err: string[] = [];
    const status = await main(['emulator'], {
      stdout: () => undefined,
      stderr: (text) => err.push(text),
      startEmulator: () => Promise.reject(new EmulatorError('Cannot start the emulator: no Python found (tried python3, python).')),
      interrupted: () => Promise.resolve(),
    });
    expect(status).toBe(1);
    expect(err).toEqual(['Cannot start the emulator: no Python found (tried python3, python).\n']);
  });
});
