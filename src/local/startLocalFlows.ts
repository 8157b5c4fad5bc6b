/**
 * Local flows: the service's own Node.js handlers, run from its template and routed by its
 * rules with EventBridge's semantics, on an emulator. In order:
 * 1. read the template (CloudFormation or SAM, YAML or JSON, CDK's synthesized one);
 * 2. create the resources the handlers use (tables, queues, topics, buckets) through the
 *    emulator's own CloudFormation, and the template's buses;
 * 3. resolve what names local resources (Ref, Fn::GetAtt, Fn::Sub, ...), check every rule's
 *    pattern, and prepare each function's execution environment (bundling TypeScript);
 * 4. listen to each bus the rules are on through a capture of its own (queue and rule, proved
 *    by a canary), and route each event: every matching rule's targets receive it, transformed
 *    by their Input, InputPath or InputTransformer.
 * Each function reaches the emulator through a port of its own on a loopback proxy, which tells
 * which invocation put which event (the lineage); a chain deeper than `maxChainDepth` is cut.
 * Whatever a step made is undone when a later one fails, and by `stop()`.
 */
import { DeleteEventBusCommand } from '@aws-sdk/client-eventbridge';
import { basename, resolve } from 'node:path';
import { createLogger, type Logger } from '../foundation/log';
import { messageOf } from '../foundation/realm';
import { JestEventBridgeError } from '../foundation/errors';
import { isRecord } from '../foundation/objects';
import { systemClock } from '../core/store/clock';
import { createAwsClients, destroyAwsClients, type AwsClients } from '../aws/awsClients';
import { lookUpCallerIdentity } from '../aws/accountId';
import { partitionOfRegion } from '../aws/regions';
import { EMULATOR_CREDENTIALS } from '../emulator/credentials';
import { createEventBuses } from '../emulator/eventBuses';
import { EventBridgeSource } from '../sources/eventbridge/eventBridgeSource';
import { captureNames, randomNonce, resolveRunId } from '../sources/eventbridge/resourceNames';
import { DEFAULT_RESOURCE_PREFIX } from '../sources/eventbridge/resourceNames';
import { readTemplate, resolveStack, TemplateError, templateDisplayName, type TemplateObject } from './template';
import { provisionResources, type ProvisionedResources, type ProvisionTemplate } from './provision';
import { createFunctionRuntime, LocalFunctionError, type FunctionRuntime } from './lambda';
import { DEFAULT_MAX_CHAIN_DEPTH, LocalRouter } from './localRouter';
import { EndpointProxy, EventLineage, type LineageEntry } from './lineage';
import { LocalFlowsError } from './localFlowsError';
import type { InvocationRecord, LocalStack, SkippedResource } from './stackModel';

export { LocalFlowsError } from './localFlowsError';

/** How to start local flows. */
export interface StartLocalFlowsOptions {
  /** Path of the template (absolute, or relative to the working folder). */
  readonly template: string;
  /** The emulator's endpoint, e.g. `http://127.0.0.1:5000`. Local flows never run against AWS. */
  readonly endpoint: string;
  /** Values of the template's parameters, by name. */
  readonly parameters?: Readonly<Record<string, string>>;
  /** @default AWS_REGION, else us-east-1 */
  readonly region?: string;
  /** The emulator's CloudFormation stack for the template's resources. @default `jeb-local-<random>` */
  readonly stackName?: string;
  /** Hears each invocation attempt as it ends. */
  readonly onInvocation?: (record: InvocationRecord) => void;
  /** Hears each event routed, with the logical ids of the functions it goes to (none when no rule matched). */
  readonly onRouted?: (eventId: string, functions: readonly string[]) => void;
  /** Hears each invocation whose attempts are all done. */
  readonly onSettled?: (eventId: string, logicalId: string) => void;
  /** Delays between the attempts of a failed invocation, in ms. @default [200, 400] (AWS waits about 1 and 2 minutes) */
  readonly retryDelaysMs?: readonly number[];
  /**
   * Hops a chain of events and handlers may go (an event, the handler it invokes, the event that
   * handler puts, ...) before it is cut: an event that many hops from the event its chain started
   * with (a test's own) is not routed, and the chain becomes one invocation record with outcome
   * 'error' and error.name 'LocalFlowCycleError', its message naming the cycle
   * ("Cycle stopped after 25 hops: Ping → (PingSent) → Pong → (PongSent) → Ping …"). A whole
   * number of at least 1. @default 25
   */
  readonly maxChainDepth?: number;
  /** How long the bus listeners' canaries may take, in ms. @default 30000 */
  readonly readinessTimeout?: number;
  readonly log?: Logger;
}

/** Running local flows. */
export interface LocalFlows {
  /** The template as it runs: functions, rules, buses, all resolved. */
  readonly stack: LocalStack;
  /** Every invocation attempt so far, in the order they ended. */
  readonly invocations: readonly InvocationRecord[];
  /** What the template holds that local mode does not create or run, and why. */
  readonly skipped: readonly SkippedResource[];
  /** Which handler's invocation put which event (events no local handler put have no entry). */
  readonly lineage: {
    depthOf(eventId: string): number;
    rootOf(eventId: string): string;
    chainOf(eventId: string): readonly LineageEntry[];
  };
  /** One paragraph: what runs, and what was skipped. */
  summary(): string;
  /** Waits for invocations in flight, stops the handlers and listeners, removes what start made. */
  stop(): Promise<void>;
}

const DEFAULT_REGION = 'us-east-1';

/**
 * Starts local flows for a template on an emulator.
 * @throws LocalFlowsError naming the template, resource or handler at fault and the fix, with
 *   nothing left running or created
 */
export async function startLocalFlows(options: StartLocalFlowsOptions): Promise<LocalFlows> {
  const region = options.region ?? process.env.AWS_REGION ?? DEFAULT_REGION;
  const log = options.log ?? createLogger('local');
  const stackName = options.stackName ?? `jeb-local-${randomNonce()}`;
  const maxChainDepth = options.maxChainDepth ?? DEFAULT_MAX_CHAIN_DEPTH;
  if (!Number.isInteger(maxChainDepth) || maxChainDepth < 1)
    throw new LocalFlowsError(
      `jest-eventbridge: maxChainDepth is ${String(maxChainDepth)}; it must be a whole number of at least 1 (hops a chain of events and handlers may go, ${DEFAULT_MAX_CHAIN_DEPTH} by default).`,
    );
  const clients: AwsClients = createAwsClients({ endpoint: options.endpoint, region, maxAttempts: 3, retryMode: 'standard' });
  // Each step pushes its own undo, so a start that fails half-way removes what it made.
  const undo: Array<() => Promise<unknown>> = [];
  const undoAll = async (): Promise<void> => {
    for (const step of undo.reverse()) await step().catch((error: unknown) => log(`local flows: clean-up failed: ${messageOf(error)}`));
    undo.length = 0;
    destroyAwsClients(clients);
  };

  try {
    const parsed = await readTemplate(options.template, { parameters: options.parameters ?? {} });
    const identity = await lookUpCallerIdentity(clients.sts, `local:${options.endpoint}`);
    const partition = identity.partition ?? partitionOfRegion(region) ?? 'aws';

    const provisioned: ProvisionedResources = await provisionResources({
      endpoint: options.endpoint,
      region,
      stackName,
      template: provisionTemplateOf(parsed.document),
      parameters: options.parameters ?? {},
    });
    undo.push(() => provisioned.deleteStack());

    const stack = resolveStack(parsed, { physical: provisioned.physical, region, accountId: identity.account, partition, stackName });
    const { runnable, notNode } = nodeFunctions(stack);
    const skipped = [...provisioned.skipped, ...stack.skipped, ...notNode];

    const busNames = new Set([...stack.buses.map((bus) => bus.name), ...stack.rules.map((rule) => rule.eventBusName)]);
    const createdBuses: string[] = [];
    undo.push(() => deleteBuses(clients, createdBuses));
    await createEventBuses(options.endpoint, region, busNames, createdBuses);

    const runtimes = new Map<string, FunctionRuntime>();
    const lineage = new EventLineage();
    const proxy = new EndpointProxy({
      upstream: options.endpoint,
      lineage,
      runningEventId: (logicalId) => runtimes.get(logicalId)?.running?.eventId,
      log,
    });
    // Undone after the runtimes stop (undo runs in reverse): no handler calls it any more.
    undo.push(() => proxy.stop());
    undo.push(() => Promise.all([...runtimes.values()].map((runtime) => runtime.stop())));
    const invocations: InvocationRecord[] = [];
    const recordInvocation = (record: InvocationRecord): void => {
      invocations.push(record);
      options.onInvocation?.(record);
    };
    for (const spec of runnable) {
      const runtime = createFunctionRuntime(spec, {
        // The function's own port on the proxy, which forwards to the emulator.
        endpoint: await proxy.open(spec.logicalId),
        region,
        accountId: identity.account,
        credentials: { ...EMULATOR_CREDENTIALS },
        log,
        ...(options.retryDelaysMs ? { retryDelaysMs: options.retryDelaysMs } : {}),
      });
      runtimes.set(spec.logicalId, runtime);
      runtime.onInvocation(recordInvocation);
    }
    await Promise.all([...runtimes.values()].map((runtime) => runtime.prepare()));

    const router = new LocalRouter({
      stack,
      runtimes,
      clients,
      endpoint: options.endpoint,
      log,
      lineage,
      maxChainDepth,
      onCycle: recordInvocation,
      ...(options.onRouted ? { onRouted: options.onRouted } : {}),
      ...(options.onSettled ? { onSettled: options.onSettled } : {}),
    });
    undo.push(() => router.settle());

    // One listener per bus the rules are on: a capture of the bus's events, like a test file's.
    const runId = resolveRunId();
    for (const eventBusName of new Set(stack.rules.map((rule) => rule.eventBusName))) {
      const source = new EventBridgeSource({
        clients,
        names: captureNames({ resourcePrefix: DEFAULT_RESOURCE_PREFIX, runId, workerId: 'local', testPath: `local-${eventBusName}` }),
        testPath: `local flows of ${basename(options.template)}`,
        eventBusName,
        region,
        endpoint: options.endpoint,
        readinessTimeout: options.readinessTimeout ?? 30_000,
        clock: systemClock,
        log,
      });
      undo.push(async () => {
        await source.stopDelivering();
        await source.remove();
      });
      await source.create();
      source.deliverTo(router.sinkFor(eventBusName));
      await source.proveDelivery();
    }

    let stopping: Promise<void> | undefined;
    return {
      stack,
      invocations,
      skipped,
      lineage,
      summary: () =>
        summarize({
          template: options.template,
          functions: runnable.map((spec) => spec.logicalId),
          rules: stack.rules,
          created: [
            ...Object.entries(provisioned.physical).map(([logicalId, resource]) => `${logicalId} (${resource.type})`),
            ...stack.buses.filter((bus) => createdBuses.includes(bus.name)).map((bus) => `${bus.logicalId} (AWS::Events::EventBus)`),
          ],
          skipped,
        }),
      stop() {
        stopping ??= undoAll();
        return stopping;
      },
    };
  } catch (error) {
    await undoAll();
    throw startError(options.template, error);
  }
}

/**
 * Reads and checks the template alone (its syntax, parameters and SAM), with no emulator: a
 * global setup calls it before starting one, so a wrong path or parameter fails at once.
 * @throws LocalFlowsError with the template reader's message
 */
export async function checkLocalTemplate(template: string, parameters: Readonly<Record<string, string>> = {}): Promise<void> {
  try {
    await readTemplate(template, { parameters });
  } catch (error) {
    throw startError(template, error);
  }
}

/**
 * One message, not a stack of wrapped ones: the template's own errors already name it; ours
 * (a handler, a pattern, an input) get its name in front; anything else (the emulator
 * unreachable) says that the flows could not start. The specific error stays the `cause`.
 */
function startError(template: string, error: unknown): LocalFlowsError {
  if (error instanceof LocalFlowsError) return error;
  if (error instanceof TemplateError) return new LocalFlowsError(error.message, { cause: error });
  const shown = templateDisplayName(resolve(template));
  if (error instanceof JestEventBridgeError) {
    return new LocalFlowsError(`jest-eventbridge: template ${shown}: ${error.message.replace(/^jest-eventbridge: /, '')}`, {
      cause: error,
    });
  }
  return new LocalFlowsError(`jest-eventbridge: local flows of ${shown} could not start: ${messageOf(error)}`, { cause: error });
}

/** The template's sections as the provisioning reads them (it picks the resource types it creates). */
function provisionTemplateOf(document: TemplateObject): ProvisionTemplate {
  const section = (name: string): Readonly<Record<string, never>> =>
    isRecord(document[name]) ? (document[name] as Record<string, never>) : {};
  return {
    resources: section('Resources'),
    parameters: section('Parameters'),
    mappings: section('Mappings'),
    conditions: section('Conditions'),
  };
}

/**
 * The functions local mode runs: Node.js ones. Another runtime is listed as not run locally; one
 * that a rule of the template targets is an error, since that flow cannot run here.
 * @throws LocalFunctionError naming the function, its runtime and the fix
 */
function nodeFunctions(stack: LocalStack): { runnable: LocalStack['functions']; notNode: SkippedResource[] } {
  const isNode = (runtime: string): boolean => runtime.startsWith('nodejs');
  for (const rule of stack.rules) {
    for (const target of rule.targets) {
      const spec = stack.functions.find((candidate) => candidate.logicalId === target.functionLogicalId);
      if (spec === undefined || isNode(spec.runtime)) continue;
      throw new LocalFunctionError(
        `jest-eventbridge: ${spec.logicalId} (${spec.templatePath}) uses ${spec.runtime}, and rule ${rule.logicalId} targets it: local mode runs Node.js handlers only. ` +
          'Run that flow against AWS (the same spec, without `local`), or leave the rule out of the template you give `local`.',
      );
    }
  }
  return {
    runnable: stack.functions.filter((spec) => isNode(spec.runtime)),
    notNode: stack.functions
      .filter((spec) => !isNode(spec.runtime))
      .map((spec) => ({
        logicalId: spec.logicalId,
        type: 'AWS::Lambda::Function',
        reason: `${spec.runtime}: local mode runs Node.js handlers`,
      })),
  };
}

async function deleteBuses(clients: AwsClients, names: readonly string[]): Promise<void> {
  for (const name of names) await clients.eventBridge.send(new DeleteEventBusCommand({ Name: name }));
}

/** What the start-up line tells. */
export interface FlowsSummary {
  readonly template: string;
  /** The functions that run locally, by logical id. */
  readonly functions: readonly string[];
  readonly rules: readonly Pick<LocalStack['rules'][number], 'eventBusName'>[];
  /** What was made on the emulator: `OrdersTable (AWS::DynamoDB::Table)`. */
  readonly created: readonly string[];
  readonly skipped: readonly SkippedResource[];
}

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;

/**
 * `template.yaml: 2 functions (A, B); 3 rules on bus orders; on the emulator: OrdersTable
 * (AWS::DynamoDB::Table)`, then a line of what is not run locally and why, when anything is not.
 */
export function summarize(summary: FlowsSummary): string {
  const buses = [...new Set(summary.rules.map((rule) => rule.eventBusName))];
  const parts = [
    `${basename(summary.template)}: ${plural(summary.functions.length, 'function')}${summary.functions.length > 0 ? ` (${summary.functions.join(', ')})` : ''}`,
    `${plural(summary.rules.length, 'rule')}${buses.length > 0 ? ` on ${buses.length === 1 ? 'bus' : 'buses'} ${buses.join(', ')}` : ''}`,
    ...(summary.created.length > 0 ? [`on the emulator: ${summary.created.join(', ')}`] : []),
  ];
  const lines = [parts.join('; ')];
  if (summary.skipped.length > 0) {
    lines.push(`not run locally: ${summary.skipped.map((entry) => `${entry.logicalId} (${entry.type}: ${entry.reason})`).join('; ')}`);
  }
  return lines.join('\n  ');
}
