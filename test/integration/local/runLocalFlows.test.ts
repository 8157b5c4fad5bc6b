/**
 * Local flows for a whole run, as the global setup starts them: the start-up lines, the warning
 * when no rule of the template is on the tests' bus, the log's URL handed to the workers, and
 * everything undone by the stop.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { LOCAL_FLOWS_LOG_ENV, startRunLocalFlows, stopRunLocalFlows } from '../../../src/session/runLocalFlows';

const endpoint = process.env.JEST_EVENTBRIDGE_TEST_ENDPOINT_RESOLVED as string;
const FIXTURES = join(__dirname, '../../fixtures/local-flows');

describe('startRunLocalFlows', () => {
  afterEach(() => stopRunLocalFlows());

  it('warns when the tests put on a bus no rule of the template is on, and hands the log to the workers', async () => {
    const bus = `run-${randomUUID().slice(0, 8)}`;
    const written: string[] = [];
    await startRunLocalFlows({
      local: { template: 'cfn/template.json', parameters: { EventBusName: bus } },
      eventBusName: 'orders',
      endpoint,
      region: 'us-east-1',
      rootDir: FIXTURES,
      write: (text) => written.push(text),
    });
    expect(written[0]).toMatch(
      new RegExp(`^jest-eventbridge: local flows: template.json: 1 function \\(NotifyFunction\\); 1 rule on bus ${bus}; on the emulator: `),
    );
    expect(written.slice(1)).toEqual([
      `jest-eventbridge: local flows: no rule of the template is on bus "orders", the bus the tests put on (its rules are on "${bus}"): ` +
        "events put there reach no handler. Set eventBusName to the template's bus, or give the template the bus name in local.parameters.\n",
    ]);
    const url = process.env[LOCAL_FLOWS_LOG_ENV];
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/invocations$/);
    const page = (await (await fetch(`${url ?? ''}?after=0`)).json()) as { buses: string[] };
    expect(page.buses).toEqual([bus]);
    // The rules as local flows route them, for a worker's mirrorRule and failure messages: the emulator's account, the run's stack.
    const answer = (await (await fetch(new URL('/rules', url ?? ''))).json()) as {
      file: string;
      rules: { arn: string; eventBusName: string }[];
    };
    expect(answer.file).toBe('template.json');
    expect(answer.rules.map((rule) => rule.eventBusName)).toEqual([bus]);
    expect(answer.rules[0]?.arn).toMatch(new RegExp(`^arn:aws:events:us-east-1:\\d{12}:rule/${bus}/`));

    await stopRunLocalFlows();
    expect(process.env[LOCAL_FLOWS_LOG_ENV]).toBeUndefined();
    await expect(fetch(`${url ?? ''}?after=0`)).rejects.toThrow();
  });

  it('says nothing more when the rules are on the tests’ bus', async () => {
    const bus = `run-${randomUUID().slice(0, 8)}`;
    const written: string[] = [];
    await startRunLocalFlows({
      local: { template: 'cfn/template.json', parameters: { EventBusName: bus } },
      eventBusName: bus,
      endpoint,
      region: 'us-east-1',
      rootDir: FIXTURES,
      write: (text) => written.push(text),
    });
    expect(written).toHaveLength(1);
  });
});
