import {
  REDACTED,
  redactDelivered,
  redactDetail,
  redactEnvelope,
  pathsMatched,
  redactPathsProblem,
  scrubText,
  secretTexts,
  valuesAt,
} from '../../../src/core/report/redact';

describe('redact paths', () => {
  it('accepts detail paths and names what is wrong with others', () => {
    expect(redactPathsProblem([])).toBeUndefined();
    expect(redactPathsProblem(['detail.card.number', 'detail.email'])).toBeUndefined();
    expect(redactPathsProblem('detail.card')).toBe('must be an array of paths in the event\'s detail, like ["detail.card.number"]');
    expect(redactPathsProblem(['card.number', 'detail', 'detail..x', 3])).toBe(
      'must hold paths that start at detail, with a key after each dot, like "detail.card.number"; got "card.number", "detail", "detail..x", number',
    );
  });
});

describe('redact paths in JSONPath style', () => {
  it('are refused with the rule, not accepted to mask nothing', () => {
    expect(redactPathsProblem(['detail.items[0].card', 'detail.*', 'detail.card'])).toBe(
      'must hold plain keys, without [ ] or *: a path through an array applies to each of its items (write "detail.items.card" for every item\'s card); got "detail.items[0].card", "detail.*"',
    );
  });

  it('tells which paths found a value', () => {
    expect(
      pathsMatched({ card: { number: '1' }, items: [{ sku: 's' }] }, ['detail.card.number', 'detail.items.sku', 'detail.crad']),
    ).toEqual(['detail.card.number', 'detail.items.sku']);
  });
});

describe('redactDetail', () => {
  const detail = { orderId: 'o-1', card: { number: '4111', holder: 'A' }, items: [{ sku: 's', card: 'c1' }, { sku: 't' }] };

  it('masks the value at each path, through arrays, and leaves the input as it was', () => {
    expect(redactDetail(detail, ['detail.card.number', 'detail.items.card'])).toEqual({
      orderId: 'o-1',
      card: { number: REDACTED, holder: 'A' },
      items: [{ sku: 's', card: REDACTED }, { sku: 't' }],
    });
    expect(detail.card.number).toBe('4111');
  });

  it('masks a whole object, and leaves a path that is not there alone', () => {
    expect(redactDetail(detail, ['detail.card', 'detail.customer.email'])).toEqual({ ...detail, card: REDACTED });
    expect(redactDetail('text', ['detail.card'])).toBe('text');
  });

  it('masks in an envelope and in what a target received (an envelope, or a cut of its detail)', () => {
    expect(redactEnvelope({ id: '1', detail }, ['detail.card.number'])).toEqual({
      id: '1',
      detail: { ...detail, card: { number: REDACTED, holder: 'A' } },
    });
    expect(redactDelivered({ id: '1', detail }, ['detail.card'])).toEqual({ id: '1', detail: { ...detail, card: REDACTED } });
    expect(redactDelivered(detail, ['detail.card'])).toEqual({ ...detail, card: REDACTED });
  });
});

describe('masking in messages', () => {
  it('collects the texts of masked values, long enough to mean something', () => {
    const detail = { card: { number: '4111111111111111', cvc: 123, pin: 98765 }, email: 'a@b.example' };
    expect(valuesAt(detail, ['detail.card', 'detail.email'])).toEqual([detail.card, 'a@b.example']);
    expect(secretTexts(detail.card)).toEqual(['4111111111111111', '98765']);
  });

  it('collects a string as a message escapes it too', () => {
    expect(secretTexts('say "hi"\n')).toEqual(['say "hi"\n', 'say \\"hi\\"\\n']);
    expect(scrubText('Received: "say \\"hi\\"\\n"', new Set(secretTexts('say "hi"\n')))).toBe(`Received: "${REDACTED}"`);
  });

  it('replaces each text, the longest first', () => {
    expect(scrubText('card 4111111111111111, pin 1111', new Set(['1111', '4111111111111111']))).toBe(`card ${REDACTED}, pin ${REDACTED}`);
  });
});
