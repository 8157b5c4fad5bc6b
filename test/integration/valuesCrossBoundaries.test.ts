/**
 * @jest-environment jest-eventbridge/environment
 * @jest-environment-options {"eventBridge": {"eventBusName": "integration", "timeout": 8000, "correlation": {"path": "detail.metadata.correlationId"}, "capturePattern": {"source": [{"prefix": "values-test."}]}}}
 */
// Values that cross a boundary (the test sandbox, the SDK, JSON text, the emulator) arrive
// unchanged, and errors name the endpoint in use wherever it was configured (issue 10).
import { unreachableLoopbackEndpoint } from '../support/loopbackServer';
import { stripVTControlCharacters } from 'node:util';
import { eventPattern } from 'jest-eventbridge';
import { CreateEventBusCommand, DeleteEventBusCommand, ListTargetsByRuleCommand } from '@aws-sdk/client-eventbridge';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { createAwsClients, destroyAwsClients } from '../../src/aws/awsClients';
import { CaptureSession } from '../../src/session/CaptureSession';
import { createEventBridgeHandle } from '../../src/handle/createEventBridgeHandle';
import { validateOptions } from '../../src/session/options/validateOptions';

const endpoint = process.env.JEST_EVENTBRIDGE_TEST_ENDPOINT_RESOLVED as string;

async function failureOf(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (error) {
    return stripVTControlCharacters((error as Error).message);
  }
  throw new Error('expected it to fail');
}

/** Runs `body` with environment variables set, and restores them after. */
async function withEnv<T>(values: Record<string, string | undefined>, body: () => Promise<T>): Promise<T> {
  const before = Object.fromEntries(Object.keys(values).map((key) => [key, process.env[key]]));
  const apply = (next: Record<string, string | undefined>): void => {
    for (const [key, value] of Object.entries(next)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
  apply(values);
  try {
    return await body();
  } finally {
    apply(before);
  }
}

describe('values from the test sandbox', () => {
  it('puts a Date made in the spec, which arrives as the event time', async () => {
    const time = new Date(Date.UTC(2024, 4, 1, 10));
    // The spec runs in Jest's sandbox: its Date is not the SDK's Date.
    expect(time instanceof (globalThis as { Date: DateConstructor }).Date).toBe(true);
    await eventBridge.put({ source: 'values-test.time', detailType: 'Timed', time });
    await expect(eventBridge).toEmitEvent({ source: 'values-test.time', time: '2024-05-01T10:00:00Z' });
  });

  it('puts an RFC 3339 time with an offset as the same instant', async () => {
    await eventBridge.put({ source: 'values-test.time', detailType: 'Offset', time: '2024-05-01T12:00:00+02:00' });
    await expect(eventBridge).toEmitEvent({ 'detail-type': 'Offset', time: '2024-05-01T10:00:00Z' });
  });
});

describe('JSON numbers', () => {
  it('delivers large integers in detail text exactly, with correlation scoping stamping the id into the text', async () => {
    const [result] = await eventBridge.put({
      source: 'values-test.numbers',
      detailType: 'BigIds',
      detail: '{"orderId": 12345678901234567890, "next": 9007199254740993, "amount": 1.10, "metadata": {}}',
    });
    // Scoped: the matcher sees only events carrying this test's id, so the id was stamped.
    expect(result?.correlationId).toBe(eventBridge.correlationId);
    await expect(eventBridge).toEmitEvent({
      'detail-type': 'BigIds',
      detail: {
        orderId: 12345678901234567890n,
        next: 9007199254740993n,
        amount: 1.1,
        metadata: { correlationId: eventBridge.correlationId },
      },
    });
    // The pattern language tells the delivered id from its neighbour.
    await expect(eventBridge).toEmitEvent(eventPattern({ detail: { orderId: [12345678901234567890n] } }));
    await expect(eventBridge).not.toEmitEvent(eventPattern({ detail: { orderId: [12345678901234567891n] } }), { timeout: 500 });
  });

  it('delivers BigInts in a detail object as their exact digits', async () => {
    await eventBridge.put({ source: 'values-test.numbers', detailType: 'BigObject', detail: { orderId: 12345678901234567890n } });
    await expect(eventBridge).toEmitEvent({ 'detail-type': 'BigObject', detail: { orderId: 12345678901234567890n } });
  });
});

describe('timeouts', () => {
  it('refuses a per-call timeout a timer cannot hold, also under .not, instead of passing at once', async () => {
    const started = performance.now();
    expect(await failureOf(() => expect(eventBridge).not.toEmitEvent({ source: 'values-test.never' }, { timeout: 3e9 }))).toBe(
      `expect(eventBridge).not.toEmitEvent(expected, options)

Matcher error: options.timeout must be a positive number of milliseconds, at most 2147483647 (2^31-1, the longest wait Node's timers can hold)

timeout has type:  number
timeout has value: 3000000000`,
    );
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('errors name the endpoint in use', () => {
  const session = (eventBusName: string): CaptureSession =>
    // No "endpoint" option: the SDK takes AWS_ENDPOINT_URL (set by the global setup).
    new CaptureSession({
      options: validateOptions({ eventBusName, capturePattern: { source: ['values-test.none'] } }),
      testPath: __filename,
      warn: () => undefined,
    });

  it('names the endpoint from AWS_ENDPOINT_URL when the bus does not exist there', async () => {
    expect(process.env.AWS_ENDPOINT_URL).toBe(endpoint);
    const capture = session('no-such-bus');
    try {
      expect(await failureOf(() => capture.start())).toBe(
        `jest-eventbridge: could not set up the capture for ${__filename}. Creating the capture rule ${capture.names.resourceName} (events:PutRule) failed: event bus "no-such-bus" does not exist at endpoint ${endpoint}. Create it first, or fix "eventBusName" (and the region).`,
      );
    } finally {
      await capture.stop();
    }
  });

  it('names the endpoint from AWS_ENDPOINT_URL_EVENTBRIDGE, which wins over AWS_ENDPOINT_URL', async () => {
    const unreachable = await unreachableLoopbackEndpoint();
    await withEnv({ AWS_ENDPOINT_URL_EVENTBRIDGE: unreachable }, async () => {
      const capture = new CaptureSession({
        options: validateOptions({ eventBusName: 'integration', maxAttempts: 1, capturePattern: { source: ['values-test.none'] } }),
        testPath: __filename,
        warn: () => undefined,
      });
      try {
        expect(await failureOf(() => capture.start())).toBe(
          `jest-eventbridge: could not set up the capture for ${__filename}. Creating the capture rule ${capture.names.resourceName} (events:PutRule) failed: cannot reach endpoint ${unreachable} (ECONNREFUSED). Is the emulator running, and are the "endpoint" option and AWS_ENDPOINT_URL right?`,
        );
      } finally {
        // The rule's removal goes to the same unreachable endpoint (the queue's, to the emulator).
        expect(await failureOf(() => capture.stop())).toBe(
          `jest-eventbridge: teardown could not remove everything for ${__filename}. Left behind:
  - rule ${capture.names.resourceName} on bus integration: delete failed: cannot reach endpoint ${unreachable} (ECONNREFUSED). Is the emulator running, and are the "endpoint" option and AWS_ENDPOINT_URL right?
Remove them by hand, or run \`npx jest-eventbridge sweep --bus integration\`.`,
        );
      }
    });
  });
});

describe('partitions from the ARNs AWS gives', () => {
  const REGION = 'eusc-de-east-1';
  const BUS = 'values-eusc';
  const clients = createAwsClients({ region: REGION, endpoint, maxAttempts: 3, retryMode: 'standard' });

  beforeAll(async () => {
    await clients.eventBridge.send(new CreateEventBusCommand({ Name: BUS }));
  });
  afterAll(async () => {
    await clients.eventBridge.send(new DeleteEventBusCommand({ Name: BUS }));
    destroyAwsClients(clients);
  });

  it.each([
    ['a bus ARN in aws-eusc', { eventBusName: `arn:aws-eusc:events:${REGION}:123456789012:event-bus/${BUS}` }],
    ['a region in aws-eusc (the partition from the caller identity)', { eventBusName: BUS, region: REGION }],
  ])('attaches the queue by its aws-eusc ARN and names aws-eusc ARNs in its policy, given %s', async (_, given) => {
    const capture = new CaptureSession({
      options: validateOptions({ ...given, endpoint, capturePattern: { source: ['values-test.eusc'] } }),
      testPath: __filename,
      warn: () => undefined,
    });
    try {
      // start() returns once the readiness canary went through rule and target into the queue.
      await capture.start();
      const { queueUrl, ruleArn, ruleName } = createEventBridgeHandle(capture).resources as {
        queueUrl: string;
        ruleArn: string;
        ruleName: string;
      };
      const account = '123456789012';
      const queueArn = `arn:aws-eusc:sqs:${REGION}:${account}:${capture.names.resourceName}`;
      expect(ruleArn).toBe(`arn:aws-eusc:events:${REGION}:${account}:rule/${BUS}/${ruleName}`);
      const targets = await clients.eventBridge.send(new ListTargetsByRuleCommand({ Rule: ruleName, EventBusName: BUS }));
      expect(targets.Targets?.map((target) => target.Arn)).toEqual([queueArn]);
      const attributes = await clients.sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn', 'Policy'] }),
      );
      expect(attributes.Attributes?.QueueArn).toBe(queueArn);
      const policy = JSON.parse(attributes.Attributes?.Policy ?? '{}') as {
        Statement: { Resource: string; Condition: { ArnEquals: Record<string, string> } }[];
      };
      expect(policy.Statement.map((statement) => [statement.Resource, statement.Condition.ArnEquals['aws:SourceArn']])).toEqual([
        [queueArn, ruleArn],
      ]);
    } finally {
      await capture.stop();
    }
  });
});
