// Local flows from the installed package (the `emulator: true` runs give `local` the service's
// SAM template): the handler runs for the rule's events, its invocations are recorded, and a
// failing matcher names the handler's error. The e2e test expects exactly 2 tests from this file.
const { eventBridge } = require('jest-eventbridge');

describe('local flows', () => {
  it("runs the template's TypeScript handler for its rule", async () => {
    await eventBridge.put({ source: 'e2e.local', detailType: 'Ping', detail: { n: 1 } });
    await expect(eventBridge).toEmitEvent({ source: 'e2e.local', 'detail-type': 'Pong', detail: { n: 1 } });
    const calls = await eventBridge.waitForInvocations();
    expect(calls.map((call) => [call.logicalId, call.outcome, call.attempt])).toEqual([['PongFunction', 'success', 1]]);
  });

  it('names the failing handler in the failure message', async () => {
    await eventBridge.put({ source: 'e2e.local', detailType: 'Ping', detail: { n: -1 } });
    const calls = await eventBridge.waitForInvocations();
    expect(calls.map((call) => [call.outcome, call.attempt, call.attempts])).toEqual([
      ['error', 1, 3],
      ['error', 2, 3],
      ['error', 3, 3],
    ]);
    await expect(expect(eventBridge).toEmitEvent({ 'detail-type': 'Pong' }, { timeout: 300 })).rejects.toThrow(
      /PongFunction threw RangeError: n must be positive, got -1 on event .* \(Ping\) at pong\.ts:\d+:\d+ \(attempt 3 of 3\)/,
    );
  });
});
