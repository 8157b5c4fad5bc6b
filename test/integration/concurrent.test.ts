/**
 * @jest-environment jest-eventbridge/environment
 * @jest-environment-options {"eventBridge": {"eventBusName": "concurrent", "timeout": 3000, "correlation": {"path": "detail.metadata.correlationId"}}}
 */
// test.concurrent with correlation scoping, on a bus of its own (it counts exactly): each test
// stamps its own id and sees only its own events, while the others run at the same time.
const names = ['one', 'two', 'three'] as const;
const stamped: Record<string, string | undefined> = {};

/** Resolves once every concurrent test has put its events: they overlap for certain. */
let arrived = 0;
let allPut = (): void => undefined;
const everyonePut = new Promise<void>((resolve) => (allPut = resolve));

test.concurrent.each(names)('%s sees exactly its own events', async (name) => {
  const id = eventBridge.correlationId;
  stamped[name] = id;
  const results = await eventBridge.put([
    { source: 'concurrent-test', detailType: name, detail: {} },
    { source: 'concurrent-test', detailType: name, detail: {} },
  ]);
  expect(results.map((result) => result.correlationId)).toEqual([id, id]);
  arrived += 1;
  if (arrived === names.length) allPut();
  await everyonePut;
  expect(eventBridge.correlationId).toBe(id);
  await expect(eventBridge).toEmitEventTimes({ source: 'concurrent-test' }, 2, { timeout: 1500 });
  expect(
    eventBridge.events.map((event): unknown[] => [
      event['detail-type'],
      (event.detail.metadata as { correlationId?: unknown }).correlationId,
    ]),
  ).toEqual([
    [name, id],
    [name, id],
  ]);
});

test('gave each concurrent test an id of its own', () => {
  const ids = names.map((name) => stamped[name]);
  expect(new Set(ids).size).toBe(names.length);
  for (const id of ids) expect(id).toMatch(/^jeb-[a-z0-9]+-w\d+-[a-z0-9]{6}:t\d+$/);
});
