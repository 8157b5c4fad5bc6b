/**
 * runGlobalSetup with `local`: a template local flows cannot read fails the global setup (so the
 * runner stops before any worker starts) with the template's message, and sets nothing for the
 * workers. The template is read before any call to the emulator, so no network is needed: the
 * endpoint given is never called.
 */
import path from 'node:path';
import { runGlobalSetup, RUN_ID_ENV, GLOBAL_SETUP_ENV } from '../../../../src/runners/shared/runGlobalSetup';
import { validateJestOptions } from '../../../../src/runners/jest/jestOptions';
import { LOCAL_FLOWS_LOG_ENV } from '../../../../src/session/runLocalFlows';
import { LocalFlowsError } from '../../../../src/local/startLocalFlows';

const ROOT = path.join(__dirname, '../../../fixtures/local-flows/bad');
const KINDS = 'a CloudFormation or SAM template (YAML or JSON), or cdk.out/<Stack>.template.json';
/** Nothing listens there: reading the template fails first. */
const ENDPOINT = 'http://127.0.0.1:9';

const validate = (raw: unknown, origins: Partial<Record<string, string>>) => validateJestOptions(raw, { testTimeout: 30_000, origins });

async function failedSetup(template: string): Promise<{ error: unknown; written: string[] }> {
  const written: string[] = [];
  const error = await runGlobalSetup({ eventBusName: 'orders', endpoint: ENDPOINT, local: { template } }, validate, {
    rootDir: ROOT,
    write: (text) => written.push(text),
  }).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  return { error, written };
}

describe('the global setup with a template local flows cannot read', () => {
  const saved = { [RUN_ID_ENV]: process.env[RUN_ID_ENV], [GLOBAL_SETUP_ENV]: process.env[GLOBAL_SETUP_ENV] };
  afterAll(() => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it('fails with the message naming the template, resolved from rootDir, and sets nothing for the workers', async () => {
    const { error, written } = await failedSetup('template.yaml');
    expect(error).toBeInstanceOf(LocalFlowsError);
    const file = path.join(ROOT, 'template.yaml');
    expect((error as Error).message).toBe(
      `jest-eventbridge: template ${path.relative(process.cwd(), file)}: the file does not exist (looked for ${file}). ` +
        `Fix local.template: it takes the path of ${KINDS}, absolute or relative to the project's root folder (Jest's rootDir, Vitest's root).`,
    );
    expect(written).toEqual([]);
    expect(process.env[LOCAL_FLOWS_LOG_ENV]).toBeUndefined();
  });

  it('fails with the syntax error and its line and column', async () => {
    const { error } = await failedSetup('syntax.template');
    const file = path.join(ROOT, 'syntax.template');
    expect((error as Error).message).toBe(
      `jest-eventbridge: template ${path.relative(process.cwd(), file)}: line 7, column 1: not valid YAML: All mapping items must start at the same column. ` +
        `Fix the syntax there (local mode reads ${KINDS}).`,
    );
  });
});
