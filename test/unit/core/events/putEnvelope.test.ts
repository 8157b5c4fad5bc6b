import { envelopeOfPut } from '../../../../src/core/events/putEnvelope';

describe('envelopeOfPut', () => {
  it('fills the envelope as EventBridge does: version 0, the id, account, region, resources [] and the time received, in whole seconds', () => {
    const event = envelopeOfPut(
      { Source: 'shop.orders', DetailType: 'OrderPlaced', Detail: '{"orderId":"o-1","id":12345678901234567890}', EventBusName: 'orders' },
      { id: 'e-1', account: '123456789012', region: 'eu-west-1', receivedAt: Date.UTC(2026, 0, 2, 3, 4, 5, 678) },
    );
    expect(event).toEqual({
      version: '0',
      id: 'e-1',
      'detail-type': 'OrderPlaced',
      source: 'shop.orders',
      account: '123456789012',
      time: '2026-01-02T03:04:05Z',
      region: 'eu-west-1',
      resources: [],
      detail: { orderId: 'o-1', id: 12345678901234567890n },
    });
  });

  it("keeps the entry's own time and resources, and leaves out an account it does not know", () => {
    const event = envelopeOfPut(
      { Source: 's', DetailType: 'd', Detail: '{}', Time: new Date(Date.UTC(2024, 4, 1, 10, 0, 0)), Resources: ['arn:aws:s3:::b'] },
      { id: 'e-2', region: 'us-east-1', receivedAt: 0 },
    );
    expect(event.time).toBe('2024-05-01T10:00:00Z');
    expect(event.resources).toEqual(['arn:aws:s3:::b']);
    expect('account' in event).toBe(false);
  });
});
