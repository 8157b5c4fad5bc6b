/**
 * @jest-environment jest-eventbridge/environment
 * @jest-environment-options {"eventBridge": {"eventBusName": "ordered", "timeout": 3000, "capturePattern": {"source": ["ordered-test"]}}}
 */
import { stripVTControlCharacters } from 'node:util';

const at = (type: string, time: string) => ({ source: 'ordered-test', detailType: type, time });

describe('toEmitEvents', () => {
  it('orders by EventBridge time, not by arrival', async () => {
    // Put B first, but stamped a minute before A.
    await eventBridge.put(at('B', '2026-11-23T10:00:00Z'));
    await eventBridge.put(at('A', '2026-11-23T10:01:00Z'));
    await expect(eventBridge).toEmitEvents([{ 'detail-type': 'B' }, { 'detail-type': 'A' }], { ordered: true });
    await expect(eventBridge).toEmitEvents([{ 'detail-type': 'A' }, { 'detail-type': 'B' }]);
    await expect(eventBridge).not.toEmitEvents([{ 'detail-type': 'A' }, { 'detail-type': 'B' }], { ordered: true, timeout: 300 });
  });

  it('needs a distinct event for each expectation', async () => {
    await eventBridge.put(at('A', '2026-11-23T10:00:00Z'));
    let message = '';
    try {
      await expect(eventBridge).toEmitEvents([{ 'detail-type': 'A' }, { source: 'ordered-test' }], { timeout: 500 });
    } catch (error) {
      message = stripVTControlCharacters((error as Error).message);
    }
    expect(message).toContain('Matched 1 of 2.');
    expect(message).toMatch(/1\. \{"detail-type": "A"\} — matched by event 1\n {2}2\. \{"source": "ordered-test"\} — not matched/);
  });
});
