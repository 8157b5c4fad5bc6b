/**
 * @jest-environment jest-eventbridge/environment
 * @jest-environment-options {"eventBridge": {"eventBusName": "integration", "timeout": 3000}}
 */
// test.concurrent without correlation scoping: arrival time cannot tell the tests' events apart,
// so matchers and `events` fail with a clear error instead of counting a mix.
/* The refused matcher's promise is handed to an outer expect's rejects: jest/valid-expect
   cannot follow it there. */
/* eslint-disable jest/valid-expect */
const refusal = (name: string) =>
  `jest-eventbridge cannot tell the events of concurrent test "${name} is refused a view" from those of the test.concurrent tests running at the same time: without correlation scoping, a test sees events by arrival time only.`;

test.concurrent.each(['one', 'two'])('%s is refused a view', async (name) => {
  await expect(expect(eventBridge).toEmitEvent({ source: 'never' }, { timeout: 100 })).rejects.toThrow(refusal(name));
  expect(() => eventBridge.events).toThrow(refusal(name));
});

test('a sequential test after them sees as usual', async () => {
  expect(eventBridge.events).toEqual([]);
  await expect(eventBridge).not.toEmitEvent({ source: 'never' }, { timeout: 100 });
});
