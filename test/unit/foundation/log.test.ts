import { createLogger, createPayloadLogger, warn, warningLine, writeStderr } from '../../../src/foundation/log';

describe('the debug log', () => {
  let written: string[];
  let spy: jest.SpyInstance;
  beforeEach(() => {
    written = [];
    spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
  });
  afterEach(() => spy.mockRestore());

  const logBoth = (debug: string | undefined) => {
    const env = debug === undefined ? {} : { DEBUG: debug };
    createLogger('put', env)('put 1 shop.orders OrderPlaced');
    createPayloadLogger(env)('put 1 detail {"orderId":"1"}');
    return written;
  };

  it('is silent without DEBUG, or when DEBUG names other libraries', () => {
    expect(logBoth(undefined)).toEqual([]);
    expect(logBoth('express:*')).toEqual([]);
  });

  it('logs ids, sources and detail-types under jest-eventbridge*, but not payloads', () => {
    expect(logBoth('jest-eventbridge*')).toEqual(['jest-eventbridge:put put 1 shop.orders OrderPlaced\n']);
    expect(logBoth('jest-eventbridge:put')).toEqual([
      'jest-eventbridge:put put 1 shop.orders OrderPlaced\n',
      'jest-eventbridge:put put 1 shop.orders OrderPlaced\n',
    ]);
  });

  it('logs payloads only when DEBUG names jest-eventbridge:payload itself', () => {
    expect(logBoth('jest-eventbridge*, jest-eventbridge:payload')).toEqual([
      'jest-eventbridge:put put 1 shop.orders OrderPlaced\n',
      'jest-eventbridge:payload put 1 detail {"orderId":"1"}\n',
    ]);
  });

  it('does not take a wildcard for the payload namespace', () => {
    expect(logBoth('*')).toEqual(['jest-eventbridge:put put 1 shop.orders OrderPlaced\n']);
  });
});

describe('warningLine', () => {
  it('starts a message with the library name and ends it with a newline', () => {
    expect(warningLine('keep: true: left queue q on bus "orders".')).toBe('jest-eventbridge: keep: true: left queue q on bus "orders".\n');
  });

  it('does not repeat a name the message already carries', () => {
    expect(warningLine('jest-eventbridge: teardown could not remove everything.')).toBe(
      'jest-eventbridge: teardown could not remove everything.\n',
    );
    expect(warningLine('jest-eventbridge emulator: warning: fix x not applied')).toBe(
      'jest-eventbridge emulator: warning: fix x not applied\n',
    );
  });
});

describe('warn', () => {
  afterEach(() => jest.restoreAllMocks());

  it('writes the warning line to stderr', () => {
    const write = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    warn('stopping');
    expect(write).toHaveBeenCalledWith('jest-eventbridge: stopping\n', expect.any(Function));
  });

  it('survives a stderr that throws', () => {
    jest.spyOn(process.stderr, 'write').mockImplementation(() => {
      throw new Error('EPIPE');
    });
    expect(() => writeStderr('text\n')).not.toThrow();
  });

  it('leaves no error listener behind once a write went through', async () => {
    const before = process.stderr.listenerCount('error');
    await new Promise<void>((resolve) => {
      jest.spyOn(process.stderr, 'write').mockImplementation(((_text: string, done?: (error?: Error | null) => void) => {
        done?.(null);
        resolve();
        return true;
      }) as typeof process.stderr.write);
      writeStderr('');
    });
    expect(process.stderr.listenerCount('error')).toBe(before);
  });
});
