import { createLogger, createPayloadLogger } from '../../../src/foundation/log';

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
