import { firstFrame, invocationNotes, lastAttempts, MAX_LISTED_INVOCATIONS } from '../../../src/session/invocationNotes';
import type { InvocationRecord } from '../../../src/local/stackModel';

function attempt(overrides: Partial<InvocationRecord>): InvocationRecord {
  return {
    functionName: 'svc-ConfirmOrder-ABC',
    logicalId: 'ConfirmOrder',
    requestId: 'r1',
    eventId: 'e1',
    ruleName: 'svc-rule',
    attempt: 1,
    attempts: 3,
    startedAt: 0,
    durationMs: 12.4,
    outcome: 'success',
    ...overrides,
  };
}

const declined = {
  name: 'TypeError',
  message: 'card declined',
  stack: 'TypeError: card declined\n    at handler (file:///srv/app/src/payment.mjs:8:44)\n    at run (node:internal/x:1:1)',
};

describe('invocationNotes', () => {
  it('lists nothing when the events caused no invocation', () => {
    expect(invocationNotes([attempt({ eventId: 'other' })], new Set(['e1']), () => undefined)).toEqual([]);
  });

  it('gives each invocation its last attempt, failures first, with where the error was thrown', () => {
    const records = [
      attempt({}),
      attempt({ logicalId: 'TakePayment', requestId: 'r2', eventId: 'e2', outcome: 'error', error: declined, attempt: 1, attempts: 2 }),
      attempt({ logicalId: 'TakePayment', requestId: 'r2', eventId: 'e2', outcome: 'error', error: declined, attempt: 2, attempts: 2 }),
    ];
    const detailTypes: Record<string, string> = { e1: 'OrderPlaced', e2: 'OrderConfirmed' };
    expect(invocationNotes(records, new Set(['e1', 'e2']), (id) => detailTypes[id])).toEqual([
      'Local invocations caused by the events in view (2):',
      '  TakePayment threw TypeError: card declined on event e2 (OrderConfirmed) at payment.mjs:8:44 (attempt 2 of 2)',
      '  ConfirmOrder handled event e1 (OrderPlaced) in 12 ms (attempt 1 of 3)',
    ]);
  });

  it('words a timeout as Lambda does, and counts what it does not list', () => {
    const timedOut = attempt({ outcome: 'timeout', error: { name: 'Sandbox.Timedout', message: 'Task timed out after 1.00 seconds' } });
    expect(invocationNotes([timedOut], new Set(['e1']), () => undefined)).toEqual([
      'Local invocations caused by the events in view (1):',
      '  ConfirmOrder Task timed out after 1.00 seconds on event e1 (attempt 1 of 3)',
    ]);
    const many = Array.from({ length: MAX_LISTED_INVOCATIONS + 2 }, (_, index) => attempt({ requestId: `r${index}` }));
    const lines = invocationNotes(many, new Set(['e1']), () => undefined);
    expect(lines).toHaveLength(MAX_LISTED_INVOCATIONS + 2);
    expect(lines.at(-1)).toBe('  … and 2 more (eventBridge.invocations has them all)');
  });
});

describe('lastAttempts and firstFrame', () => {
  it('keeps the latest attempt per request id, in the order invocations ended', () => {
    const a1 = attempt({ requestId: 'a', attempt: 1 });
    const b1 = attempt({ requestId: 'b' });
    const a2 = attempt({ requestId: 'a', attempt: 2 });
    expect(lastAttempts([a1, b1, a2])).toEqual([b1, a2]);
  });

  it('reads the file, line and column of the first frame', () => {
    expect(firstFrame(declined.stack)).toBe('payment.mjs:8:44');
    expect(firstFrame('Error: x\n    at /srv/app/index.js:3:9')).toBe('index.js:3:9');
    expect(firstFrame('no frames')).toBeUndefined();
    expect(firstFrame(undefined)).toBeUndefined();
  });
});
