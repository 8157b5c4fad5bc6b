import { envelopeTimeText } from '../../../../src/core/events/eventTime';
import { envelopeOfEntry, receivedEvent } from '../../../../src/core/events/offlineEnvelope';

describe('offlineEnvelope', () => {
  const now = new Date('2024-05-01T10:00:00.999Z');
  const savedRegion = process.env['AWS_REGION'];
  beforeEach(() => {
    process.env['AWS_REGION'] = 'eu-west-3';
  });
  afterEach(() => {
    if (savedRegion === undefined) delete process.env['AWS_REGION'];
    else process.env['AWS_REGION'] = savedRegion;
  });

  it('turns a put entry into the envelope EventBridge would deliver, with the documented defaults', () => {
    expect(
      envelopeOfEntry(
        {
          source: 'shop.orders',
          detailType: 'OrderPlaced',
          detail: '{"id":12345678901234567890}',
          resources: ['arn:x'],
          eventBusName: 'orders',
        },
        now,
      ),
    ).toStrictEqual({
      ok: true,
      event: {
        version: '0',
        id: '00000000-0000-0000-0000-000000000000',
        'detail-type': 'OrderPlaced',
        source: 'shop.orders',
        account: '123456789012',
        time: '2024-05-01T10:00:00Z',
        region: 'eu-west-3',
        resources: ['arn:x'],
        detail: { id: 12345678901234567890n },
      },
    });
  });

  it("keeps the entry's own time, in whole UTC seconds, and an empty detail when there is none", () => {
    const read = envelopeOfEntry({ source: 's', detailType: 'd', time: '2024-05-01T12:00:01.5+02:00' }, now);
    expect(read.ok && [read.event.time, read.event.detail]).toStrictEqual(['2024-05-01T10:00:01Z', {}]);
    expect(envelopeTimeText(new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 678)))).toBe('2024-01-02T03:04:05Z');
  });

  it('is received in us-east-1 when AWS_REGION is empty', () => {
    process.env['AWS_REGION'] = '';
    const read = envelopeOfEntry({ source: 's', detailType: 'd' }, now);
    expect(read.ok && read.event.region).toBe('us-east-1');
  });

  it('takes an envelope as it is', () => {
    const envelope = { 'detail-type': 'X', source: 's', detail: {} };
    const read = receivedEvent(envelope);
    expect(read.ok && read.event).toBe(envelope);
  });

  it("says what is wrong with a value that is neither, in put()'s words for an entry", () => {
    expect(receivedEvent(null)).toStrictEqual({
      ok: false,
      problem:
        'must be an EventBridge event: an envelope (with "detail-type", as a target receives it) or an entry as put() takes it ({ source, detailType, detail })',
    });
    expect(receivedEvent({ source: 's', detailType: 'd', detail: '[1]' })).toStrictEqual({
      ok: false,
      problem: '(a put entry) "detail" is a string but not a JSON object; pass an object instead.',
    });
  });
});
