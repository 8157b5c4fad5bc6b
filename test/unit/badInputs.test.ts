/**
 * Bad input, table-driven: each row is a mistake a user can make, and the exact message they
 * see for it. Options go through validateOptions (as the environment does), events through
 * toRequestEntry and the handle's put() (as a spec does), matcher arguments through the
 * matchers on a fake capture. The rows that need AWS are in test/integration/badInputs.test.ts.
 */
import { stripVTControlCharacters } from 'node:util';
import type { AwsClients } from '../../src/aws/awsClients';
import { CaptureSession } from '../../src/session/CaptureSession';
import { createEventBridgeHandle } from '../../src/handle/createEventBridgeHandle';
import { stampCorrelation } from '../../src/core/events/correlation';
import { toRequestEntry, type PutEntry } from '../../src/core/events/putEntries';
import { eventPattern } from '../../src/core/expectations/eventPattern';
import { validateOptions } from '../../src/session/options/validateOptions';
import { validateJestOptions } from '../../src/runners/jest/jestOptions';
import { fakeCapture } from './support/fakeCapture';
import './core/matchers/matcherTestSupport';

interface BadInput {
  readonly input: string;
  readonly run: () => unknown;
  readonly message: string;
}

/** The message of whatever `run` throws or rejects with, without colours. */
async function messageOf(run: () => unknown): Promise<string> {
  try {
    await run();
  } catch (error) {
    return stripVTControlCharacters(error instanceof Error ? error.message : String(error));
  }
  throw new Error('expected it to throw');
}

const options = (raw: unknown, testTimeout?: number) => () => validateJestOptions(raw, testTimeout === undefined ? {} : { testTimeout });
const entry = (value: unknown) => () => toRequestEntry(value, 0, 'orders');
const valid = { source: 'shop.orders', detailType: 'OrderPlaced' };

const circular: Record<string, unknown> = { order: { id: 'o-1' } };
(circular.order as Record<string, unknown>).parent = circular.order;

/** Clients that fail any call: these paths must not reach AWS (and no SDK client is built). */
const noAws = Object.fromEntries(
  ['eventBridge', 'sqs', 'sts'].map((client) => [
    client,
    { send: () => Promise.reject(new Error(`unexpected AWS call on ${client}`)), destroy: () => undefined },
  ]),
) as unknown as AwsClients;

/** put() on a session that is never started: entries are checked before any AWS call is made. */
async function putThenStop(entries: readonly PutEntry[]): Promise<unknown> {
  const session = new CaptureSession({
    options: validateOptions({ eventBusName: 'orders', region: 'us-east-1', endpoint: 'http://127.0.0.1:9' }),
    testPath: __filename,
    clients: noAws,
    warn: () => undefined,
  });
  try {
    return await createEventBridgeHandle(session).put(entries);
  } finally {
    await session.stop();
  }
}

const OPTIONS: BadInput[] = [
  {
    input: 'no eventBridge options at all',
    run: options(undefined),
    message:
      "jest-eventbridge: testEnvironmentOptions.eventBridge is missing. Add it to your Jest config, for example testEnvironmentOptions: { eventBridge: { eventBusName: 'my-bus' } }.",
  },
  {
    input: 'options that are a string',
    run: options('orders'),
    message: 'jest-eventbridge: testEnvironmentOptions.eventBridge must be an object like { eventBusName: \'my-bus\' }, got "orders".',
  },
  {
    input: 'no eventBusName',
    run: options({}),
    message:
      'jest-eventbridge: invalid options. "testEnvironmentOptions.eventBridge.eventBusName" is required: the name or ARN of the bus your service uses, e.g. testEnvironmentOptions: { eventBridge: { eventBusName: \'my-bus\' } }.',
  },
  {
    input: 'eventBusName that is a number',
    run: options({ eventBusName: 42 }),
    message:
      'jest-eventbridge: invalid options. "testEnvironmentOptions.eventBridge.eventBusName" must be a string (a bus name or ARN), got 42.',
  },
  {
    input: 'eventBusName with spaces',
    run: options({ eventBusName: 'my orders!' }),
    message:
      'jest-eventbridge: invalid options. "testEnvironmentOptions.eventBridge.eventBusName" "my orders!" is not a valid bus name (letters, digits, . - _ /, at most 256) or event-bus ARN.',
  },
  {
    input: 'a misspelt option',
    run: options({ eventBusName: 'orders', timout: 5000 }),
    message: 'jest-eventbridge: invalid options. "testEnvironmentOptions.eventBridge.timout" is not an option: did you mean "timeout"?',
  },
  {
    input: 'a misspelt option in other case',
    run: options({ eventBusName: 'orders', EventBusName: 'orders' }),
    message:
      'jest-eventbridge: invalid options. "testEnvironmentOptions.eventBridge.EventBusName" is not an option: did you mean "eventBusName"?',
  },
  {
    input: 'an unknown option',
    run: options({ eventBusName: 'orders', colour: 'red' }),
    message:
      'jest-eventbridge: invalid options. "testEnvironmentOptions.eventBridge.colour" is not an option. Known options: eventBusName, region, endpoint, emulator, capturePattern, mirrorRule, timeout, correlation, resourcePrefix, keep, captureScope, readinessTimeout, maxStoredEvents, maxAttempts, retryMode, sweep, sweepOlderThan, local.',
  },
  {
    input: 'a region that is not one',
    run: options({ eventBusName: 'orders', region: 'Ireland' }),
    message:
      'jest-eventbridge: invalid options. "testEnvironmentOptions.eventBridge.region" must be an AWS region such as "us-east-1", got "Ireland".',
  },
  {
    input: 'an endpoint without a scheme',
    run: options({ eventBusName: 'orders', endpoint: 'localhost:4566' }),
    message:
      'jest-eventbridge: invalid options. "testEnvironmentOptions.eventBridge.endpoint" must be an http(s) URL such as "http://127.0.0.1:4566", got "localhost:4566".',
  },
  {
    input: 'a capturePattern that is a string',
    run: options({ eventBusName: 'orders', capturePattern: 'all' }),
    message:
      'jest-eventbridge: invalid options. "testEnvironmentOptions.eventBridge.capturePattern" must be an EventBridge event pattern object, got "all".',
  },
  {
    input: 'a capturePattern EventBridge would refuse',
    run: options({ eventBusName: 'orders', capturePattern: { source: 'shop.orders' } }),
    message:
      'jest-eventbridge: invalid options. "testEnvironmentOptions.eventBridge.capturePattern": Event pattern is not valid. Reason: "source" must be an object or an array (at source)',
  },
  {
    input: 'a negative timeout',
    run: options({ eventBusName: 'orders', timeout: -1 }),
    message:
      'jest-eventbridge: invalid options. "testEnvironmentOptions.eventBridge.timeout" must be a positive number of milliseconds (e.g. 10000), got -1.',
  },
  {
    input: 'a timeout as text',
    run: options({ eventBusName: 'orders', timeout: '5s' }),
    message:
      'jest-eventbridge: invalid options. "testEnvironmentOptions.eventBridge.timeout" must be a positive number of milliseconds (e.g. 10000), got "5s".',
  },
  {
    input: "a timeout not below Jest's testTimeout",
    run: options({ eventBusName: 'orders', timeout: 5000 }, 5000),
    message:
      'jest-eventbridge: invalid options. "testEnvironmentOptions.eventBridge.timeout" (5000 ms) is not below Jest\'s testTimeout (5000 ms): Jest would stop the test before a matcher could report what arrived. Raise testTimeout (the jest-eventbridge preset sets 30000) or lower the timeout.',
  },
  {
    input: 'a readinessTimeout of 0',
    run: options({ eventBusName: 'orders', readinessTimeout: 0 }),
    message:
      'jest-eventbridge: invalid options. "testEnvironmentOptions.eventBridge.readinessTimeout" must be a positive number of milliseconds (e.g. 10000), got 0.',
  },
  {
    input: 'a correlation path outside detail',
    run: options({ eventBusName: 'orders', correlation: { path: 'metadata.correlationId' } }),
    message:
      "jest-eventbridge: invalid options. \"testEnvironmentOptions.eventBridge.correlation\" must be { path: 'detail.<field>' }, a dotted path inside the event's detail such as 'detail.metadata.correlationId', got \"metadata.correlationId\".",
  },
  {
    input: 'a correlation given as a bare path',
    run: options({ eventBusName: 'orders', correlation: 'detail.correlationId' }),
    message:
      "jest-eventbridge: invalid options. \"testEnvironmentOptions.eventBridge.correlation\" must be { path: 'detail.<field>' }, a dotted path inside the event's detail such as 'detail.metadata.correlationId', got \"detail.correlationId\".",
  },
  {
    input: 'a resourcePrefix with a colon',
    run: options({ eventBusName: 'orders', resourcePrefix: 'jeb:' }),
    message:
      'jest-eventbridge: invalid options. "testEnvironmentOptions.eventBridge.resourcePrefix" must be 1 to 20 letters, digits, "-" or "_" (queue and rule names allow no more), got "jeb:".',
  },
  {
    input: 'keep as a string',
    run: options({ eventBusName: 'orders', keep: 'yes' }),
    message: 'jest-eventbridge: invalid options. "testEnvironmentOptions.eventBridge.keep" must be true or false, got "yes".',
  },
  {
    input: 'an unknown captureScope',
    run: options({ eventBusName: 'orders', captureScope: 'suite' }),
    message:
      'jest-eventbridge: invalid options. "testEnvironmentOptions.eventBridge.captureScope" must be "worker" (one capture per worker, reused by its files) or "file" (one per test file), got "suite".',
  },
  {
    input: 'a fractional maxStoredEvents',
    run: options({ eventBusName: 'orders', maxStoredEvents: 1.5 }),
    message:
      'jest-eventbridge: invalid options. "testEnvironmentOptions.eventBridge.maxStoredEvents" must be a positive whole number, got 1.5.',
  },
  {
    input: 'maxAttempts of 0',
    run: options({ eventBusName: 'orders', maxAttempts: 0 }),
    message:
      'jest-eventbridge: invalid options. "testEnvironmentOptions.eventBridge.maxAttempts" must be a whole number from 1 to 20, got 0.',
  },
  {
    input: 'an unknown retryMode',
    run: options({ eventBusName: 'orders', retryMode: 'legacy' }),
    message:
      'jest-eventbridge: invalid options. "testEnvironmentOptions.eventBridge.retryMode" must be "standard" or "adaptive", got "legacy".',
  },
  {
    input: 'several problems at once',
    run: options({ eventBusName: '', timeout: 0, keep: 1 }),
    message: `jest-eventbridge: invalid options.
  - "testEnvironmentOptions.eventBridge.eventBusName" is required: the name or ARN of the bus your service uses, e.g. testEnvironmentOptions: { eventBridge: { eventBusName: 'my-bus' } }.
  - "testEnvironmentOptions.eventBridge.timeout" must be a positive number of milliseconds (e.g. 10000), got 0.
  - "testEnvironmentOptions.eventBridge.keep" must be true or false, got 1.`,
  },
];

const EVENTS: BadInput[] = [
  {
    input: 'an entry that is null',
    run: entry(null),
    message: 'put(): entry 0 must be an object like { source, detailType, detail }, got null.',
  },
  {
    input: 'an entry that is a string',
    run: entry('OrderPlaced'),
    message: 'put(): entry 0 must be an object like { source, detailType, detail }, got "OrderPlaced".',
  },
  {
    input: 'an entry without source',
    run: entry({ detailType: 'OrderPlaced' }),
    message: 'put(): entry 0 needs a "source" string, e.g. "shop.orders".',
  },
  {
    input: 'an empty source',
    run: entry({ source: '', detailType: 'OrderPlaced' }),
    message: 'put(): entry 0 needs a "source" string, e.g. "shop.orders".',
  },
  {
    input: 'an entry without detailType',
    run: entry({ source: 'shop.orders' }),
    message: 'put(): entry 0 needs a "detailType" string, e.g. "OrderPlaced".',
  },
  {
    input: 'the envelope key detail-type',
    run: entry({ source: 'shop.orders', 'detail-type': 'OrderPlaced' }),
    message:
      'put(): entry 0 has unknown key(s) "detail-type" (write detailType); known keys: source, detailType, detail, resources, time, eventBusName, traceHeader.',
  },
  {
    input: 'the SDK key Source',
    run: entry({ Source: 'shop.orders', detailType: 'OrderPlaced' }),
    message:
      'put(): entry 0 has unknown key(s) "Source" (did you mean "source"?); known keys: source, detailType, detail, resources, time, eventBusName, traceHeader.',
  },
  {
    input: 'detail as text that is not JSON',
    run: entry({ ...valid, detail: '{orderId: 1}' }),
    message: 'put(): entry 0 "detail" is a string but not a JSON object; pass an object instead.',
  },
  {
    input: 'detail that is an array',
    run: entry({ ...valid, detail: [{ orderId: 1 }] }),
    message: 'put(): entry 0 "detail" must be an object, got an array.',
  },
  { input: 'detail that is null', run: entry({ ...valid, detail: null }), message: 'put(): entry 0 "detail" must be an object, got null.' },
  {
    input: 'detail that refers to itself',
    run: entry({ ...valid, detail: circular }),
    message:
      'put(): entry 0 "detail" cannot be serialised to JSON: Converting circular structure to JSON (detail.order.parent refers back to detail.order).',
  },
  {
    input: 'detail that is a Date',
    run: entry({ ...valid, detail: new Date('2026-11-23T10:00:00Z') }),
    message: 'put(): entry 0 "detail" must be a plain object, got one that serialises to "2026-11-23T10:00:00.000Z".',
  },
  {
    input: 'an event over 256 KB',
    run: entry({ ...valid, detail: { blob: 'x'.repeat(256 * 1024) } }),
    message: 'put(): entry 0 (shop.orders OrderPlaced) is 262177 bytes; EventBridge accepts at most 262144 bytes (256 KB) per event.',
  },
  {
    input: 'resources as one string',
    run: entry({ ...valid, resources: 'arn:aws:s3:::bucket' }),
    message: 'put(): entry 0 "resources" must be an array of ARN strings.',
  },
  {
    input: 'a time that is no date',
    run: entry({ ...valid, time: 'yesterday' }),
    message:
      'put(): entry 0 "time" "yesterday" is not an RFC 3339 timestamp: write a date, "T", a time and an offset ("Z" or ±hh:mm), such as "2024-05-01T10:00:00Z"; pass a Date, an RFC 3339 timestamp such as "2024-05-01T10:00:00Z", or epoch milliseconds.',
  },
  {
    input: 'a time in epoch seconds with a fraction',
    run: entry({ ...valid, time: 1795000000.5 }),
    message:
      'put(): entry 0 "time" 1795000000.5 is not a whole number of epoch milliseconds within a Date\'s range (±8640000000000000); pass a Date, an RFC 3339 timestamp such as "2024-05-01T10:00:00Z", or epoch milliseconds.',
  },
  {
    input: 'an empty eventBusName',
    run: entry({ ...valid, eventBusName: '' }),
    message: 'put(): entry 0 "eventBusName" must be a non-empty string.',
  },
  {
    input: 'put() with no entries',
    run: () => fakeCapture().handle.put([]),
    message: 'put() was given an empty array: pass at least one entry.',
  },
  {
    input: 'put() of a bad entry after good ones',
    run: () => putThenStop([valid, valid, { ...valid, time: 'soon' }]),
    message:
      'put(): entry 2 "time" "soon" is not an RFC 3339 timestamp: write a date, "T", a time and an offset ("Z" or ±hh:mm), such as "2024-05-01T10:00:00Z"; pass a Date, an RFC 3339 timestamp such as "2024-05-01T10:00:00Z", or epoch milliseconds.',
  },
  {
    input: 'a correlation id path blocked by a string',
    run: () => stampCorrelation({ ...valid, detail: { metadata: 'v1' } }, ['detail', 'metadata', 'correlationId'], 'jeb-1:t1', 2),
    message: 'put(): entry 2: cannot stamp the correlation id at "detail.metadata.correlationId": "metadata" is string, not an object.',
  },
];

const MATCHERS: BadInput[] = [
  {
    input: 'a receiver that is not eventBridge',
    run: () => expect({ events: [] }).toEmitEvent({ source: 'shop.orders' }),
    message: `expect(eventBridge).toEmitEvent(expected)

Matcher error: received value must be the eventBridge object of jest-eventbridge (the global, or \`import { eventBridge } from 'jest-eventbridge'\`)

Received has type:  object
Received has value: {"events": []}`,
  },
  {
    input: 'an undefined receiver',
    run: () => expect(undefined).toEmitEventTimes({ source: 'shop.orders' }, 1),
    message: `expect(eventBridge).toEmitEventTimes(expected, times)

Matcher error: received value must be the eventBridge object of jest-eventbridge (the global, or \`import { eventBridge } from 'jest-eventbridge'\`)

Received has value: undefined`,
  },
  {
    input: 'an expectation that is a string',
    run: () => expect(fakeCapture().handle).toEmitEvent('OrderPlaced' as never),
    message: `expect(eventBridge).toEmitEvent(expected)

Matcher error: expected value must be an object to match against the event (like toMatchObject), a predicate function (event) => boolean, or eventPattern({...})

Expected has type:  string
Expected has value: "OrderPlaced"`,
  },
  {
    input: 'an expectation keyed the way put() is',
    run: () => expect(fakeCapture().handle).toEmitEvent({ detailType: 'OrderPlaced' }),
    message: `expect(eventBridge).toEmitEvent(expected)

Matcher error: expected value has the key "detailType", which no delivered event has: write "detail-type" (put() and PutEvents spell fields their own way; matchers see the event as delivered)

Expected has type:  object
Expected has value: {"detailType": "OrderPlaced"}`,
  },
  {
    input: 'an expectation that is an array',
    run: () => expect(fakeCapture().handle).toEmitEvent([{ source: 'shop.orders' }] as never),
    message: `expect(eventBridge).toEmitEvent(expected)

Matcher error: expected value must be an object to match against the event (like toMatchObject), a predicate function (event) => boolean, or eventPattern({...})

Expected has type:  array
Expected has value: [{"source": "shop.orders"}]`,
  },
  {
    input: 'a negative matcher timeout',
    run: () => expect(fakeCapture().handle).toEmitEvent({ source: 'shop.orders' }, { timeout: -5 }),
    message: `expect(eventBridge).toEmitEvent(expected, options)

Matcher error: options.timeout must be a positive number of milliseconds, at most 2147483647 (2^31-1, the longest wait Node's timers can hold)

timeout has type:  number
timeout has value: -5`,
  },
  {
    input: 'a matcher timeout as text',
    run: () => expect(fakeCapture().handle).toEmitEvent({ source: 'shop.orders' }, { timeout: '1s' as never }),
    message: `expect(eventBridge).toEmitEvent(expected, options)

Matcher error: options.timeout must be a positive number of milliseconds, at most 2147483647 (2^31-1, the longest wait Node's timers can hold)

timeout has type:  string
timeout has value: "1s"`,
  },
  {
    input: 'a matcher timeout above what a timer can hold',
    run: () => expect(fakeCapture().handle).toEmitEvent({ source: 'shop.orders' }, { timeout: 3e9 }),
    message: `expect(eventBridge).toEmitEvent(expected, options)

Matcher error: options.timeout must be a positive number of milliseconds, at most 2147483647 (2^31-1, the longest wait Node's timers can hold)

timeout has type:  number
timeout has value: 3000000000`,
  },
  {
    input: 'a .not matcher timeout above what a timer can hold',
    run: () => expect(fakeCapture().handle).not.toEmitEvent({ source: 'shop.orders' }, { timeout: 3e9 }),
    message: `expect(eventBridge).not.toEmitEvent(expected, options)

Matcher error: options.timeout must be a positive number of milliseconds, at most 2147483647 (2^31-1, the longest wait Node's timers can hold)

timeout has type:  number
timeout has value: 3000000000`,
  },
  {
    input: 'a toEmitEvents timeout of Infinity',
    run: () => expect(fakeCapture().handle).toEmitEvents([{ source: 'shop.orders' }], { timeout: Infinity }),
    message: `expect(eventBridge).toEmitEvents(expected, options)

Matcher error: options.timeout must be a positive number of milliseconds, at most 2147483647 (2^31-1, the longest wait Node's timers can hold)

timeout has type:  number
timeout has value: Infinity`,
  },
  {
    input: 'a timeout given instead of options',
    run: () => expect(fakeCapture().handle).toEmitEvent({ source: 'shop.orders' }, 1000 as never),
    message: `expect(eventBridge).toEmitEvent(expected, options)

Matcher error: options must be an object with timeout

Options has type:  number
Options has value: 1000`,
  },
  {
    input: 'a misspelt matcher option',
    run: () => expect(fakeCapture().handle).toEmitEvent({ source: 'shop.orders' }, { timeOut: 5 } as never),
    message: `expect(eventBridge).toEmitEvent(expected, options)

Matcher error: unknown option "timeOut"; known: timeout`,
  },
  {
    input: 'a negative count',
    run: () => expect(fakeCapture().handle).toEmitEventTimes({ source: 'shop.orders' }, -1),
    message: `expect(eventBridge).toEmitEventTimes(expected, times)

Matcher error: times must be a whole number of events, 0 or more

times has type:  number
times has value: -1`,
  },
  {
    input: 'a fractional count',
    run: () => expect(fakeCapture().handle).toEmitEventTimes({ source: 'shop.orders' }, 1.5),
    message: `expect(eventBridge).toEmitEventTimes(expected, times)

Matcher error: times must be a whole number of events, 0 or more

times has type:  number
times has value: 1.5`,
  },
  {
    input: 'no expectations to toEmitEvents',
    run: () => expect(fakeCapture().handle).toEmitEvents([]),
    message: `expect(eventBridge).toEmitEvents(expected)

Matcher error: expected value must be a non-empty array of expectations

Expected has type:  array
Expected has value: []`,
  },
  {
    input: 'one expectation, not in an array',
    run: () => expect(fakeCapture().handle).toEmitEvents({ source: 'shop.orders' } as never),
    message: `expect(eventBridge).toEmitEvents(expected)

Matcher error: expected value must be a non-empty array of expectations

Expected has type:  object
Expected has value: {"source": "shop.orders"}`,
  },
  {
    input: 'a bad expectation inside toEmitEvents',
    run: () => expect(fakeCapture().handle).toEmitEvents([{ source: 'shop.orders' }, 7 as never]),
    message: `expect(eventBridge).toEmitEvents(expected)

Matcher error: expected[1] value must be an object to match against the event (like toMatchObject), a predicate function (event) => boolean, or eventPattern({...})

Expected has type:  number
Expected has value: 7`,
  },
  {
    input: 'toMatchEventPattern with a pattern EventBridge refuses',
    run: () => expect(valid).toMatchEventPattern({ source: 'shop.orders' }),
    message: `expect(received).toMatchEventPattern(pattern)

Matcher error: pattern would be refused by EventBridge. Event pattern is not valid. Reason: "source" must be an object or an array (at source)

Pattern has type:  object
Pattern has value: {"source": "shop.orders"}`,
  },
  {
    input: 'toMatchEventPattern with a scheduled rule, which has no pattern',
    run: () => expect(valid).toMatchEventPattern({ logicalId: 'Nightly', name: 'nightly-report', targets: [] }),
    message: `expect(received).toMatchEventPattern(pattern)

Matcher error: pattern is rule Nightly, which has no event pattern (a scheduled rule, run by its schedule): no event matches it; pass a rule with an EventPattern

Pattern has type:  object
Pattern has value: {"logicalId": "Nightly", "name": "nightly-report", "targets": []}`,
  },
  {
    input: 'toMatchEventPattern on something that is no event',
    run: () => expect('OrderPlaced').toMatchEventPattern({ source: ['shop.orders'] }),
    message: `expect(received).toMatchEventPattern(pattern)

Matcher error: received value must be an EventBridge event: an envelope (with "detail-type", as a target receives it) or an entry as put() takes it ({ source, detailType, detail })

Received has type:  string
Received has value: "OrderPlaced"`,
  },
  {
    input: 'toMatchEventPattern on a put entry with the SDK spelling',
    run: () => expect({ source: 'shop.orders', DetailType: 'OrderPlaced' }).toMatchEventPattern({ source: ['shop.orders'] }),
    message: `expect(received).toMatchEventPattern(pattern)

Matcher error: received value (a put entry) has unknown key(s) "DetailType" (write detailType); known keys: source, detailType, detail, resources, time, eventBusName, traceHeader.

Received has type:  object
Received has value: {"DetailType": "OrderPlaced", "source": "shop.orders"}`,
  },
  {
    input: 'ordered as a string',
    run: () => expect(fakeCapture().handle).toEmitEvents([{ source: 'shop.orders' }], { ordered: 'yes' as never }),
    message: `expect(eventBridge).toEmitEvents(expected, options)

Matcher error: options.ordered must be true or false

ordered has type:  string
ordered has value: "yes"`,
  },
  {
    input: 'an eventPattern value that is not an array',
    run: () => eventPattern({ source: 'shop.orders' }),
    message: 'Event pattern is not valid. Reason: "source" must be an object or an array (at source)',
  },
  {
    input: 'an eventPattern that is not an object',
    run: () => eventPattern(42 as never),
    message: 'Event pattern is not valid. Reason: Filter is not an object',
  },
  {
    input: 'an eventPattern with an unknown operator',
    run: () => eventPattern({ detail: { total: [{ greaterThan: 100 }] } }),
    message: 'Event pattern is not valid. Reason: Unrecognized match type greaterThan (at detail.total)',
  },
  {
    input: 'an eventPattern with a bad numeric range',
    run: () => eventPattern({ detail: { total: [{ numeric: ['>', 'a hundred'] }] } }),
    message: 'Event pattern is not valid. Reason: Value of > must be numeric (at detail.total)',
  },
];

describe('bad input: the exact message a user sees', () => {
  describe.each([
    ['options', OPTIONS],
    ['events to put', EVENTS],
    ['matcher arguments', MATCHERS],
  ] as const)('%s', (_, rows) => {
    it.each(rows)('$input', async ({ run, message }) => {
      expect(await messageOf(run)).toBe(message);
    });
  });

  it('covers at least 30 mistakes', () => {
    expect(OPTIONS.length + EVENTS.length + MATCHERS.length).toBeGreaterThanOrEqual(30);
  });
});
