/**
 * Bad input that only AWS (here the emulator, or a local stand-in for what it cannot do) can
 * reveal, with the exact message a user sees: messages in the capture queue that are not
 * EventBridge events, a bus that does not exist, credentials AWS refuses, permissions it denies,
 * and an endpoint nobody listens on. The rows that need no AWS are in test/unit/badInputs.test.ts.
 */
import * as http from 'node:http';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { createAwsClients, destroyAwsClients } from '../../src/aws/awsClients';
import { CaptureSession } from '../../src/session/CaptureSession';
import { createEventBridgeHandle } from '../../src/handle/createEventBridgeHandle';
import { sendPutEvents } from '../../src/aws/putEvents';
import type { EventBridgeOptions } from '../../src/session/options/options';
import { validateOptions } from '../../src/session/options/validateOptions';
import { systemClock } from '../../src/core/store/clock';
import { waitForVerdict } from '../../src/core/store/waitForVerdict';
import { listenOnLoopback, unreachableLoopbackEndpoint, type ListeningServer } from '../support/loopbackServer';

const endpoint = process.env.JEST_EVENTBRIDGE_TEST_ENDPOINT_RESOLVED as string;
const SOURCE = 'bad-inputs.test';

function session(extra: Partial<EventBridgeOptions> = {}, log?: (message: string) => void): CaptureSession {
  const options = validateOptions({
    eventBusName: 'integration',
    endpoint,
    region: 'us-east-1',
    capturePattern: { source: [SOURCE] },
    ...extra,
  });
  return new CaptureSession({ options, testPath: __filename, warn: () => undefined, ...(log ? { log } : {}) });
}

async function messageOf(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error('expected it to fail');
}

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

const STS_IDENTITY: Answer = {
  status: 200,
  headers: { 'content-type': 'text/xml' },
  body:
    '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:iam::111122223333:user/ci</Arn>' +
    '<UserId>AIDATEST</UserId><Account>111122223333</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></GetCallerIdentityResponse>',
};

/** AWS's error shapes: STS speaks XML, EventBridge JSON 1.1, SQS JSON 1.0 with its query-era code in a header. */
const stsError = (status: number, code: string, message: string): Answer => ({
  status,
  headers: { 'content-type': 'text/xml' },
  body: `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>r-1</RequestId></ErrorResponse>`,
});
const eventsError = (code: string, message: string): Answer => ({
  status: 400,
  headers: { 'content-type': 'application/x-amz-json-1.1' },
  body: JSON.stringify({ __type: code, message }),
});
const sqsError = (status: number, code: string, queryCode: string, message: string): Answer => ({
  status,
  headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-query-error': `${queryCode};Sender` },
  body: JSON.stringify({ __type: `com.amazonaws.sqs#${code}`, message }),
});

/**
 * A loopback stand-in for AWS that answers each operation as told: moto accepts any
 * credentials and grants every permission, so refusals have to come from somewhere else.
 */
function standIn(answers: (operation: string) => Answer): Promise<ListeningServer> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const target = req.headers['x-amz-target'];
      const operation =
        typeof target === 'string'
          ? (target.split('.').pop() ?? '')
          : (new URLSearchParams(Buffer.concat(chunks).toString('utf8')).get('Action') ?? '');
      const answer = answers(operation);
      res.writeHead(answer.status, { ...answer.headers, 'x-amzn-RequestId': 'r-1', 'content-length': Buffer.byteLength(answer.body) });
      res.end(answer.body);
    });
  });
  return listenOnLoopback(server);
}

describe('bad input that AWS reveals', () => {
  it('keeps messages that are not EventBridge events, reports each, and goes on consuming', async () => {
    const logged: string[] = [];
    const capture = session({}, (line) => logged.push(line));
    await capture.start();
    const clients = createAwsClients(validateOptions({ eventBusName: 'integration', endpoint, region: 'us-east-1' }));
    try {
      capture.beginTest();
      const bodies = [
        'not json',
        '[1, 2, 3]',
        '"OrderPlaced"',
        '{"hello":"world"}',
        '{"id":"m-1","source":"shop.orders","detail-type":"OrderPlaced"}',
        '{"id":7,"source":"shop.orders","detail-type":"OrderPlaced","detail":{}}',
      ];
      for (const MessageBody of bodies) {
        await clients.sqs.send(new SendMessageCommand({ QueueUrl: createEventBridgeHandle(capture).resources.queueUrl, MessageBody }));
      }
      const [put] = await createEventBridgeHandle(capture).put({ source: SOURCE, detailType: 'AfterTheJunk' });
      const verdict = await waitForVerdict({
        store: capture.store,
        clock: systemClock,
        timeoutMs: 10_000,
        progress: (events) =>
          events.some((c) => c.event.id === put?.eventId) && capture.store.rejected.length === bodies.length ? 'pass' : 'pending',
        atDeadline: () => false,
      });
      expect(verdict.pass).toBe(true);
      expect(capture.store.rejected.map(({ body, reason }) => ({ body, reason }))).toEqual([
        { body: 'not json', reason: 'message body is not JSON' },
        { body: '[1, 2, 3]', reason: 'message body is not a JSON object' },
        { body: '"OrderPlaced"', reason: 'message body is not a JSON object' },
        { body: '{"hello":"world"}', reason: 'not an EventBridge envelope: missing id, source, detail-type, detail' },
        { body: '{"id":"m-1","source":"shop.orders","detail-type":"OrderPlaced"}', reason: 'not an EventBridge envelope: missing detail' },
        {
          body: '{"id":7,"source":"shop.orders","detail-type":"OrderPlaced","detail":{}}',
          reason: 'not an EventBridge envelope: id is not a string',
        },
      ]);
      // Reported in the debug log (DEBUG=jest-eventbridge*), by reason: never the body itself.
      expect(logged.filter((line) => line.startsWith('kept a message'))).toEqual(
        capture.store.rejected.map(({ reason }) => `kept a message that is not an EventBridge event: ${reason}`),
      );
      expect(logged.some((line) => bodies.some((body) => body.length > 12 && line.includes(body)))).toBe(false);
      // None of it became an event, and the consumer is still delivering.
      expect(createEventBridgeHandle(capture).events.map((event) => event['detail-type'])).toEqual(['AfterTheJunk']);
    } finally {
      destroyAwsClients(clients);
      await capture.stop();
    }
  });

  it('names the missing bus when the capture is created on it', async () => {
    const capture = session({ eventBusName: 'no-such-bus' });
    expect(await messageOf(() => capture.start())).toBe(
      `jest-eventbridge: could not set up the capture for ${__filename}. Creating the capture rule ${capture.names.resourceName} (events:PutRule) failed: event bus "no-such-bus" does not exist at endpoint ${endpoint}. Create it first, or fix "eventBusName" (and the region).`,
    );
    await expect(capture.stop()).resolves.toEqual({ kept: false });
  });

  it("names the entry's own bus when put() sends to one that does not exist", async () => {
    const capture = session();
    await capture.start();
    try {
      expect(
        await messageOf(() => createEventBridgeHandle(capture).put({ source: SOURCE, detailType: 'Lost', eventBusName: 'no-such-bus' })),
      ).toBe(
        `PutEvents (entries 0–0) failed: event bus "no-such-bus" does not exist at endpoint ${endpoint}. Create it first, or fix "eventBusName" (and the region).`,
      );
    } finally {
      await capture.stop();
    }
  });

  it('says the credentials were refused (moto accepts any: a stand-in refuses them)', async () => {
    const aws = await standIn((operation) =>
      operation === 'GetCallerIdentity'
        ? stsError(403, 'InvalidClientTokenId', 'The security token included in the request is invalid.')
        : eventsError('UnrecognizedClientException', 'The security token included in the request is invalid.'),
    );
    try {
      const capture = session({ endpoint: aws.endpoint, maxAttempts: 1 });
      expect(await messageOf(() => capture.start())).toBe(
        `jest-eventbridge: could not set up the capture for ${__filename}. Looking up the AWS account (sts:GetCallerIdentity) failed: AWS rejected the credentials (InvalidClientTokenId). Refresh them, or check AWS_PROFILE and the region.`,
      );
      await expect(capture.stop()).resolves.toEqual({ kept: false });

      const clients = createAwsClients(
        validateOptions({ eventBusName: 'orders', endpoint: aws.endpoint, region: 'us-east-1', maxAttempts: 1 }),
      );
      try {
        const put = () =>
          sendPutEvents(clients.eventBridge, [{ Source: SOURCE, DetailType: 'X', Detail: '{}', EventBusName: 'orders' }], {
            eventBusName: 'orders',
            endpoint: aws.endpoint,
          });
        expect(await messageOf(put)).toBe(
          'PutEvents (entries 0–0) failed: AWS rejected the credentials (UnrecognizedClientException). Refresh them, or check AWS_PROFILE and the region.',
        );
      } finally {
        destroyAwsClients(clients);
      }
    } finally {
      await aws.close();
    }
  });

  it('says which permission is missing, and still tears down (a stand-in denies)', async () => {
    const aws = await standIn((operation) => {
      switch (operation) {
        case 'GetCallerIdentity':
          return STS_IDENTITY;
        case 'PutRule':
          return eventsError(
            'AccessDeniedException',
            'User: arn:aws:iam::111122223333:user/ci is not authorized to perform: events:PutRule on resource: rule/integration/jeb-x',
          );
        case 'CreateQueue':
          return sqsError(403, 'AccessDenied', 'AccessDenied', 'Access to the resource is denied.');
        case 'DeleteRule':
          return eventsError('ResourceNotFoundException', 'Rule does not exist.');
        default:
          return sqsError(400, 'QueueDoesNotExist', 'AWS.SimpleQueueService.NonExistentQueue', 'The specified queue does not exist.');
      }
    });
    try {
      const capture = session({ endpoint: aws.endpoint, maxAttempts: 1 });
      expect(await messageOf(() => capture.start())).toBe(
        `jest-eventbridge: could not set up the capture for ${__filename}. Creating the capture rule ${capture.names.resourceName} (events:PutRule) failed: access denied (AccessDeniedException). The capture needs the IAM actions listed in the README's "IAM permissions" section. AWS said: User: arn:aws:iam::111122223333:user/ci is not authorized to perform: events:PutRule on resource: rule/integration/jeb-x`,
      );
      await expect(capture.stop()).resolves.toEqual({ kept: false });
    } finally {
      await aws.close();
    }
  });

  it('says the endpoint cannot be reached, for setup and for put()', async () => {
    const unreachable = await unreachableLoopbackEndpoint();
    const capture = session({ endpoint: unreachable, maxAttempts: 1 });
    expect(await messageOf(() => capture.start())).toBe(
      `jest-eventbridge: could not set up the capture for ${__filename}. Looking up the AWS account (sts:GetCallerIdentity) failed: cannot reach endpoint ${unreachable} (ECONNREFUSED). Is the emulator running, and are the "endpoint" option and AWS_ENDPOINT_URL right?`,
    );
    await expect(capture.stop()).resolves.toEqual({ kept: false });

    const clients = createAwsClients(
      validateOptions({ eventBusName: 'orders', endpoint: unreachable, region: 'us-east-1', maxAttempts: 1 }),
    );
    try {
      const put = () =>
        sendPutEvents(clients.eventBridge, [{ Source: SOURCE, DetailType: 'X', Detail: '{}', EventBusName: 'orders' }], {
          eventBusName: 'orders',
          endpoint: unreachable,
        });
      expect(await messageOf(put)).toBe(
        `PutEvents (entries 0–0) failed: cannot reach endpoint ${unreachable} (ECONNREFUSED). Is the emulator running, and are the "endpoint" option and AWS_ENDPOINT_URL right?`,
      );
    } finally {
      destroyAwsClients(clients);
    }
  });
});
