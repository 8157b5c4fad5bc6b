import { acceptedEntries, endToEndHeaders } from '../../../../src/local/lineage/endpointProxy';

describe('endToEndHeaders', () => {
  it('keeps every end-to-end header as sent (case, order, repeats) and drops the hop-by-hop ones', () => {
    expect(
      endToEndHeaders([
        'Host',
        '127.0.0.1:5000',
        'Connection',
        'keep-alive, X-Hop',
        'X-Hop',
        'dropped: named by Connection',
        'Authorization',
        'AWS4-HMAC-SHA256 Credential=test/20261201/us-east-1/events/aws4_request, Signature=ab',
        'Transfer-Encoding',
        'chunked',
        'Keep-Alive',
        'timeout=5',
        'X-Amz-Target',
        'AWSEvents.PutEvents',
        'x-amz-meta',
        'one',
        'x-amz-meta',
        'two',
      ]),
    ).toEqual([
      'Host',
      '127.0.0.1:5000',
      'Authorization',
      'AWS4-HMAC-SHA256 Credential=test/20261201/us-east-1/events/aws4_request, Signature=ab',
      'X-Amz-Target',
      'AWSEvents.PutEvents',
      'x-amz-meta',
      'one',
      'x-amz-meta',
      'two',
    ]);
  });
});

describe('acceptedEntries', () => {
  const request = JSON.stringify({
    Entries: [
      { Source: 's', DetailType: 'First', Detail: '{}' },
      { Source: 's', DetailType: 'Refused', Detail: 'x' },
      { Source: 's', Detail: '{}' },
    ],
  });

  it("pairs the answer's event ids with the request's detail-types, by position, skipping failed entries", () => {
    const response = JSON.stringify({
      FailedEntryCount: 1,
      Entries: [{ EventId: 'id-1' }, { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' }, { EventId: 'id-3' }],
    });
    expect(acceptedEntries(request, response)).toEqual([
      { eventId: 'id-1', detailType: 'First' },
      { eventId: 'id-3', detailType: undefined },
    ]);
  });

  it('gives none for text that is not a PutEvents answer', () => {
    expect(acceptedEntries(request, '<Error/>')).toEqual([]);
    expect(acceptedEntries(request, 'null')).toEqual([]);
    expect(acceptedEntries(request, '{"Entries": "no"}')).toEqual([]);
  });

  it('still gives the event ids when the request cannot be read', () => {
    expect(acceptedEntries('not json', JSON.stringify({ Entries: [{ EventId: 'id-1' }] }))).toEqual([
      { eventId: 'id-1', detailType: undefined },
    ]);
  });
});
