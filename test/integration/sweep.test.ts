/**
 * `jest-eventbridge sweep` against the emulator: which capture resources it deletes (tagged and
 * old enough, seen from either side of a broken pair), which it never touches (untagged ones,
 * young ones, another bus's), dry runs, and the exit status when a delete fails.
 */
import { randomUUID } from 'node:crypto';
import { DeleteEventBusCommand, DeleteRuleCommand, PutRuleCommand, RemoveTargetsCommand } from '@aws-sdk/client-eventbridge';
import { CreateQueueCommand, DeleteQueueCommand, GetQueueUrlCommand } from '@aws-sdk/client-sqs';
import { createAwsClients, destroyAwsClients, type AwsClients } from '../../src/aws/awsClients';
import { CAPTURE_TARGET_ID, CaptureResources } from '../../src/sources/eventbridge/captureResources';
import { validateOptions } from '../../src/session/options/validateOptions';
import { sweep } from '../../src/sources/eventbridge/sweep';
import { createEventBus, TEST_REGION } from '../../tools/emulator';
import { runSweepCli } from '../fixtures/crash/childRun';
import { startFaultProxy } from '../support/faultProxy';
import { listCaptureResources } from './support/leftovers';

const endpoint = process.env.JEST_EVENTBRIDGE_TEST_ENDPOINT_RESOLVED as string;
const id = randomUUID().slice(0, 6);
const BUS = `sweep-test-${id}`;
const OTHER_BUS = `sweep-other-${id}`;
/** Unique to this run of the file, so that nothing else on the emulator matches. */
const PREFIX = `sweep-${id}-`;
const HOUR = 3_600_000;

jest.setTimeout(60_000);

let clients: AwsClients;
const names = {
  old: `${PREFIX}old`,
  ruleGone: `${PREFIX}rule-gone`,
  queueGone: `${PREFIX}queue-gone`,
  young: `${PREFIX}young`,
  untagged: `${PREFIX}untagged`,
  otherBus: `${PREFIX}other-bus`,
};

/** A real capture queue, rule and target, tagged as created `ageMs` ago. */
async function capture(name: string, ageMs: number, bus = BUS): Promise<CaptureResources> {
  const resources = new CaptureResources(clients, {
    resourceName: name,
    runId: 'sweeprun',
    testFile: __filename,
    eventBusName: bus,
    canaryId: `${name}-ready`,
    region: TEST_REGION,
    endpoint,
    now: () => new Date(Date.now() - ageMs),
  });
  await resources.create();
  return resources;
}

async function deleteRule(name: string, bus = BUS): Promise<void> {
  await clients.eventBridge
    .send(new RemoveTargetsCommand({ Rule: name, EventBusName: bus, Ids: [CAPTURE_TARGET_ID] }))
    .catch(() => undefined);
  await clients.eventBridge.send(new DeleteRuleCommand({ Name: name, EventBusName: bus }));
}

async function left(bus = BUS): Promise<{ queues: string[]; rules: string[] }> {
  return listCaptureResources(endpoint, [bus], PREFIX);
}
const cli = (...args: string[]) =>
  runSweepCli(['sweep', '--bus', BUS, '--prefix', PREFIX, '--endpoint', endpoint, '--region', TEST_REGION, ...args]);
const row = (name: string, kind: string, status: string, action: string) =>
  new RegExp(`^${name}\\s+${kind}\\s+\\S+(?: \\S+)?\\s+\\S+\\s+${status}\\s+${action}$`, 'm');

beforeAll(async () => {
  clients = createAwsClients(validateOptions({ eventBusName: BUS, endpoint, region: TEST_REGION }));
  await createEventBus(endpoint, BUS);
  await createEventBus(endpoint, OTHER_BUS);
  await capture(names.old, 2 * HOUR);
  await capture(names.ruleGone, 2 * HOUR);
  await deleteRule(names.ruleGone);
  await capture(names.queueGone, 2 * HOUR);
  const { QueueUrl } = await clients.sqs.send(new GetQueueUrlCommand({ QueueName: names.queueGone }));
  await clients.sqs.send(new DeleteQueueCommand({ QueueUrl }));
  await capture(names.young, 10 * 60_000);
  await capture(names.otherBus, 2 * HOUR, OTHER_BUS);
  // Named like ours, but not ours: no tags.
  await clients.sqs.send(new CreateQueueCommand({ QueueName: names.untagged }));
  await clients.eventBridge.send(
    new PutRuleCommand({ Name: names.untagged, EventBusName: BUS, EventPattern: JSON.stringify({ source: ['nobody'] }) }),
  );
});

afterAll(async () => {
  await sweep({ eventBusName: OTHER_BUS, olderThan: 0, prefix: PREFIX, endpoint, region: TEST_REGION });
  await sweep({ eventBusName: BUS, olderThan: 0, prefix: PREFIX, endpoint, region: TEST_REGION });
  await deleteRule(names.untagged).catch(() => undefined);
  const untagged = await clients.sqs.send(new GetQueueUrlCommand({ QueueName: names.untagged }));
  await clients.sqs.send(new DeleteQueueCommand({ QueueUrl: untagged.QueueUrl }));
  for (const bus of [BUS, OTHER_BUS]) await clients.eventBridge.send(new DeleteEventBusCommand({ Name: bus }));
  destroyAwsClients(clients);
});

describe('jest-eventbridge sweep', () => {
  it('in a dry run, lists what it would do and deletes nothing', async () => {
    const before = await left();
    const result = await cli('--dry-run');
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/^NAME\s+KIND\s+AGE\s+RUN ID\s+STATUS\s+ACTION$/m);
    expect(result.stdout).toMatch(row(names.old, 'rule', 'paired', 'would delete'));
    expect(result.stdout).toMatch(row(names.old, 'queue', 'paired', 'would delete'));
    expect(result.stdout).toMatch(row(names.ruleGone, 'queue', 'orphan: rule gone', 'would delete'));
    expect(result.stdout).toMatch(row(names.queueGone, 'rule', 'orphan: queue gone', 'would delete'));
    expect(result.stdout).toMatch(row(names.young, 'rule', 'paired', 'kept: younger than 1h'));
    expect(result.stdout).toMatch(
      new RegExp(`^${names.untagged}\\s+rule\\s+-\\s+-\\s+untagged\\s+skipped: no jest-eventbridge:run-id tag$`, 'm'),
    );
    expect(result.stdout).toContain(`Left alone 1 other queue named ${PREFIX}*`);
    expect(result.stdout).toContain(
      `bus "${BUS}", prefix "${PREFIX}", older than 1h: would remove 2 rules and 2 queues (dry run: nothing deleted); kept 2 younger than 1h; skipped 2`,
    );
    expect(await left()).toEqual(before);
  });

  it('deletes tagged resources older than the threshold, from either side of a broken pair, and nothing else', async () => {
    const result = await cli();
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(row(names.ruleGone, 'queue', 'orphan: rule gone', 'deleted'));
    expect(result.stdout).toMatch(row(names.queueGone, 'rule', 'orphan: queue gone', 'deleted'));
    expect(await left()).toEqual({
      queues: [names.otherBus, names.untagged, names.young].sort(),
      rules: [`${BUS}/${names.untagged}`, `${BUS}/${names.young}`].sort(),
    });
    // The other bus's capture is whole: its queue was not mistaken for an orphan of this bus.
    expect((await left(OTHER_BUS)).rules).toEqual([`${OTHER_BUS}/${names.otherBus}`]);
  });

  it('with a threshold of 0, also deletes young captures, never untagged ones', async () => {
    const report = await sweep({ eventBusName: BUS, olderThan: '0s', prefix: PREFIX, endpoint, region: TEST_REGION });
    expect(report.deleted.map((r) => `${r.kind} ${r.name}`).sort()).toEqual([`queue ${names.young}`, `rule ${names.young}`]);
    expect(report.failed).toEqual([]);
    expect(await left()).toEqual({ queues: [names.otherBus, names.untagged].sort(), rules: [`${BUS}/${names.untagged}`] });
  });

  it('exits 1 and names what it could not delete; a later sweep finishes the job', async () => {
    const name = `${PREFIX}stuck`;
    await capture(name, 2 * HOUR);
    const proxy = await startFaultProxy(endpoint, {
      rate: 1,
      faults: ['server-error-500'],
      match: (request) => request.operation === 'DeleteQueue',
    });
    try {
      const result = await runSweepCli(['sweep', '--bus', BUS, '--prefix', PREFIX, '--endpoint', proxy.endpoint, '--region', TEST_REGION]);
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(row(name, 'rule', 'paired', 'deleted'));
      expect(result.stdout).toMatch(row(name, 'queue', 'paired', 'FAILED'));
      expect(result.stderr).toBe(
        `Could not remove:\n  - queue ${name}: Deleting queue ${name} (sqs:DeleteQueue) failed: InternalError (HTTP 500): We encountered an internal error. Please try again.\n`,
      );
    } finally {
      await proxy.close();
    }
    const again = await cli();
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(row(name, 'queue', 'orphan: rule gone', 'deleted'));
  });

  it("prints no AWS SDK Node-version banner unless the user turns the SDK's switch back on", async () => {
    const quiet = await cli('--dry-run');
    expect({ code: quiet.code, stderr: quiet.stderr }).toEqual({ code: 0, stderr: '' });
    const asked = await runSweepCli(
      ['sweep', '--bus', BUS, '--prefix', PREFIX, '--endpoint', endpoint, '--region', TEST_REGION, '--dry-run'],
      60_000,
      {
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'false',
      },
    );
    expect(asked.code).toBe(0);
    // The SDK warns only below the Node major it will require next (22 in this SDK release).
    const major = Number(process.versions.node.split('.')[0]);
    const banner = /^\(node:\d+\) Warning: NodeVersionSupportWarning: The AWS SDK for JavaScript \(v3\)/;
    expect(asked.stderr).toMatch(major < 22 ? banner : /^$/);
  });

  it('exits 1 with the reason when the bus does not exist', async () => {
    const result = await runSweepCli(['sweep', '--bus', `${BUS}-nope`, '--endpoint', endpoint, '--region', TEST_REGION]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `jest-eventbridge sweep: Listing the rules of bus ${BUS}-nope (events:ListRules) failed: event bus "${BUS}-nope" does not exist at endpoint ${endpoint}. Create it first, or fix "eventBusName" (and the region).\n`,
    );
  });
});
