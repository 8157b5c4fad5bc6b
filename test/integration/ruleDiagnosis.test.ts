/**
 * "Which rule would route it" against the emulator: a bus of this file's own with a service's
 * rules on it, events the rules miss and match, and the lines a failing matcher ends with. The
 * rules are read with ListRules once per file and only on failure; a refused ListRules is a note.
 */
import { PutRuleCommand, DeleteRuleCommand } from '@aws-sdk/client-eventbridge';
import { createAwsClients, destroyAwsClients, type AwsClients } from '../../src/aws/awsClients';
import { CaptureSession } from '../../src/session/CaptureSession';
import { createEventBridgeHandle } from '../../src/handle/createEventBridgeHandle';
import type { EventBridgeHandle } from '../../src/handle/EventBridgeHandle';
import { validateOptions } from '../../src/session/options/validateOptions';
import '../../src/runners/jest/matcherTypes';

const endpoint = process.env.JEST_EVENTBRIDGE_TEST_ENDPOINT_RESOLVED as string;
/** Its own bus: the messages list every rule on it, so no other file may add one. */
const BUS = 'rule-diagnosis';
const SOURCE = 'rule-diagnosis.test';

const SERVICE_RULES = [
  { Name: 'order-service-in', EventPattern: JSON.stringify({ source: [SOURCE], 'detail-type': ['OrderPlaced'] }) },
  { Name: 'audit-web', EventPattern: JSON.stringify({ source: [SOURCE], detail: { channel: ['web'], audited: [true] } }) },
  { Name: 'legacy-in', EventPattern: JSON.stringify({ source: [SOURCE], 'detail-type': ['LegacyOrder'] }), State: 'DISABLED' as const },
];

interface Rig {
  readonly session: CaptureSession;
  readonly eventBridge: EventBridgeHandle;
  readonly clients: AwsClients;
  /** ListRules calls the session's client made so far. */
  listRulesCalls(): number;
}

/** A session on the bus whose EventBridge client counts ListRules calls (and can refuse them, as IAM would). */
async function rig(refuseListRules = false, eventBusName: string = BUS): Promise<Rig> {
  const options = validateOptions({ eventBusName, endpoint, region: 'us-east-1', capturePattern: { source: [SOURCE] } });
  const clients = createAwsClients(options);
  let calls = 0;
  clients.eventBridge.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === 'ListRulesCommand') {
        calls += 1;
        if (refuseListRules) {
          // What the SDK raises for a 400 with this code: IAM refusing events:ListRules.
          throw Object.assign(new Error(`User: arn:aws:iam::123456789012:user/ci is not authorized to perform: events:ListRules`), {
            name: 'AccessDeniedException',
            $metadata: { httpStatusCode: 400 },
          });
        }
      }
      return next(args);
    },
    { step: 'initialize', name: 'countListRules' },
  );
  const session = new CaptureSession({ options, testPath: __filename, warn: () => undefined, clients });
  try {
    await session.start();
  } catch (error) {
    await session.stop();
    destroyAwsClients(clients);
    throw error;
  }
  return { session, eventBridge: createEventBridgeHandle(session), clients, listRulesCalls: () => calls };
}

async function failureOf(run: () => Promise<unknown>): Promise<string> {
  return run().then(
    () => {
      throw new Error('expected the matcher to fail');
    },
    (error: unknown) => (error as Error).message,
  );
}

/** The message's last block: the rules' lines. */
function rulesBlock(message: string): string[] {
  return message.split('\n\n').at(-1)?.split('\n') ?? [];
}

let admin: AwsClients;
beforeAll(async () => {
  admin = createAwsClients(validateOptions({ eventBusName: BUS, endpoint, region: 'us-east-1' }));
  for (const rule of SERVICE_RULES) await admin.eventBridge.send(new PutRuleCommand({ EventBusName: BUS, ...rule }));
});
afterAll(async () => {
  for (const rule of SERVICE_RULES) await admin.eventBridge.send(new DeleteRuleCommand({ EventBusName: BUS, Name: rule.Name }));
  destroyAwsClients(admin);
});

describe('a failing matcher on a bus with rules', () => {
  let subject: Rig;
  beforeAll(async () => {
    subject = await rig();
  });
  afterAll(async () => {
    await subject.session.stop();
    destroyAwsClients(subject.clients);
  });
  beforeEach(() => subject.session.beginTest());
  afterEach(() => subject.session.endTest());

  it('reads no rules while matchers pass', async () => {
    const { eventBridge } = subject;
    await eventBridge.put({ source: SOURCE, detailType: 'OrderPlaced', detail: { channel: 'web' } });
    await expect(eventBridge).toEmitEvent({ 'detail-type': 'OrderPlaced' });
    expect(subject.listRulesCalls()).toBe(0);
  });

  it('names the nearest rule and the field where it fails, and the rules that match, for each event the test put', async () => {
    const { eventBridge } = subject;
    const [missed] = await eventBridge.put({ source: SOURCE, detailType: 'OrderPlacd', detail: { channel: 'app' } });
    const [routed] = await eventBridge.put({ source: SOURCE, detailType: 'OrderPlaced', detail: { channel: 'web', audited: true } });
    const [legacy] = await eventBridge.put({ source: SOURCE, detailType: 'LegacyOrder', detail: {} });
    const message = await failureOf(() => expect(eventBridge).toEmitEvent({ 'detail-type': 'OrderConfirmed' }, { timeout: 1_000 }));
    expect(rulesBlock(message)).toEqual([
      'Rules on bus rule-diagnosis for the events this test put (captures excluded):',
      `  OrderPlacd (id ${missed?.eventId.slice(0, 8)}…) matched no rule on bus rule-diagnosis; nearest: order-service-in fails at detail-type ("OrderPlacd" is not "OrderPlaced")`,
      `  OrderPlaced (id ${routed?.eventId.slice(0, 8)}…) matched rules audit-web, order-service-in on bus rule-diagnosis`,
      `  LegacyOrder (id ${legacy?.eventId.slice(0, 8)}…) matched no rule on bus rule-diagnosis; nearest: legacy-in matches it but is disabled (a disabled rule routes nothing)`,
    ]);
    expect(rulesBlock(message).join('\n')).not.toContain(subject.session.names.resourceName);
  });

  it('reads the rules once per file, however many matchers fail', async () => {
    const { eventBridge } = subject;
    await eventBridge.put({ source: SOURCE, detailType: 'OrderPlaced', detail: { channel: 'web' } });
    const message = await failureOf(() => expect(eventBridge).not.toEmitEvent({ 'detail-type': 'OrderPlaced' }, { timeout: 1_000 }));
    expect(rulesBlock(message)[1]).toMatch(/^ {2}OrderPlaced \(id .{8}…\) matched rule order-service-in on bus rule-diagnosis$/);
    expect(subject.listRulesCalls()).toBe(1);
  });

  it('says nothing about rules when the test put nothing', async () => {
    const message = await failureOf(() => expect(subject.eventBridge).toEmitEvent({ 'detail-type': 'Nothing' }, { timeout: 500 }));
    expect(message).not.toContain('Rules on bus');
  });
});

describe('a failing matcher where events:ListRules is refused', () => {
  it('ends with one note that asks for the permission, and still fails for its own reason', async () => {
    const subject = await rig(true);
    try {
      subject.session.beginTest();
      await subject.eventBridge.put({ source: SOURCE, detailType: 'OrderPlaced' });
      const message = await failureOf(() =>
        expect(subject.eventBridge).toEmitEvent({ 'detail-type': 'OrderConfirmed' }, { timeout: 1_000 }),
      );
      expect(message).toContain('Expected an event matching');
      expect(rulesBlock(message)).toEqual([
        'Could not list the rules of bus rule-diagnosis (events:ListRules): AccessDeniedException: User: arn:aws:iam::123456789012:user/ci is not authorized to perform: events:ListRules; grant it to see which rule would route each event.',
      ]);
      subject.session.endTest();
    } finally {
      await subject.session.stop();
      destroyAwsClients(subject.clients);
    }
  });
});

describe('a bus given by its ARN', () => {
  it('lists the rules of that bus (ListRules takes the ARN, for a bus of another account)', async () => {
    const subject = await rig(false, `arn:aws:events:us-east-1:123456789012:event-bus/${BUS}`);
    try {
      subject.session.beginTest();
      const [put] = await subject.eventBridge.put({ source: SOURCE, detailType: 'OrderPlaced' });
      const message = await failureOf(() => expect(subject.eventBridge).toEmitEvent({ 'detail-type': 'OrderConfirmed' }, { timeout: 500 }));
      expect(rulesBlock(message)).toEqual([
        'Rules on bus rule-diagnosis for the events this test put (captures excluded):',
        `  OrderPlaced (id ${put?.eventId.slice(0, 8)}…) matched rule order-service-in on bus rule-diagnosis`,
      ]);
      subject.session.endTest();
    } finally {
      await subject.session.stop();
      destroyAwsClients(subject.clients);
    }
  });
});
