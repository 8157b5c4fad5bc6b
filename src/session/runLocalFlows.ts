/**
 * Local flows for a whole test run. They run once, in the process of the runner's global setup:
 * each worker running the handlers would invoke every handler once per worker. The global setup
 * starts them after the emulator, serves their invocation log on loopback HTTP and hands its
 * URL to the workers in an environment variable (workers start after global setup and inherit
 * it); the global teardown stops them before the emulator.
 */
import { basename, isAbsolute, resolve } from 'node:path';
import { ConfigurationError } from '../foundation/errors';
import { InvocationLog } from '../local/invocationLog';
import { checkLocalTemplate, startLocalFlows, type LocalFlows } from '../local/startLocalFlows';
import { LOCAL_FLOWS_LOG_ENV } from './invocationFollower';
import type { ResolvedOptions } from './options/options';

export { LOCAL_FLOWS_LOG_ENV } from './invocationFollower';

interface RunState {
  readonly flows: LocalFlows;
  readonly log: InvocationLog;
  readonly previous: string | undefined;
}

// On globalThis because Jest loads global setup and teardown as separate modules of one process.
const STATE = Symbol.for('jest-eventbridge.run-local-flows');
type StateHolder = typeof globalThis & { [STATE]?: RunState };

export interface RunLocalFlowsInputs {
  readonly local: NonNullable<ResolvedOptions['local']>;
  /** The bus the test files capture from and put on: a warning says so when no rule of the template is on it. */
  readonly eventBusName: string;
  /** The emulator's endpoint (the run's embedded one, or the `endpoint` option). */
  readonly endpoint: string;
  readonly region: string;
  /** What a relative template path is resolved from: the runner's root folder. */
  readonly rootDir: string;
  /** Where the summary of what runs and what is skipped goes. */
  readonly write: (text: string) => void;
}

/** The template's path: as given when absolute, else from the runner's root folder. */
function templatePath(local: NonNullable<ResolvedOptions['local']>, rootDir: string): string {
  return isAbsolute(local.template) ? local.template : resolve(rootDir, local.template);
}

/**
 * Reads the template before anything starts, so that a wrong path or a missing parameter fails
 * the run at once, not after the emulator has started.
 * @throws LocalFlowsError with the template reader's message
 */
export function checkRunLocalFlows(local: NonNullable<ResolvedOptions['local']>, rootDir: string): Promise<void> {
  return checkLocalTemplate(templatePath(local, rootDir), local.parameters);
}

/**
 * Starts the run's local flows (once per process: several projects of one run share them).
 * @throws what `startLocalFlows` throws for a bad template, handler or pattern, with nothing left running
 */
export async function startRunLocalFlows(inputs: RunLocalFlowsInputs): Promise<void> {
  const holder = globalThis as StateHolder;
  if (holder[STATE] !== undefined) return;
  const template = templatePath(inputs.local, inputs.rootDir);
  const log = new InvocationLog();
  const flows = await startLocalFlows({
    template,
    endpoint: inputs.endpoint,
    region: inputs.region,
    parameters: inputs.local.parameters,
    ...(inputs.local.maxChainDepth !== undefined ? { maxChainDepth: inputs.local.maxChainDepth } : {}),
    onInvocation: (record) => log.append({ type: 'attempt', record }),
    onRouted: (eventId, functions) => log.append({ type: 'routed', eventId, functions }),
    onSettled: (eventId, logicalId) => log.append({ type: 'settled', eventId, logicalId }),
  });
  log.listenTo([...new Set(flows.stack.rules.map((rule) => rule.eventBusName))]);
  // The rules as local flows route them (real account, stack name, physical names): what the
  // workers' mirrorRule and failure messages weigh, read from here rather than re-read from the template.
  log.serveRules({ file: basename(template), rules: flows.stack.rules });
  let url: string;
  try {
    url = await log.serve();
  } catch (error) {
    await flows.stop();
    throw error;
  }
  holder[STATE] = { flows, log, previous: process.env[LOCAL_FLOWS_LOG_ENV] };
  process.env[LOCAL_FLOWS_LOG_ENV] = url;
  inputs.write(`jest-eventbridge: local flows: ${flows.summary()}\n`);
  const buses = [...new Set(flows.stack.rules.map((rule) => rule.eventBusName))];
  if (!buses.includes(inputs.eventBusName)) {
    inputs.write(
      `jest-eventbridge: local flows: no rule of the template is on bus "${inputs.eventBusName}", the bus the tests put on (its rules are on ${buses.length === 0 ? 'no bus' : buses.map((bus) => `"${bus}"`).join(', ')}): ` +
        "events put there reach no handler. Set eventBusName to the template's bus, or give the template the bus name in local.parameters.\n",
    );
  }
}

/** Stops the run's local flows, if this process started them. */
export async function stopRunLocalFlows(): Promise<void> {
  const holder = globalThis as StateHolder;
  const state = holder[STATE];
  delete holder[STATE];
  if (state === undefined) return;
  if (state.previous === undefined) delete process.env[LOCAL_FLOWS_LOG_ENV];
  else process.env[LOCAL_FLOWS_LOG_ENV] = state.previous;
  try {
    await state.flows.stop();
  } finally {
    await state.log.close();
  }
}

/**
 * For one test file's CaptureSession: with `local`, the URL of the run's invocation log to follow
 * (its server also answers the rules local flows route, for `mirrorRule` and failure messages).
 * @throws ConfigurationError when no global setup of ours started the flows
 */
export function localFlowsSessionInputs(options: ResolvedOptions, env: NodeJS.ProcessEnv = process.env): { invocationLogUrl?: string } {
  if (options.local === undefined) return {};
  const url = env[LOCAL_FLOWS_LOG_ENV];
  if (url) return { invocationLogUrl: url };
  throw new ConfigurationError(
    "jest-eventbridge: `local` is set for this file, but the run's local flows are not running: they start once per run in jest-eventbridge's global setup, " +
      'with the options of the config (a docblock alone cannot start them). Use the preset, or list `jest-eventbridge/global-setup` and `jest-eventbridge/global-teardown` ' +
      '(Vitest: `jest-eventbridge/vitest/global-setup`), and set `local` in the config.',
  );
}
