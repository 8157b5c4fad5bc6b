import { emitEventCheck } from '../../../../../src/core/matchers/checks/emitEventCheck';
import { arrivals, compiled, envelope } from '../checkTestSupport';

describe('emitEventCheck', () => {
  const expectation = compiled({ 'detail-type': 'OrderConfirmed' });

  it('is pending and failing while nothing matches', () => {
    const events = arrivals(envelope({ 'detail-type': 'OrderPlaced' }));
    expect(emitEventCheck(expectation, events)).toEqual({ pass: false, final: false, data: { expectation, match: undefined } });
  });

  it('is final and passing at the first match, which it reports with its position', () => {
    const events = arrivals(
      envelope({ 'detail-type': 'OrderPlaced' }),
      envelope({ 'detail-type': 'OrderConfirmed' }),
      envelope({ 'detail-type': 'OrderConfirmed' }),
    );
    expect(emitEventCheck(expectation, events)).toEqual({
      pass: true,
      final: true,
      data: { expectation, match: { captured: events[1], index: 1 } },
    });
  });
});
