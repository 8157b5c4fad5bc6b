/**
 * Local flows end to end, on the emulator: three services written for this test — a SAM YAML
 * template with short-form tags, a plain CloudFormation JSON template, and a CDK-style
 * synthesized template with its asset folder — each on a bus of its own. Their handlers run
 * locally, routed by their rules with EventBridge's semantics; a capture session (as a test file
 * has) sees what they emit, and follows the run's invocation log as a worker does.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { ReceiveMessageCommand, GetQueueUrlCommand } from '@aws-sdk/client-sqs';
import { createAwsClients, destroyAwsClients } from '../../../src/aws/awsClients';
import { CaptureSession } from '../../../src/session/CaptureSession';
import { createEventBridgeHandle } from '../../../src/handle/createEventBridgeHandle';
import type { EventBridgeHandle } from '../../../src/handle/EventBridgeHandle';
import { validateOptions } from '../../../src/session/options/validateOptions';
import { InvocationLog } from '../../../src/local/invocationLog';
import { startLocalFlows, type LocalFlows } from '../../../src/local/startLocalFlows';
import '../../../src/runners/jest/matcherTypes';

const endpoint = process.env.JEST_EVENTBRIDGE_TEST_ENDPOINT_RESOLVED as string;
const FIXTURES = join(__dirname, '../../fixtures/local-flows');

interface Running {
  readonly flows: LocalFlows;
  readonly log: InvocationLog;
  readonly session: CaptureSession;
  readonly eventBridge: EventBridgeHandle;
  readonly bus: string;
}

/** Starts a template's flows on a bus of the test's own, and a capture session that follows their invocations. */
async function run(template: string, extra: Record<string, unknown> = {}): Promise<Running> {
  const bus = `local-${randomUUID().slice(0, 8)}`;
  const log = new InvocationLog();
  const flows = await startLocalFlows({
    template: join(FIXTURES, template),
    endpoint,
    region: 'us-east-1',
    parameters: { EventBusName: bus },
    onInvocation: (record) => log.append({ type: 'attempt', record }),
    onRouted: (eventId, functions) => log.append({ type: 'routed', eventId, functions }),
    onSettled: (eventId, logicalId) => log.append({ type: 'settled', eventId, logicalId }),
    retryDelaysMs: [50, 50],
  });
  log.listenTo([...new Set(flows.stack.rules.map((rule) => rule.eventBusName))]);
  log.serveRules({ file: template.split('/').pop() ?? template, rules: flows.stack.rules });
  const local = { template: join(FIXTURES, template), parameters: { EventBusName: bus } };
  const options = validateOptions({ eventBusName: bus, endpoint, region: 'us-east-1', timeout: 15_000, local, ...extra });
  // As a worker gets it from the run's global setup: the log to follow (its server also answers the rules local flows route).
  const session = new CaptureSession({
    options,
    testPath: __filename,
    warn: () => undefined,
    invocationLogUrl: await log.serve(),
  });
  try {
    await session.start();
  } catch (error) {
    await session.stop();
    await flows.stop();
    await log.close();
    throw error;
  }
  return { flows, log, session, eventBridge: createEventBridgeHandle(session), bus };
}

async function stop(running: Running | undefined): Promise<void> {
  if (running === undefined) return;
  await running.session.stop();
  await running.flows.stop();
  await running.log.close();
}

describe('a SAM template (YAML, short-form tags, esbuild TypeScript, DynamoDB)', () => {
  let service: Running;
  beforeAll(async () => {
    service = await run('sam/template.yaml', { correlation: { path: 'detail.metadata.correlationId' } });
  });
  afterAll(() => stop(service));
  beforeEach(() => service.session.beginTest());
  afterEach(() => service.session.endTest());

  it('lists what it runs and what it does not', () => {
    expect(service.flows.stack.functions.map((spec) => spec.logicalId).sort()).toEqual(['ConfirmOrder', 'MonthlyReport', 'TakePayment']);
    expect(service.flows.summary()).toContain('template.yaml: ');
    expect(service.flows.summary()).toContain('MonthlyReport');
  });

  it('runs the TypeScript handler, which reads and writes the table, and chains through an input transformer', async () => {
    const { eventBridge } = service;
    const customerId = `c-${randomUUID().slice(0, 6)}`;
    await eventBridge.put({ source: 'test.orders', detailType: 'OrderPlaced', detail: { orderId: 'o-1', customerId, total: 30 } });
    await expect(eventBridge).toEmitEvent({
      source: 'test.billing',
      'detail-type': 'OrderConfirmed',
      detail: {
        orderId: 'o-1',
        customerId,
        previousOrders: 0,
        loyalty: 'new',
        greeting: 'confirmed in us-east-1 (test)',
        hasTimeLeft: true,
      },
    });
    await expect(eventBridge).toEmitEvent({
      source: 'test.payments',
      'detail-type': 'PaymentTaken',
      detail: { received: { orderId: 'o-1', customer: customerId, correlationId: eventBridge.correlationId } },
    });

    await eventBridge.put({ source: 'test.orders', detailType: 'OrderPlaced', detail: { orderId: 'o-2', customerId, total: 5 } });
    await expect(eventBridge).toEmitEvent({
      'detail-type': 'OrderConfirmed',
      detail: { orderId: 'o-2', previousOrders: 1, loyalty: 'returning' },
    });

    const confirms = (await eventBridge.waitForInvocations()).filter((record) => record.logicalId === 'ConfirmOrder');
    expect(confirms.map((record) => [record.outcome, record.attempt, record.attempts])).toEqual([
      ['success', 1, 3],
      ['success', 1, 3],
    ]);
  });

  it('keeps the module warm between invocations', async () => {
    const { eventBridge } = service;
    const customerId = `c-${randomUUID().slice(0, 6)}`;
    await eventBridge.put({ source: 'test.orders', detailType: 'OrderPlaced', detail: { orderId: 'w-1', customerId, total: 1 } });
    await expect(eventBridge).toEmitEvent({ 'detail-type': 'OrderConfirmed', detail: { orderId: 'w-1' } });
    const [confirmed] = eventBridge.events.filter((event) => event['detail-type'] === 'OrderConfirmed');
    // Two earlier tests invoked it already: its module state counts on.
    expect((confirmed?.detail as { invocation: number }).invocation).toBeGreaterThan(2);
  });

  it('does not route what the rule does not match (numeric condition)', async () => {
    const { eventBridge } = service;
    await eventBridge.put({ source: 'test.orders', detailType: 'OrderPlaced', detail: { orderId: 'free', customerId: 'x', total: 0 } });
    await expect(eventBridge).not.toEmitEvent({ 'detail-type': 'OrderConfirmed' }, { timeout: 2_000 });
    expect(await eventBridge.waitForInvocations()).toEqual([]);

    // A failing matcher says which of the template's rules came nearest, and where it fails.
    const [placed] = eventBridge.events.filter((event) => event['detail-type'] === 'OrderPlaced');
    const failure = await expect(eventBridge)
      .toEmitEvent({ 'detail-type': 'OrderConfirmed' }, { timeout: 300 })
      .then(
        () => undefined,
        (error: unknown) => (error as Error).message,
      );
    expect(failure?.split('\n\n').at(-1)?.split('\n')).toEqual([
      `Rules of test/fixtures/local-flows/sam/template.yaml on bus ${service.bus} (local flows route them) for the events this test put:`,
      `  OrderPlaced (id ${placed?.id.slice(0, 8)}…) matched no rule of test/fixtures/local-flows/sam/template.yaml on bus ${service.bus}; nearest: ConfirmOrderPlaced fails at detail.total (0 is not > 0)`,
    ]);
  });

  it('retries a throwing handler as its invoke config says, and records each attempt with its error', async () => {
    const { eventBridge } = service;
    const customerId = 'declined';
    await eventBridge.put({ source: 'test.orders', detailType: 'OrderPlaced', detail: { orderId: 'd-1', customerId, total: 9 } });
    await expect(eventBridge).toEmitEvent({ 'detail-type': 'OrderConfirmed', detail: { orderId: 'd-1' } });
    const payments = (await eventBridge.waitForInvocations()).filter((record) => record.logicalId === 'TakePayment');
    expect(payments.map((record) => [record.outcome, record.attempt, record.attempts, record.error?.name, record.error?.message])).toEqual([
      ['error', 1, 2, 'TypeError', 'card declined for order d-1'],
      ['error', 2, 2, 'TypeError', 'card declined for order d-1'],
    ]);
    expect(payments[0]?.requestId).toBe(payments[1]?.requestId);
    expect(payments[0]?.error?.stack).toContain('payment.mjs');

    // A matcher that fails says what the handlers did with the events it looked at.
    const failure = await expect(eventBridge)
      .toEmitEvent({ 'detail-type': 'PaymentTaken' }, { timeout: 500 })
      .then(
        () => undefined,
        (error: unknown) => (error as Error).message,
      );
    const [placed] = eventBridge.events.filter((event) => event['detail-type'] === 'OrderPlaced');
    const [confirmed] = eventBridge.events.filter((event) => event['detail-type'] === 'OrderConfirmed');
    expect(failure).toContain(
      [
        'Local invocations caused by the events in view (2):',
        `  TakePayment threw TypeError: card declined for order d-1 on event ${confirmed?.id} (OrderConfirmed) at payment.mjs:8:`,
      ].join('\n'),
    );
    expect(failure).toMatch(
      new RegExp(
        `\\(attempt 2 of 2\\)\\n  ConfirmOrder handled event ${placed?.id} \\(OrderPlaced\\) in \\d+ ms \\(attempt 1 of 3\\)\\n\\nRules of `,
      ),
    );
    // Then which of the template's rules routed the event the test put.
    expect(failure?.split('\n').at(-1)).toBe(
      `  OrderPlaced (id ${placed?.id.slice(0, 8)}…) matched rule ConfirmOrderPlaced of test/fixtures/local-flows/sam/template.yaml on bus ${service.bus}`,
    );
  });

  it('delivers to a queue target with its InputPath', async () => {
    const { eventBridge, flows } = service;
    const customerId = `c-${randomUUID().slice(0, 6)}`;
    await eventBridge.put({ source: 'test.orders', detailType: 'OrderPlaced', detail: { orderId: 'q-1', customerId, total: 2 } });
    await expect(eventBridge).toEmitEvent({ 'detail-type': 'PaymentTaken' });
    const clients = createAwsClients({ endpoint, region: 'us-east-1', maxAttempts: 3, retryMode: 'standard' });
    try {
      const queue =
        flows.stack.rules
          .find((rule) => rule.logicalId === 'AuditRule')
          ?.targets[0]?.arn.split(':')
          .pop() ?? '';
      const { QueueUrl } = await clients.sqs.send(new GetQueueUrlCommand({ QueueName: queue }));
      const bodies: unknown[] = [];
      const deadline = Date.now() + 15_000;
      while (!bodies.some((body) => (body as { received?: { orderId?: string } }).received?.orderId === 'q-1') && Date.now() < deadline) {
        const { Messages = [] } = await clients.sqs.send(
          new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 2, MaxNumberOfMessages: 10 }),
        );
        bodies.push(...Messages.map((message) => JSON.parse(message.Body ?? 'null') as unknown));
      }
      expect(bodies).toContainEqual({
        received: expect.objectContaining({ orderId: 'q-1', customer: customerId }),
        metadata: expect.any(Object),
      });
    } finally {
      destroyAwsClients(clients);
    }
  });
});

describe('a CloudFormation JSON template (Code folder, Input, intrinsics over provisioned resources)', () => {
  let service: Running;
  beforeAll(async () => {
    service = await run('cfn/template.json');
  });
  afterAll(() => stop(service));
  beforeEach(() => service.session.beginTest());
  afterEach(() => service.session.endTest());

  it('gives the function its constant Input and the names of the resources made on the emulator', async () => {
    const { eventBridge, bus } = service;
    await eventBridge.put({ source: 'test.orders', detailType: 'OrderShipped', detail: { weightGrams: 1500 } });
    await expect(eventBridge).toEmitEvent({
      source: 'test.notify',
      detail: {
        received: { kind: 'heavy-shipment', limitGrams: 1000 },
        functionName: `${bus}-notify`,
        memory: '512',
        topicArn: expect.stringMatching(/^arn:aws:sns:us-east-1:\d{12}:/),
        queueUrl: expect.stringMatching(/^http/),
        joined: expect.stringMatching(/^sms\+/),
      },
    });
  });
});

describe('a CDK synthesized template (asset folder, EventInvokeConfig, timeout)', () => {
  let service: Running;
  beforeAll(async () => {
    service = await run('cdk/cdk.out/OrdersStack.template.json');
  });
  afterAll(() => stop(service));
  beforeEach(() => service.session.beginTest());
  afterEach(() => service.session.endTest());

  it('runs the bundled asset for a rule with a GetAtt target', async () => {
    const { eventBridge } = service;
    await eventBridge.put({ source: 'test.billing', detailType: 'OrderConfirmed', detail: { orderId: 's-1' } });
    await expect(eventBridge).toEmitEvent({ source: 'test.shipping', detail: { orderId: 's-1', carrier: 'parcel-post', coldStart: true } });
  });

  it('ends an attempt at the function Timeout, once (MaximumRetryAttempts 0)', async () => {
    const { eventBridge } = service;
    await eventBridge.put({ source: 'test.billing', detailType: 'OrderConfirmed', detail: { orderId: 's-2', slow: true } });
    expect(
      (await eventBridge.waitForInvocations()).map((record) => [record.outcome, record.attempt, record.attempts, record.error?.message]),
    ).toEqual([['timeout', 1, 1, 'Task timed out after 1.00 seconds']]);
  });
});
