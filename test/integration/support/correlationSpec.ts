/**
 * The body of the correlation-*.test.ts files: each puts the same kinds of events on one bus
 * at the same time as the others, and must see exactly its own.
 */
export function correlationSpec(file: string): void {
  const burst = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ source: 'shop.orders', detailType: 'ItemReserved', detail: { file, sku: `SKU-${i}` } }));
  let firstTestCorrelationId: string | undefined;

  describe(`correlation scoping (file ${file})`, () => {
    it('stamps every put with this test’s id and counts only its own events', async () => {
      firstTestCorrelationId = eventBridge.correlationId;
      expect(firstTestCorrelationId).toMatch(/^jeb-[a-z0-9]+-w\d+-[a-z0-9]{6}:t1$/);
      const results = await eventBridge.put(burst(5));
      expect(results.every((r) => r.correlationId === firstTestCorrelationId)).toBe(true);
      await expect(eventBridge).toEmitEventTimes({ 'detail-type': 'ItemReserved' }, 5, { timeout: 2500 });
      expect(eventBridge.events.every((event) => event.detail.metadata.correlationId === firstTestCorrelationId)).toBe(true);
      expect(eventBridge.events.every((event) => event.detail.file === file)).toBe(true);
    });

    it('does not see a late event of an earlier test', async () => {
      expect(eventBridge.correlationId).not.toBe(firstTestCorrelationId);
      // An event carrying the first test's id arrives now, as a slow service's reply would.
      await eventBridge.put({
        source: 'shop.orders',
        detailType: 'Late',
        detail: { file, metadata: { correlationId: firstTestCorrelationId } },
      });
      await eventBridge.put({ source: 'shop.orders', detailType: 'OnTime', detail: { file } });
      await expect(eventBridge).toEmitEvent({ 'detail-type': 'OnTime' });
      await expect(eventBridge).not.toEmitEvent({ 'detail-type': 'Late' }, { timeout: 1000 });
      expect(eventBridge.events.map((event) => event['detail-type'])).toEqual(['OnTime']);
    });
  });
}
