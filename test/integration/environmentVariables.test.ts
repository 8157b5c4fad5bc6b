/**
 * Settings from the environment, through the real environment class of the built package: a
 * child Jest run on test/fixtures/crash whose config names a bus that does not exist, with
 * JEST_EVENTBRIDGE_EVENT_BUS_NAME naming this file's own bus.
 */
import { randomUUID } from 'node:crypto';
import { createEventBus, deleteEventBus } from '../../tools/emulator';
import { runChildJest } from '../fixtures/crash/childRun';
import { listCaptureResources } from './support/leftovers';

const endpoint = process.env.JEST_EVENTBRIDGE_TEST_ENDPOINT_RESOLVED as string;
const BUS = `envvars-${randomUUID().slice(0, 8)}`;
/** Not crash-: the crash tests list crash-* queues account-wide. */
const PREFIX = 'envvars-';
const MISSING_BUS = `envvars-missing-${randomUUID().slice(0, 8)}`;

jest.setTimeout(120_000);

beforeAll(async () => {
  await createEventBus(endpoint, BUS);
});

afterAll(() => deleteEventBus(endpoint, BUS));

describe('JEST_EVENTBRIDGE_* variables', () => {
  it('override the config: the bus comes from JEST_EVENTBRIDGE_EVENT_BUS_NAME', async () => {
    const result = await runChildJest({
      specs: ['logsEvents.spec.js'],
      bus: MISSING_BUS,
      env: { JEST_EVENTBRIDGE_EVENT_BUS_NAME: BUS, JEB_CRASH_PREFIX: PREFIX },
    });
    expect({ code: result.code, output: result.output }).toEqual({ code: 0, output: expect.stringContaining('1 passed') });
    expect(await listCaptureResources(endpoint, [BUS], PREFIX)).toEqual({ queues: [], rules: [] });
  });

  it('yield to a docblock for what it sets, which then needs no bus name of its own', async () => {
    const result = await runChildJest({
      specs: ['docblockWithoutBus.spec.js'],
      bus: MISSING_BUS,
      env: { JEST_EVENTBRIDGE_EVENT_BUS_NAME: BUS, JEST_EVENTBRIDGE_TIMEOUT: '20000' },
    });
    expect({ code: result.code, output: result.output }).toEqual({ code: 0, output: expect.stringContaining('1 passed') });
  });

  it('fail the file before any AWS call when a value is bad, naming every bad variable', async () => {
    const result = await runChildJest({
      specs: ['logsEvents.spec.js'],
      bus: BUS,
      env: { JEST_EVENTBRIDGE_KEEP: 'yes', JEST_EVENTBRIDGE_TIMEOUT: '5s', JEB_CRASH_PREFIX: PREFIX },
    });
    expect(result.code).toBe(1);
    // Jest indents the message; each line is checked in its place.
    expect(result.output).toMatch(
      new RegExp(
        [
          'ConfigurationError: jest-eventbridge: invalid environment variables\\.',
          '\\s+- JEST_EVENTBRIDGE_KEEP must be "true" or "false" \\(or 1 or 0\\), got "yes"\\.',
          '\\s+- JEST_EVENTBRIDGE_TIMEOUT must be a whole number of milliseconds such as 20000, got "5s"\\.',
        ].join('\n'),
      ),
    );
    expect(await listCaptureResources(endpoint, [BUS], PREFIX)).toEqual({ queues: [], rules: [] });
  });
});
