/**
 * `mirrorRule` against the emulator over HTTP: a rule of the test's own on a bus of its own
 * ("mirror"), with an SQS target and an input transformer, mirrored by a CaptureSession; the
 * setup errors with their exact messages and nothing left behind; and, with `local`, the rule
 * read from the example's template (local flows do not create the template's rules on the bus).
 */
import { join } from 'node:path';
import * as http from 'node:http';
import { DeleteRuleCommand, EventBridgeClient, PutRuleCommand, PutTargetsCommand, RemoveTargetsCommand } from '@aws-sdk/client-eventbridge';
import { CreateQueueCommand, DeleteQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { CaptureSession } from '../../src/session/CaptureSession';
import { LOCAL_FLOWS_LOG_ENV } from '../../src/session/invocationFollower';
import { createEventBridgeHandle } from '../../src/handle/createEventBridgeHandle';
import type { EventBridgeOptions } from '../../src/session/options/options';
import { validateOptions } from '../../src/session/options/validateOptions';
import { CaptureSetupError } from '../../src/foundation/errors';
import { rulesFromTemplate } from '../../src/local/template/rulesFromTemplate';
import { InvocationLog } from '../../src/local/invocationLog';
import { createAwsClients, destroyAwsClients } from '../../src/aws/awsClients';
import { readMirroredRule } from '../../src/sources/eventbridge/mirroredRule';
import { awsTestClientConfig } from '../../tools/emulator';
import { listCaptureResources } from './support/leftovers';
import { listenOnLoopback, type ListeningServer } from '../support/loopbackServer';

const endpoint = process.env.JEST_EVENTBRIDGE_TEST_ENDPOINT_RESOLVED as string;
const BUS = 'mirror';
const PREFIX = 'jebmirror-';
const SOURCE = 'mirror.test';
const RULE = 'order-audit';
const SCHEDULED = 'mirror-test-nightly-report';
// The emulator's own delivery to this rule's queue warns that it cannot render the template (it
// leaves strings unquoted); the capture applies the transformer itself, with EventBridge's semantics.
const TRANSFORMER = {
  InputPathsMap: { orderId: '$.detail.orderId', total: '$.detail.total', rule: '$.detail.nothing' },
  InputTemplate: '{"orderId": <orderId>, "total": <total>, "rule": "<aws.events.rule-name>"}',
};

const config = awsTestClientConfig(endpoint);
const events = new EventBridgeClient(config);
const sqs = new SQSClient(config);
let auditQueueUrl: string | undefined;

function session(extra: Partial<EventBridgeOptions>, endpointOverride = endpoint): CaptureSession {
  const options = validateOptions({
    eventBusName: BUS,
    endpoint: endpointOverride,
    region: 'us-east-1',
    resourcePrefix: PREFIX,
    maxAttempts: 1,
    ...extra,
  });
  return new CaptureSession({ options, testPath: __filename, warn: () => undefined });
}

/** Starts a session that must fail; returns its error after stopping it. */
async function setupFailure(capture: CaptureSession): Promise<CaptureSetupError> {
  try {
    await capture.start();
  } catch (error) {
    await expect(capture.stop()).resolves.toEqual({ kept: false });
    expect(error).toBeInstanceOf(CaptureSetupError);
    return error as CaptureSetupError;
  }
  await capture.stop();
  throw new Error('expected start() to fail');
}

beforeAll(async () => {
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'mirror-audit' }));
  auditQueueUrl = QueueUrl;
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
  const queueArn = Attributes?.QueueArn ?? '';
  await events.send(
    new PutRuleCommand({
      Name: RULE,
      EventBusName: BUS,
      EventPattern: JSON.stringify({ source: [SOURCE], 'detail-type': ['OrderConfirmed'] }),
    }),
  );
  await events.send(
    new PutTargetsCommand({
      Rule: RULE,
      EventBusName: BUS,
      Targets: [
        { Id: 'AuditQueue', Arn: queueArn, InputTransformer: TRANSFORMER },
        { Id: 'Constant', Arn: queueArn, Input: '"audited"' },
      ],
    }),
  );
  // EventBridge takes schedules on the default bus only.
  await events.send(new PutRuleCommand({ Name: SCHEDULED, EventBusName: 'default', ScheduleExpression: 'rate(1 day)' }));
});

afterAll(async () => {
  await events.send(new RemoveTargetsCommand({ Rule: RULE, EventBusName: BUS, Ids: ['AuditQueue', 'Constant'] }));
  await events.send(new DeleteRuleCommand({ Name: RULE, EventBusName: BUS }));
  await events.send(new DeleteRuleCommand({ Name: SCHEDULED, EventBusName: 'default' }));
  if (auditQueueUrl) await sqs.send(new DeleteQueueCommand({ QueueUrl: auditQueueUrl }));
  events.destroy();
  sqs.destroy();
});

afterEach(async () => {
  // Every session is stopped, and every failure removed what it made: nothing of ours is left.
  const left = await listCaptureResources(endpoint, [BUS, 'default'], PREFIX);
  if (left.queues.length + left.rules.length > 0) throw new Error(`Left behind: ${JSON.stringify(left)}`);
});

describe('mirrorRule on a bus', () => {
  it('captures what the rule matches, as its target receives it, and nothing else', async () => {
    const capture = session({ mirrorRule: { name: RULE, target: 'AuditQueue' } });
    try {
      await capture.start();
      const handle = createEventBridgeHandle(capture);
      expect(capture.describe()).toBe(
        `bus "${BUS}" via queue ${capture.names.resourceName}, mirroring rule ${RULE} (what its target AuditQueue receives)`,
      );
      expect(capture.mirrored?.pattern).toEqual({ source: [SOURCE], 'detail-type': ['OrderConfirmed'] });
      // Put in order: the event the rule does not match first, so it would be in by the time the other is.
      await handle.put({ source: SOURCE, detailType: 'OrderPlaced', detail: { orderId: 'o-0', total: 1 } });
      const [confirmed] = await handle.put({
        source: SOURCE,
        detailType: 'OrderConfirmed',
        detail: { orderId: 'o-1', total: 42, lines: [1, 2] },
      });
      await expect(handle).toEmitEvent({ orderId: 'o-1', total: 42, rule: RULE });
      expect(handle.events).toEqual([{ orderId: 'o-1', total: 42, rule: RULE }]);
      // The envelope stays for what needs it: the id, the time window, correlation.
      expect(capture.store.captured().map((captured) => [captured.event.id, captured.event['detail-type']])).toEqual([
        [confirmed?.eventId, 'OrderConfirmed'],
      ]);
    } finally {
      await capture.stop();
    }
  });

  it("shows only what the rule routes, also where correlation scoping narrows the rule's own field", async () => {
    // The capture rule puts the correlation prefix where this rule has its own condition (a
    // suffix): each captured event is checked against the rule's pattern before it is stored.
    const name = 'mirror-correlated';
    await events.send(
      new PutRuleCommand({
        Name: name,
        EventBusName: BUS,
        EventPattern: JSON.stringify({ source: [SOURCE], detail: { ref: [{ suffix: '-routed' }] } }),
      }),
    );
    const capture = session({ mirrorRule: name, correlation: { path: 'detail.ref' } });
    try {
      await capture.start();
      const id = capture.scopes.currentCorrelationId() ?? '';
      const handle = createEventBridgeHandle(capture);
      await handle.put({ source: SOURCE, detailType: 'OrderPlaced', detail: { ref: `${id}-dropped` } });
      const [routed] = await handle.put({ source: SOURCE, detailType: 'OrderPlaced', detail: { ref: `${id}-routed` } });
      const deadline = Date.now() + 15_000;
      while (!capture.store.captured().some((captured) => captured.event.id === routed?.eventId)) {
        if (Date.now() > deadline) throw new Error('the routed event was not captured in time');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(capture.store.captured().map((captured) => (captured.event.detail as { ref: string }).ref)).toEqual([`${id}-routed`]);
    } finally {
      await capture.stop();
      await events.send(new DeleteRuleCommand({ Name: name, EventBusName: BUS }));
    }
  });

  it('gives a constant Input as its text value, and the envelope without a target', async () => {
    const constant = session({ mirrorRule: { name: RULE, target: 'Constant' } });
    try {
      await constant.start();
      const handle = createEventBridgeHandle(constant);
      await handle.put({ source: SOURCE, detailType: 'OrderConfirmed', detail: { orderId: 'o-2' } });
      await expect(handle).toEmitEvent((subject: unknown) => subject === 'audited');
    } finally {
      await constant.stop();
    }
    const patternOnly = session({ mirrorRule: RULE });
    try {
      await patternOnly.start();
      const handle = createEventBridgeHandle(patternOnly);
      await handle.put({ source: SOURCE, detailType: 'OrderConfirmed', detail: { orderId: 'o-3' } });
      await expect(handle).toEmitEvent({ source: SOURCE, 'detail-type': 'OrderConfirmed', detail: { orderId: 'o-3' } });
      expect(patternOnly.describe()).toBe(`bus "${BUS}" via queue ${patternOnly.names.resourceName}, mirroring rule ${RULE}`);
    } finally {
      await patternOnly.stop();
    }
  });

  it("names the bus's own rules, with the likely one, for a rule that does not exist", async () => {
    // A capture of another file is on the bus meanwhile: it is never suggested.
    const other = session({ capturePattern: { source: ['nobody'] } });
    try {
      await other.start();
      const error = await setupFailure(session({ mirrorRule: 'order-audti' }));
      expect(error.message).toBe(
        'jest-eventbridge: mirrorRule: no rule "order-audti" on bus "mirror". Did you mean "order-audit"? Its rules: order-audit. Set mirrorRule to the name of one of them.',
      );
    } finally {
      await other.stop();
    }
  });

  it("says why, when the run's local flows are on but this file's options lost `local` (a docblock replaced them)", async () => {
    process.env[LOCAL_FLOWS_LOG_ENV] = 'http://127.0.0.1:9/invocations';
    try {
      const error = await setupFailure(session({ mirrorRule: 'order-audti' }));
      expect(error.message).toBe(
        'jest-eventbridge: mirrorRule: no rule "order-audti" on bus "mirror". Did you mean "order-audit"? Its rules: order-audit. Set mirrorRule to the name of one of them.' +
          " This run's local flows are running, but this file's options have no `local`, so the rule was looked up on the bus, where local flows create no rules." +
          " A @jest-environment-options docblock replaces the config's whole eventBridge object: repeat `local` (and the other options the file needs) in it, and the rule is read from the template's.",
      );
    } finally {
      delete process.env[LOCAL_FLOWS_LOG_ENV];
    }
  });

  it('refuses a disabled rule', async () => {
    await events.send(
      new PutRuleCommand({
        Name: 'order-audit-off',
        EventBusName: BUS,
        EventPattern: JSON.stringify({ source: [SOURCE] }),
        State: 'DISABLED',
      }),
    );
    try {
      expect((await setupFailure(session({ mirrorRule: 'order-audit-off' }))).message).toBe(
        'jest-eventbridge: mirrorRule: rule "order-audit-off" (bus "mirror") is DISABLED: it routes no event, so its targets receive nothing and a mirror would show events they never get. Enable the rule, or mirror another.',
      );
    } finally {
      await events.send(new DeleteRuleCommand({ Name: 'order-audit-off', EventBusName: BUS }));
    }
  });

  it('refuses a scheduled rule, and names the target ids for an unknown target', async () => {
    expect((await setupFailure(session({ mirrorRule: SCHEDULED, eventBusName: 'default' }))).message).toBe(
      'jest-eventbridge: mirrorRule: rule "mirror-test-nightly-report" (bus "default") is a scheduled rule (rate(1 day)) without an event pattern: no event put on the bus matches it, so there is nothing to mirror. Mirror a rule that has an EventPattern.',
    );
    expect((await setupFailure(session({ mirrorRule: { name: RULE, target: 'Audit' } }))).message).toBe(
      'jest-eventbridge: mirrorRule: rule "order-audit" (bus "mirror") has no target "Audit". Its targets, by Id: AuditQueue, Constant. Set mirrorRule.target to one of them.',
    );
  });
});

interface Answer {
  readonly status: number;
  readonly body: string;
}

/** A loopback stand-in for AWS answering each EventBridge operation as told: moto grants every permission. */
function standIn(answers: (operation: string) => Answer | undefined): Promise<ListeningServer> {
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const target = req.headers['x-amz-target'];
      const operation = typeof target === 'string' ? (target.split('.').pop() ?? '') : '';
      const answer = answers(operation) ?? {
        status: 500,
        body: JSON.stringify({ __type: 'InternalException', message: `unexpected ${operation}` }),
      };
      res.writeHead(answer.status, {
        'content-type': 'application/x-amz-json-1.1',
        'x-amzn-RequestId': 'r-1',
        'content-length': Buffer.byteLength(answer.body),
      });
      res.end(answer.body);
    });
  });
  return listenOnLoopback(server);
}

const denied = (action: string): Answer => ({
  status: 400,
  body: JSON.stringify({
    __type: 'AccessDeniedException',
    message: `User: arn:aws:iam::111122223333:user/ci is not authorized to perform: events:${action}`,
  }),
});

describe('mirrorRule where permissions are denied (a stand-in denies them)', () => {
  it('names the denied DescribeRule, and creates nothing', async () => {
    const operations: string[] = [];
    const aws = await standIn((operation) => {
      operations.push(operation);
      return operation === 'DescribeRule' ? denied('DescribeRule') : undefined;
    });
    try {
      const error = await setupFailure(session({ mirrorRule: RULE }, aws.endpoint));
      expect(error.message).toBe(
        `jest-eventbridge: mirrorRule: Reading rule "order-audit" (events:DescribeRule) failed: access denied (AccessDeniedException). The capture needs the IAM actions listed in the README's "IAM permissions" section. AWS said: User: arn:aws:iam::111122223333:user/ci is not authorized to perform: events:DescribeRule`,
      );
      expect(operations).toEqual(['DescribeRule']);
    } finally {
      await aws.close();
    }
  });

  it('leaves the list of rules out when ListRules is denied', async () => {
    const aws = await standIn((operation) =>
      operation === 'DescribeRule'
        ? {
            status: 400,
            body: JSON.stringify({ __type: 'ResourceNotFoundException', message: 'Rule order-audti does not exist on EventBus mirror.' }),
          }
        : operation === 'ListRules'
          ? denied('ListRules')
          : undefined,
    );
    try {
      expect((await setupFailure(session({ mirrorRule: 'order-audti' }, aws.endpoint))).message).toBe(
        'jest-eventbridge: mirrorRule: no rule "order-audti" on bus "mirror". Check the rule\'s name (a deployed stack\'s generated names differ from local ones: give the rule an explicit Name) and "eventBusName".',
      );
    } finally {
      await aws.close();
    }
  });
});

describe('mirrorRule with local flows: the rule comes from the rules local flows route', () => {
  const template = join(__dirname, '../../examples/order-service/template.yaml');
  // The run's invocation log server answers GET /rules with the rules local flows route; here it
  // serves the template's rules resolved offline (test/integration/local/localFlows.test.ts serves real flows').
  const log = new InvocationLog();
  let logUrl = '';
  beforeAll(async () => {
    const rules = await rulesFromTemplate(template, { parameters: { EventBusName: BUS }, region: 'us-east-1' });
    log.serveRules({ file: 'template.yaml', rules: rules.all });
    logUrl = await log.serve();
  });
  afterAll(() => log.close());
  const local = (mirrorRule: EventBridgeOptions['mirrorRule']): CaptureSession => {
    const options = validateOptions({
      eventBusName: BUS,
      endpoint,
      region: 'us-east-1',
      resourcePrefix: PREFIX,
      mirrorRule,
      local: { template, parameters: { EventBusName: BUS } },
    });
    return new CaptureSession({ options, testPath: __filename, warn: () => undefined, invocationLogUrl: logUrl });
  };

  it("mirrors the example's audit rule by its Name, applying its input transformer", async () => {
    const capture = local({ name: 'order-service-audit', target: 'AuditQueue' });
    try {
      await capture.start();
      const handle = createEventBridgeHandle(capture);
      await handle.put({ source: 'shop.billing', detailType: 'OrderPlaced', detail: { orderId: 'l-0', total: 1 } });
      await handle.put({ source: 'shop.billing', detailType: 'OrderConfirmed', detail: { orderId: 'l-1', total: 9, metadata: {} } });
      await expect(handle).toEmitEvent({ orderId: 'l-1', total: 9 });
      expect(handle.events).toEqual([{ orderId: 'l-1', total: 9 }]);
    } finally {
      await capture.stop();
    }
  });

  it("names the template's rules for one it does not have, and the bus for a rule on another", async () => {
    // The confirm rule has no Name: the template reader generates one, as local flows and CloudFormation do (each its own).
    const rules = await rulesFromTemplate(template, { parameters: { EventBusName: BUS }, region: 'us-east-1' });
    const generated = rules.byLogicalId['ConfirmOrderFunctionOrderPlaced']?.name ?? '';
    expect((await setupFailure(local('order-service-audi'))).message).toBe(
      'jest-eventbridge: mirrorRule: the template template.yaml has no rule named "order-service-audi" or with that logical id (did you mean "order-service-audit"?). ' +
        `Its rules: ConfirmOrderFunctionOrderPlaced (named ${generated}), AuditOrderConfirmed (named order-service-audit). ` +
        'A rule without an explicit Name gets a generated one that differs between local flows and the deployed stack: give it a Name, or use its logical id locally.',
    );
    const options = validateOptions({
      eventBusName: BUS,
      endpoint,
      region: 'us-east-1',
      resourcePrefix: PREFIX,
      mirrorRule: 'AuditOrderConfirmed',
      local: { template },
    });
    // Without the bus parameter, the template's rules are on its default bus "orders".
    const otherLog = new InvocationLog();
    otherLog.serveRules({ file: 'template.yaml', rules: (await rulesFromTemplate(template, { region: 'us-east-1' })).all });
    const otherUrl = await otherLog.serve();
    const failure = await setupFailure(
      new CaptureSession({ options, testPath: __filename, warn: () => undefined, invocationLogUrl: otherUrl }),
    ).finally(() => otherLog.close());
    expect(failure.message).toBe(
      'jest-eventbridge: mirrorRule: rule "AuditOrderConfirmed" (the template template.yaml) is on bus "orders", not on "mirror", the bus this file captures from: mirror a rule of that bus, or set "eventBusName" to "orders".',
    );
  });
});

describe('mirrorRule reading a rule (a stand-in answers)', () => {
  const ok = (body: unknown): Answer => ({ status: 200, body: JSON.stringify(body) });
  const described = {
    Name: RULE,
    Arn: `arn:aws:events:us-east-1:111122223333:rule/${BUS}/${RULE}`,
    EventPattern: '{"source":["shop"]}',
    State: 'ENABLED',
  };
  const read = async (aws: ListeningServer, request: { name: string; target?: string }, eventBusName = BUS) => {
    const clients = createAwsClients({ endpoint: aws.endpoint, region: 'us-east-1', maxAttempts: 1, retryMode: 'standard' });
    try {
      return await readMirroredRule({ clients, eventBusName, endpoint: aws.endpoint, region: 'us-east-1' }, request);
    } finally {
      destroyAwsClients(clients);
    }
  };

  it("reads every page of the rule's targets", async () => {
    const operations: string[] = [];
    const aws = await standIn((operation) => {
      operations.push(operation);
      if (operation === 'DescribeRule') return ok(described);
      if (operation !== 'ListTargetsByRule') return undefined;
      return operations.filter((seen) => seen === 'ListTargetsByRule').length === 1
        ? ok({ Targets: [{ Id: 'First', Arn: 'arn:aws:sqs:us-east-1:111122223333:first' }], NextToken: 'page-2' })
        : ok({ Targets: [{ Id: 'Second', Arn: 'arn:aws:sqs:us-east-1:111122223333:second', Input: '"second"' }] });
    });
    try {
      const rule = await read(aws, { name: RULE, target: 'Second' });
      expect(rule.target).toEqual({ id: 'Second', input: { input: '"second"' } });
      expect(operations).toEqual(['DescribeRule', 'ListTargetsByRule', 'ListTargetsByRule']);
    } finally {
      await aws.close();
    }
  });

  it('says the bus has no rules besides captures, rather than ask to pick one of none', async () => {
    const aws = await standIn((operation) => {
      if (operation === 'DescribeRule') {
        return {
          status: 400,
          body: JSON.stringify({ __type: 'ResourceNotFoundException', message: 'Rule order-audit does not exist on EventBus mirror.' }),
        };
      }
      return operation === 'ListRules'
        ? ok({ Rules: [{ Name: 'jeb-x', Description: 'jest-eventbridge capture for a.test.ts' }] })
        : undefined;
    });
    try {
      await expect(read(aws, { name: 'order-audit' })).rejects.toThrow(
        'jest-eventbridge: mirrorRule: no rule "order-audit" on bus "mirror". The bus has no rules besides captures: check "eventBusName", and that the service\'s stack is deployed on this bus.',
      );
    } finally {
      await aws.close();
    }
  });

  it('names the rules of every ListRules page for a missing rule', async () => {
    let pages = 0;
    const aws = await standIn((operation) => {
      if (operation === 'DescribeRule') {
        return {
          status: 400,
          body: JSON.stringify({ __type: 'ResourceNotFoundException', message: 'Rule order-audti does not exist on EventBus mirror.' }),
        };
      }
      if (operation !== 'ListRules') return undefined;
      pages += 1;
      return pages === 1 ? ok({ Rules: [{ Name: 'order-audit' }], NextToken: 'page-2' }) : ok({ Rules: [{ Name: 'billing' }] });
    });
    try {
      await expect(read(aws, { name: 'order-audti' })).rejects.toThrow(
        'jest-eventbridge: mirrorRule: no rule "order-audti" on bus "mirror". Did you mean "order-audit"? Its rules: billing, order-audit. Set mirrorRule to the name of one of them.',
      );
      expect(pages).toBe(2);
    } finally {
      await aws.close();
    }
  });

  it('tells a missing bus (even one whose name holds "rule") from a missing rule, without listing rules', async () => {
    const operations: string[] = [];
    const aws = await standIn((operation) => {
      operations.push(operation);
      return operation === 'DescribeRule'
        ? { status: 400, body: JSON.stringify({ __type: 'ResourceNotFoundException', message: 'Event bus order-rule does not exist.' }) }
        : undefined;
    });
    try {
      const error = await read(aws, { name: RULE }, 'order-rule').then(
        () => undefined,
        (failure: unknown) => failure,
      );
      expect(error).toBeInstanceOf(CaptureSetupError);
      expect((error as Error).message).toBe(
        `jest-eventbridge: mirrorRule: Reading rule "order-audit" (events:DescribeRule) failed: event bus "order-rule" does not exist at endpoint ${aws.endpoint}. Create it first, or fix "eventBusName" (and the region).`,
      );
      expect(operations).toEqual(['DescribeRule']);
    } finally {
      await aws.close();
    }
  });

  it('refuses an answer without the rule ARN rather than deliver an empty <aws.events.rule-arn>', async () => {
    const { Arn: _arn, ...withoutArn } = described;
    const aws = await standIn((operation) => (operation === 'DescribeRule' ? ok(withoutArn) : undefined));
    try {
      await expect(read(aws, { name: RULE })).rejects.toThrow(
        `jest-eventbridge: mirrorRule: DescribeRule answered for rule "${RULE}" on bus "${BUS}" without its Arn, which the mirror needs (a target's <aws.events.rule-arn>). Check the endpoint: EventBridge always returns it.`,
      );
    } finally {
      await aws.close();
    }
  });
});
