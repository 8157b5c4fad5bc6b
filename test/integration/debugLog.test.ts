/**
 * The debug log a user gets with DEBUG=jest-eventbridge*: a child Jest run on the built package
 * (test/fixtures/crash, spec logsEvents.spec.js, a bus and name prefix of this file's own) logs readiness
 * attempts, each put (id, source, detail-type), each received event, each matcher's wait and
 * verdict, and each teardown step; an event's detail only when jest-eventbridge:payload is named.
 */
import { randomUUID } from 'node:crypto';
import { createEventBus, deleteEventBus } from '../../tools/emulator';
import { runChildJest } from '../fixtures/crash/childRun';

const endpoint = process.env.JEST_EVENTBRIDGE_TEST_ENDPOINT_RESOLVED as string;
const BUS = `debuglog-${randomUUID().slice(0, 8)}`;
/** Not crash-: the crash tests list crash-* queues account-wide. */
const PREFIX = 'dbglog-';

jest.setTimeout(120_000);

beforeAll(async () => {
  await createEventBus(endpoint, BUS);
});

afterAll(() => deleteEventBus(endpoint, BUS));

/** The lines of the child run's output in one debug namespace, without the namespace. */
function linesOf(output: string, namespace: string): string[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith(`${namespace} `))
    .map((line) => line.slice(namespace.length + 1));
}

async function run(debug: string): Promise<string> {
  const result = await runChildJest({ specs: ['logsEvents.spec.js'], bus: BUS, env: { DEBUG: debug, JEB_CRASH_PREFIX: PREFIX } });
  expect({ code: result.code, signal: result.signal }).toEqual({ code: 0, signal: null });
  return result.output;
}

describe('DEBUG=jest-eventbridge*', () => {
  it('logs readiness, puts, received events, matcher waits and verdicts, and teardown, without payloads', async () => {
    const output = await run('jest-eventbridge*');

    const puts = linesOf(output, 'jest-eventbridge:put');
    expect(puts).toEqual([expect.stringMatching(/^put \S+ debuglog\.test DebugLogged$/)]);
    const eventId = puts[0]?.split(' ')[1];
    expect(linesOf(output, 'jest-eventbridge:events')).toEqual([`received ${eventId} debuglog.test DebugLogged`]);

    const matcher = linesOf(output, 'jest-eventbridge:matcher');
    expect(matcher).toEqual([
      expect.stringMatching(new RegExp(`^toEmitEvent: waiting up to 5000 ms on bus "${BUS}" via queue ${PREFIX}\\S+$`)),
      expect.stringMatching(/^toEmitEvent: passes after \d+ ms \(early\), 1 event in view$/),
      expect.stringMatching(new RegExp(`^\\.not\\.toEmitEvent: waiting up to 300 ms on bus "${BUS}" via queue ${PREFIX}\\S+$`)),
      expect.stringMatching(/^\.not\.toEmitEvent: passes after \d+ ms \(when the window ran out\), 1 event in view$/),
    ]);

    const capture = linesOf(output, 'jest-eventbridge:capture');
    const name = new RegExp(`^created (${PREFIX}\\S+) with pattern `).exec(capture[0] ?? '')?.[1];
    expect(name).toBeDefined();
    // Rule and queue are removed in parallel, in either order: checked apart from the rest.
    expect([...capture.slice(0, -3), capture.at(-1)]).toEqual([
      expect.stringMatching(new RegExp(`^created ${PREFIX}\\S+ with pattern \\{.*\\}$`)),
      `readiness: putting canary 1 on bus "${BUS}"`,
      'readiness: waiting up to 1000 ms for canary 1',
      // A slow emulator may need a second canary: the attempts in between are optional.
      ...capture.slice(3, -7),
      expect.stringMatching(/^ready after \d+ ms$/),
      `teardown: ${name}, events captured: 1`,
      'teardown: consumer stopped',
      `teardown: removed target jest-eventbridge-capture of rule ${name}`,
      expect.stringMatching(/^teardown: done in \d+ ms$/),
    ]);
    expect(capture.slice(-3, -1).sort()).toEqual([`teardown: removed queue ${name}`, `teardown: removed rule ${name} on bus ${BUS}`]);

    expect(output).not.toContain('payload-marker-42');
    expect(linesOf(output, 'jest-eventbridge:payload')).toEqual([]);
  });

  it('logs details only when jest-eventbridge:payload is named', async () => {
    const output = await run('jest-eventbridge*,jest-eventbridge:payload');
    const eventId = linesOf(output, 'jest-eventbridge:put')[0]?.split(' ')[1];
    // Sorted: the consumer can receive the event before put() has logged it (PutEvents answers
    // after delivering, and the capture's long poll may wake first), so the order is not defined.
    expect(linesOf(output, 'jest-eventbridge:payload').sort()).toEqual([
      `put ${eventId} detail {"secret":"payload-marker-42"}`,
      `received ${eventId} detail {"secret":"payload-marker-42"}`,
    ]);
  });
});
