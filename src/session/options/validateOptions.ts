import { messageOf } from '../../foundation/realm';
import { EVENT_BUS_NAME_RULE, isEventBusNameOrArn, parseEventBusArn } from '../../aws/arns';
import { splitPath } from '../../core/events/objectPath';
import { isRecord } from '../../foundation/objects';
import { ConfigurationError } from '../../foundation/errors';
import { DEFAULT_RESOURCE_PREFIX, MAX_PREFIX_LENGTH, resourcePrefixProblem } from '../../sources/eventbridge/resourceNames';
import { describeValue as describe } from '../../foundation/describeValue';
import { formatProblemList } from '../../foundation/problemList';
import { validatePattern } from '../../core/pattern';
import { DURATION_EXAMPLES, parseDuration } from '../../foundation/duration';
import { didYouMean } from '../../foundation/didYouMean';
import { isTimerTimeout } from '../../foundation/timers';
import { isHttpUrl } from '../../foundation/valueFormats';
import { isKnownRegion } from '../../aws/regions';
import {
  DEFAULT_MAX_ATTEMPTS,
  DEFAULT_MAX_STORED_EVENTS,
  DEFAULT_READINESS_TIMEOUT_MS,
  DEFAULT_SWEEP_OLDER_THAN_MS,
  DEFAULT_TIMEOUT_MS,
  type EventBridgeOptions,
  type ResolvedOptions,
} from './options';

const KNOWN_KEYS: readonly (keyof EventBridgeOptions)[] = [
  'eventBusName',
  'region',
  'endpoint',
  'emulator',
  'capturePattern',
  'mirrorRule',
  'timeout',
  'correlation',
  'resourcePrefix',
  'keep',
  'captureScope',
  'readinessTimeout',
  'maxStoredEvents',
  'maxAttempts',
  'retryMode',
  'sweep',
  'sweepOlderThan',
  'local',
];

const PATH_SEGMENT = /^[^.\s]+$/;

/**
 * A test runner's limit on the matcher timeout: a runner that stops a test after some time
 * lowers the default, and refuses a `timeout` a test could not outlive.
 */
export interface TimeoutBound {
  /** The default matcher timeout under this bound, in ms. */
  readonly defaultTimeout: number;
  /** The problem with `timeout` (in ms; `name` is how messages call the option), or undefined when it fits. */
  problem(timeout: number, name: string): string | undefined;
}

export interface ValidationContext {
  /** The runner's bound on the matcher timeout, when it has one (the Jest runner: its testTimeout). */
  readonly timeoutBound?: TimeoutBound;
  /** Where the options came from, for messages. */
  readonly source?: string;
  /** Options that came from elsewhere (an environment variable), by key: messages name that instead. */
  readonly origins?: Readonly<Partial<Record<string, string>>>;
}

const EXAMPLE = `testEnvironmentOptions: { eventBridge: { eventBusName: 'my-bus' } }`;

/**
 * Checks the `eventBridge` options and applies defaults. Every problem is reported at once,
 * each naming the option and the fix, before any AWS call is made.
 */
export function validateOptions(raw: unknown, context: ValidationContext = {}): ResolvedOptions {
  const where = context.source ?? 'testEnvironmentOptions.eventBridge';
  if (raw === undefined || raw === null) {
    throw new ConfigurationError(`jest-eventbridge: ${where} is missing. Add it to your Jest config, for example ${EXAMPLE}.`);
  }
  if (!isRecord(raw)) {
    throw new ConfigurationError(`jest-eventbridge: ${where} must be an object like { eventBusName: 'my-bus' }, got ${describe(raw)}.`);
  }
  const problems: string[] = [];
  const option = (key: string): string => context.origins?.[key] ?? `"${where}.${key}"`;

  for (const key of Object.keys(raw)) {
    if ((KNOWN_KEYS as readonly string[]).includes(key)) continue;
    const hint = didYouMean(key, KNOWN_KEYS);
    problems.push(`${option(key)} is not an option${hint ? `: did you mean "${hint}"?` : `. Known options: ${KNOWN_KEYS.join(', ')}.`}`);
  }

  const bus = raw.eventBusName;
  let eventBusArn: ResolvedOptions['eventBusArn'];
  if (bus === undefined || bus === '') {
    problems.push(`${option('eventBusName')} is required: the name or ARN of the bus your service uses, e.g. ${EXAMPLE}.`);
  } else if (typeof bus !== 'string') {
    problems.push(`${option('eventBusName')} must be a string (a bus name or ARN), got ${describe(bus)}.`);
  } else {
    eventBusArn = parseEventBusArn(bus);
    if (!isEventBusNameOrArn(bus)) {
      problems.push(`${option('eventBusName')} ${describe(bus)} is not a valid bus name (${EVENT_BUS_NAME_RULE}) or event-bus ARN.`);
    }
  }

  const region = raw.region;
  if (region !== undefined && (typeof region !== 'string' || !isKnownRegion(region))) {
    problems.push(`${option('region')} must be an AWS region such as "us-east-1", got ${describe(region)}.`);
  }

  const endpoint = raw.endpoint;
  if (endpoint !== undefined && (typeof endpoint !== 'string' || !isHttpUrl(endpoint))) {
    problems.push(`${option('endpoint')} must be an http(s) URL such as "http://127.0.0.1:4566", got ${describe(endpoint)}.`);
  }

  checkEmulator(raw, option, problems);

  const capturePattern = raw.capturePattern;
  if (capturePattern !== undefined) {
    if (!isRecord(capturePattern)) {
      problems.push(`${option('capturePattern')} must be an EventBridge event pattern object, got ${describe(capturePattern)}.`);
    } else {
      try {
        validatePattern(capturePattern);
      } catch (error) {
        problems.push(`${option('capturePattern')}: ${messageOf(error)}`);
      }
    }
  }

  const mirrorRule = checkMirrorRule(raw, option, problems);

  const timeout = checkMilliseconds(raw.timeout, option('timeout'), problems);
  const timeoutProblem = timeout === undefined ? undefined : context.timeoutBound?.problem(timeout, option('timeout'));
  if (timeoutProblem !== undefined) problems.push(timeoutProblem);
  const readinessTimeout = checkMilliseconds(raw.readinessTimeout, option('readinessTimeout'), problems);

  let correlation: ResolvedOptions['correlation'];
  const rawCorrelation = raw.correlation;
  if (rawCorrelation !== undefined) {
    const path = isRecord(rawCorrelation) ? rawCorrelation.path : undefined;
    const segments = typeof path === 'string' ? splitPath(path) : [];
    if (typeof path !== 'string' || segments.length < 2 || segments[0] !== 'detail' || !segments.every((s) => PATH_SEGMENT.test(s))) {
      problems.push(
        `${option('correlation')} must be { path: 'detail.<field>' }, a dotted path inside the event's detail such as 'detail.metadata.correlationId', got ${isRecord(rawCorrelation) ? describe(path) : describe(rawCorrelation)}.`,
      );
    } else {
      correlation = { path, segments };
    }
  }

  const prefix = raw.resourcePrefix;
  if (prefix !== undefined && resourcePrefixProblem(prefix, 'names') !== undefined) {
    problems.push(
      `${option('resourcePrefix')} must be 1 to ${MAX_PREFIX_LENGTH.names} letters, digits, "-" or "_" (queue and rule names allow no more), got ${describe(prefix)}.`,
    );
  }

  if (raw.keep !== undefined && typeof raw.keep !== 'boolean') {
    problems.push(`${option('keep')} must be true or false, got ${describe(raw.keep)}.`);
  }

  const captureScope = raw.captureScope;
  if (captureScope !== undefined && captureScope !== 'file' && captureScope !== 'worker') {
    problems.push(
      `${option('captureScope')} must be "worker" (one capture per worker, reused by its files) or "file" (one per test file), got ${describe(captureScope)}.`,
    );
  }

  const maxStoredEvents = raw.maxStoredEvents;
  if (maxStoredEvents !== undefined && !(Number.isInteger(maxStoredEvents) && (maxStoredEvents as number) > 0)) {
    problems.push(`${option('maxStoredEvents')} must be a positive whole number, got ${describe(maxStoredEvents)}.`);
  }
  const maxAttempts = raw.maxAttempts;
  if (maxAttempts !== undefined && !(Number.isInteger(maxAttempts) && (maxAttempts as number) >= 1 && (maxAttempts as number) <= 20)) {
    problems.push(`${option('maxAttempts')} must be a whole number from 1 to 20, got ${describe(maxAttempts)}.`);
  }
  const retryMode = raw.retryMode;
  if (retryMode !== undefined && retryMode !== 'standard' && retryMode !== 'adaptive') {
    problems.push(`${option('retryMode')} must be "standard" or "adaptive", got ${describe(retryMode)}.`);
  }

  if (raw.sweep !== undefined && typeof raw.sweep !== 'boolean') {
    problems.push(`${option('sweep')} must be true or false, got ${describe(raw.sweep)}.`);
  }
  const sweepOlderThan = raw.sweepOlderThan;
  const sweepOlderThanMs = typeof sweepOlderThan === 'string' ? parseDuration(sweepOlderThan) : undefined;
  if (sweepOlderThan !== undefined && sweepOlderThanMs === undefined) {
    problems.push(
      `${option('sweepOlderThan')} must be a duration: a whole number and a unit, such as ${DURATION_EXAMPLES}, got ${describe(sweepOlderThan)}.`,
    );
  }

  const local = checkLocal(raw, option, problems);

  if (problems.length > 0) throw new ConfigurationError(formatProblemList('jest-eventbridge: invalid options.', problems));

  const defaultTimeout = context.timeoutBound?.defaultTimeout ?? DEFAULT_TIMEOUT_MS;
  return {
    eventBusName: eventBusArn?.name ?? (bus as string),
    ...(eventBusArn ? { eventBusArn } : {}),
    ...(typeof region === 'string' ? { region } : eventBusArn ? { region: eventBusArn.region } : {}),
    ...(typeof endpoint === 'string' ? { endpoint } : {}),
    emulator: raw.emulator === true,
    ...(isRecord(capturePattern) ? { capturePattern } : {}),
    ...(mirrorRule ? { mirrorRule } : {}),
    timeout: timeout ?? defaultTimeout,
    ...(correlation ? { correlation } : {}),
    resourcePrefix: typeof prefix === 'string' ? prefix : DEFAULT_RESOURCE_PREFIX,
    keep: raw.keep === true,
    captureScope: captureScope === 'file' ? 'file' : 'worker',
    captureScopeGiven: captureScope !== undefined,
    readinessTimeout: readinessTimeout ?? DEFAULT_READINESS_TIMEOUT_MS,
    maxStoredEvents: (maxStoredEvents as number | undefined) ?? DEFAULT_MAX_STORED_EVENTS,
    maxAttempts: (maxAttempts as number | undefined) ?? DEFAULT_MAX_ATTEMPTS,
    retryMode: (retryMode as 'standard' | 'adaptive' | undefined) ?? 'standard',
    sweep: raw.sweep === true,
    sweepOlderThanMs: sweepOlderThanMs ?? DEFAULT_SWEEP_OLDER_THAN_MS,
    ...(local ? { local } : {}),
  };
}

/** The characters of EventBridge's rule names and target ids (PutRule's and PutTargets' constraint). */
const RULE_OR_TARGET_ID = /^[.\-_A-Za-z0-9]+$/;
/** The longest rule name or target id EventBridge takes. */
const MAX_RULE_NAME_LENGTH = 64;
/** The longest CloudFormation logical id: with `local`, a rule may be named by it. */
const MAX_LOGICAL_ID_LENGTH = 255;

function isRuleOrTargetId(value: unknown, maxLength: number): value is string {
  return typeof value === 'string' && value.length >= 1 && value.length <= maxLength && RULE_OR_TARGET_ID.test(value);
}
const MIRROR_EXAMPLE = `mirrorRule: 'order-service-audit'` + " or `mirrorRule: { name: 'order-service-audit', target: 'AuditQueue' }`";

function checkMirrorRule(raw: Record<string, unknown>, option: (key: string) => string, problems: string[]): ResolvedOptions['mirrorRule'] {
  const mirror = raw.mirrorRule;
  if (mirror === undefined) return undefined;
  const before = problems.length;
  let name: unknown;
  let target: unknown;
  if (typeof mirror === 'string') {
    name = mirror;
  } else if (isRecord(mirror)) {
    const keys = ['name', 'target'];
    for (const key of Object.keys(mirror)) {
      if (keys.includes(key)) continue;
      const hint = didYouMean(key, keys);
      problems.push(
        `${option(`mirrorRule.${key}`)} is not an option of mirrorRule${hint ? `: did you mean "${hint}"?` : ': it takes name and target.'}`,
      );
    }
    ({ name, target } = mirror);
  } else {
    problems.push(`${option('mirrorRule')} must be a rule name or { name, target }, such as ${MIRROR_EXAMPLE}, got ${describe(mirror)}.`);
    return undefined;
  }
  const nameKey = typeof mirror === 'string' ? 'mirrorRule' : 'mirrorRule.name';
  if (raw.local !== undefined) {
    if (!isRuleOrTargetId(name, MAX_LOGICAL_ID_LENGTH)) {
      problems.push(
        `${option(nameKey)} must be the name or logical id of a rule of the template: 1 to ${MAX_LOGICAL_ID_LENGTH} letters, digits, ".", "-" or "_", got ${describe(name)}.`,
      );
    }
  } else if (!isRuleOrTargetId(name, MAX_RULE_NAME_LENGTH)) {
    problems.push(
      `${option(nameKey)} must be the name of a rule on the bus: 1 to ${MAX_RULE_NAME_LENGTH} letters, digits, ".", "-" or "_" (with \`local\`, its logical id in the template works too), got ${describe(name)}.`,
    );
  }
  if (target !== undefined && !isRuleOrTargetId(target, MAX_RULE_NAME_LENGTH)) {
    problems.push(
      `${option('mirrorRule.target')} must be the Id of one of the rule's targets: 1 to ${MAX_RULE_NAME_LENGTH} letters, digits, ".", "-" or "_", got ${describe(target)}.`,
    );
  }
  if (raw.capturePattern !== undefined) {
    problems.push(
      `${option('mirrorRule')} and ${option('capturePattern')} cannot both be set: a mirrored capture copies the rule's pattern. Remove "capturePattern" to mirror the rule, or "mirrorRule" to capture by your own pattern.`,
    );
  }
  if (problems.length > before || typeof name !== 'string') return undefined;
  return { name, ...(typeof target === 'string' ? { target } : {}) };
}

const LOCAL_EXAMPLE = `local: { template: './template.yaml', parameters: { Stage: 'test' } }`;

function checkLocal(raw: Record<string, unknown>, option: (key: string) => string, problems: string[]): ResolvedOptions['local'] {
  const local = raw.local;
  if (local === undefined) return undefined;
  if (!isRecord(local)) {
    problems.push(`${option('local')} must be an object like ${LOCAL_EXAMPLE}, got ${describe(local)}.`);
    return undefined;
  }
  const before = problems.length;
  const keys = ['template', 'parameters', 'maxChainDepth'];
  for (const key of Object.keys(local)) {
    if (keys.includes(key)) continue;
    const hint = didYouMean(key, keys);
    problems.push(
      `${option(`local.${key}`)} is not an option of local${hint ? `: did you mean "${hint}"?` : ': it takes template, parameters and maxChainDepth.'}`,
    );
  }
  const { template, parameters, maxChainDepth } = local;
  if (maxChainDepth !== undefined && !(Number.isInteger(maxChainDepth) && (maxChainDepth as number) >= 1)) {
    problems.push(
      `${option('local.maxChainDepth')} must be a whole number of hops, at least 1 (default 25), got ${describe(maxChainDepth)}.`,
    );
  }
  if (typeof template !== 'string' || template.trim() === '') {
    problems.push(
      `${option('local.template')} must be the path of the stack's template (CloudFormation or SAM, YAML or JSON, or cdk.out/<Stack>.template.json), got ${describe(template)}.`,
    );
  }
  const values: Record<string, string> = {};
  if (parameters !== undefined) {
    if (!isRecord(parameters)) {
      problems.push(
        `${option('local.parameters')} must be an object of parameter values by name, such as { Stage: 'test' }, got ${describe(parameters)}.`,
      );
    } else {
      for (const [name, value] of Object.entries(parameters)) {
        if (typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value)))
          values[name] = String(value);
        else
          problems.push(
            `${option(`local.parameters.${name}`)} must be a string, number or boolean (CloudFormation passes parameters as text), got ${describe(value)}.`,
          );
      }
    }
  }
  if (raw.emulator !== true && raw.endpoint === undefined) {
    problems.push(
      `${option('local')} runs the service's resources and handlers on an emulator: add \`emulator: true\` (or the \`endpoint\` of one). To test the deployed stack instead, leave \`local\` out.`,
    );
  }
  if (problems.length > before || typeof template !== 'string') return undefined;
  return { template, parameters: values, ...(typeof maxChainDepth === 'number' ? { maxChainDepth } : {}) };
}

function checkEmulator(raw: Record<string, unknown>, option: (key: string) => string, problems: string[]): void {
  if (raw.emulator === undefined) return;
  if (typeof raw.emulator !== 'boolean') {
    problems.push(`${option('emulator')} must be true or false, got ${describe(raw.emulator)}.`);
  } else if (raw.emulator && raw.endpoint !== undefined) {
    problems.push(
      `${option('emulator')} starts an emulator of its own, so ${option('endpoint')} cannot be set too: remove "endpoint" to use the embedded emulator, or remove "emulator" to use the one at that endpoint.`,
    );
  }
}

function checkMilliseconds(value: unknown, name: string, problems: string[]): number | undefined {
  if (value === undefined) return undefined;
  if (!isTimerTimeout(value)) {
    problems.push(`${name} must be a positive number of milliseconds (e.g. 10000), got ${describe(value)}.`);
    return undefined;
  }
  return value;
}
