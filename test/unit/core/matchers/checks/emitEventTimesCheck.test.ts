import { emitEventTimesCheck } from '../../../../../src/core/matchers/checks/emitEventTimesCheck';
import { arrivals, compiled, envelope } from '../checkTestSupport';

describe('emitEventTimesCheck', () => {
  const expectation = compiled({ 'detail-type': 'A' });
  const events = arrivals(envelope({ 'detail-type': 'A' }), envelope({ 'detail-type': 'B' }), envelope({ 'detail-type': 'A' }));

  it('fails, still waiting, with fewer matches than asked', () => {
    expect(emitEventTimesCheck(expectation, 3, events)).toEqual({
      pass: false,
      final: false,
      data: { expectation, times: 3, matching: [0, 2] },
    });
  });

  it('passes with exactly n, but keeps waiting: another could still come', () => {
    expect(emitEventTimesCheck(expectation, 2, events)).toEqual({
      pass: true,
      final: false,
      data: { expectation, times: 2, matching: [0, 2] },
    });
  });

  it('fails for good with one too many', () => {
    expect(emitEventTimesCheck(expectation, 1, events)).toEqual({
      pass: false,
      final: true,
      data: { expectation, times: 1, matching: [0, 2] },
    });
  });

  it('passes n = 0 on no match, until one arrives', () => {
    expect(emitEventTimesCheck(expectation, 0, [])).toEqual({ pass: true, final: false, data: { expectation, times: 0, matching: [] } });
    expect(emitEventTimesCheck(expectation, 0, events.slice(0, 1))).toEqual({
      pass: false,
      final: true,
      data: { expectation, times: 0, matching: [0] },
    });
  });
});
