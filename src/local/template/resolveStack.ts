/**
 * The stack local mode runs, from a read template: its functions, rules and buses with every
 * intrinsic in what local mode reads resolved (see intrinsics.ts), resources whose `Condition`
 * is false left out, and what it cannot run listed in `skipped`.
 */
import { validatePattern } from '../../core/pattern';
import { describeTargetInputProblem, targetInputProblems } from '../../core/targets';
import { formatProblemList } from '../../foundation/problemList';
import { partitionOfRegion } from '../../aws/regions';
import type {
  LocalBusSpec,
  LocalFunctionSpec,
  LocalRuleSpec,
  LocalStack,
  LocalTargetKind,
  LocalTargetSpec,
  PhysicalResources,
  SkippedResource,
  TargetInputSpec,
  TemplatePath,
} from '../stackModel';
import { IntrinsicResolver, NO_VALUE, describeResolved, type Resolved } from './intrinsics';
import type { ParsedTemplate, TemplateResource } from './parsedTemplate';
import { parseJsonTemplate, TemplateSyntaxError } from './parseTemplateText';
import { arnParts, functionNameOfArn } from './physicalNames';
import { childPath } from './templatePaths';
import { intrinsicName, isTemplateArray, isTemplateObject, scalarText, templateJson, type TemplateValue } from './templateValue';

export interface ResolveStackContext {
  /** The name the stack goes by in `AWS::StackName` and generated names. */
  readonly stackName: string;
  readonly region: string;
  readonly accountId: string;
  /** @default the region's partition (`aws`, `aws-cn`, …) */
  readonly partition?: string;
  /**
   * The resources the provisioning made on the emulator, by logical id, for their `Ref` and
   * `Fn::GetAtt`. @default {} (an offline caller: queues, topics, tables and buckets then get
   * the names, URLs and ARNs AWS would give them; `Ref` to another type gives its logical id)
   */
  readonly physical?: PhysicalResources;
}

const LAMBDA_DEFAULTS = { timeoutSeconds: 3, memorySizeMb: 128, maximumRetryAttempts: 2, maximumEventAgeSeconds: 21600 };

/**
 * Resolves the template into the stack local mode runs.
 *
 * @throws TemplateError naming the place in the template (`Resources.ConfirmOrder.Properties.Handler`)
 *   when a value local mode needs cannot be resolved (`Fn::ImportValue`, a `Ref` to nothing, an
 *   attribute it does not know), is missing (a function's `Handler` or `Runtime`, a target's
 *   `Id` or `Arn`, a bus's `Name`), has the wrong shape, or when a rule's pattern is one
 *   EventBridge would refuse.
 */
export function resolveStack(parsed: ParsedTemplate, context: ResolveStackContext): LocalStack {
  const partition = context.partition ?? partitionOfRegion(context.region);
  const resolver = new IntrinsicResolver(parsed, {
    stackName: context.stackName,
    region: context.region,
    accountId: context.accountId,
    partition,
    physical: context.physical ?? {},
  });
  // Only the conditions of what local mode reads are evaluated: another resource's are the provisioning's business.
  const ofType = (type: string): TemplateResource[] =>
    parsed.resources.filter((resource) => resource.type === type && resolver.isEnabled(resource));

  const skipped: SkippedResource[] = [...parsed.skipped];
  const functions: LocalFunctionSpec[] = [];
  /** Why a function of the template is not run, by logical id. */
  const notRun = new Map<string, string>();
  const invokeConfigs = ofType('AWS::Lambda::EventInvokeConfig').map((config) => invokeConfigOf(resolver, config));
  for (const resource of ofType('AWS::Lambda::Function')) {
    const code = resource.code;
    if (code === undefined || 'unsupported' in code) {
      const reason = code?.unsupported ?? `${resource.templatePath}: local mode does not know where its code is`;
      notRun.set(resource.logicalId, reason);
      skipped.push({ logicalId: resource.logicalId, type: resource.type, reason });
      continue;
    }
    const spec = functionOf(resolver, resource, code.directory, code.entryPoint);
    const config = invokeConfigs.find((candidate) => candidate.functionName === spec.functionName);
    functions.push(config === undefined ? spec : { ...spec, ...config.settings });
  }

  const allFunctions = ofType('AWS::Lambda::Function');
  const rules = ofType('AWS::Events::Rule').map((rule) => ruleOf(resolver, rule, allFunctions, notRun));
  const buses: LocalBusSpec[] = ofType('AWS::Events::EventBus').map((bus) => ({
    logicalId: bus.logicalId,
    name: resolver.nameOf(bus),
    arn: resolver.arnOf(bus),
  }));
  return {
    templateFile: parsed.file,
    stackName: context.stackName,
    region: context.region,
    accountId: context.accountId,
    partition,
    functions,
    rules,
    buses,
    skipped,
  };
}

function isIntrinsic(value: TemplateValue): boolean {
  const name = intrinsicName(value);
  return name !== undefined && name !== 'Condition';
}

/** The value at `keys` below `Properties`, unresolved. */
function rawProperty(resource: TemplateResource, keys: readonly (string | number)[]): TemplateValue | undefined {
  let value: TemplateValue | undefined = resource.properties;
  for (const key of keys) {
    if (typeof key === 'number') value = isTemplateArray(value) ? value[key] : undefined;
    else value = isTemplateObject(value) && !isIntrinsic(value) ? value[key] : undefined;
  }
  return value;
}

/**
 * A map property (`Environment.Variables`, a target) resolved entry by entry, each with the
 * path it was written at (SAM's Globals put a function's variables in two places), entries that
 * resolve to `AWS::NoValue` left out; undefined when absent.
 */
function propertyByKey(
  resolver: IntrinsicResolver,
  resource: TemplateResource,
  ...keys: readonly (string | number)[]
): Record<string, { value: TemplateValue; path: TemplatePath }> | undefined {
  const raw = rawProperty(resource, keys);
  if (raw === undefined) return undefined;
  const path = resolver.propertyPath(resource, ...keys);
  const entries: Record<string, { value: TemplateValue; path: TemplatePath }> = {};
  if (isTemplateObject(raw) && !isIntrinsic(raw)) {
    for (const [key, value] of Object.entries(raw)) {
      const entryPath = resolver.propertyPath(resource, ...keys, key);
      const resolved = resolver.resolve(value, entryPath);
      if (resolved !== NO_VALUE) entries[key] = { value: resolved, path: entryPath };
    }
    return entries;
  }
  const resolved = resolver.resolve(raw, path);
  if (resolved === NO_VALUE) return undefined;
  if (!isTemplateObject(resolved)) return resolver.fail(path, `this must be a map, but it resolves to ${describeResolved(resolved)}.`);
  for (const [key, value] of Object.entries(resolved)) entries[key] = { value, path: childPath(path, key) };
  return entries;
}

/** A property resolved, or undefined when absent or `AWS::NoValue`. */
function property(
  resolver: IntrinsicResolver,
  resource: TemplateResource,
  ...keys: readonly string[]
): { value: Resolved; path: TemplatePath } | undefined {
  const value = rawProperty(resource, keys);
  if (value === undefined) return undefined;
  const path = resolver.propertyPath(resource, ...keys);
  const resolved = resolver.resolve(value, path);
  return resolved === NO_VALUE ? undefined : { value: resolved, path };
}

function text(resolver: IntrinsicResolver, resource: TemplateResource, key: string): string | undefined {
  const value = resource.properties[key];
  return value === undefined ? undefined : resolver.resolveText(value, resolver.propertyPath(resource, key), key);
}

/** A whole number within bounds, from a number or its text. */
function wholeNumber(
  resolver: IntrinsicResolver,
  resource: TemplateResource,
  key: string,
  min: number,
  max: number,
  unit: string,
): number | undefined {
  const value = text(resolver, resource, key);
  if (value === undefined) return undefined;
  const number = Number(value);
  if (value.trim() === '' || !Number.isInteger(number) || number < min || number > max) {
    resolver.fail(
      resolver.propertyPath(resource, key),
      `${key} must be a whole number of ${unit} from ${min} to ${max}, got ${JSON.stringify(value)}.`,
    );
  }
  return number;
}

function functionOf(
  resolver: IntrinsicResolver,
  resource: TemplateResource,
  codeDirectory: string,
  entryPoint: string | undefined,
): LocalFunctionSpec {
  const handler = text(resolver, resource, 'Handler');
  if (handler === undefined) {
    resolver.fail(
      resolver.propertyPath(resource, 'Handler'),
      'the function has no Handler: set it to <file>.<export>, e.g. index.handler.',
    );
  }
  const runtime = text(resolver, resource, 'Runtime');
  if (runtime === undefined) {
    resolver.fail(
      resolver.propertyPath(resource, 'Runtime'),
      'the function has no Runtime: set it, e.g. nodejs20.x (local mode runs Node.js handlers).',
    );
  }
  const environment: Record<string, string> = {};
  const variables = propertyByKey(resolver, resource, 'Environment', 'Variables');
  if (variables !== undefined) {
    for (const [name, { value, path }] of Object.entries(variables)) {
      const textValue = scalarText(value);
      if (textValue === undefined)
        resolver.fail(path, `an environment variable must be a string, but it resolves to ${describeResolved(value)}.`);
      environment[name] = textValue;
    }
  }
  return {
    logicalId: resource.logicalId,
    functionName: resolver.nameOf(resource),
    functionArn: resolver.arnOf(resource),
    runtime,
    codeDirectory,
    handler,
    ...(entryPoint === undefined ? {} : { entryPoint }),
    timeoutSeconds: wholeNumber(resolver, resource, 'Timeout', 1, 900, 'seconds') ?? LAMBDA_DEFAULTS.timeoutSeconds,
    memorySizeMb: wholeNumber(resolver, resource, 'MemorySize', 128, 10240, 'MB') ?? LAMBDA_DEFAULTS.memorySizeMb,
    environment,
    maximumRetryAttempts: LAMBDA_DEFAULTS.maximumRetryAttempts,
    maximumEventAgeSeconds: LAMBDA_DEFAULTS.maximumEventAgeSeconds,
    templatePath: resource.templatePath,
  };
}

interface InvokeConfig {
  readonly functionName: string;
  readonly settings: Partial<Pick<LocalFunctionSpec, 'maximumRetryAttempts' | 'maximumEventAgeSeconds'>>;
}

/** An `AWS::Lambda::EventInvokeConfig`: the function it is for (by name, ARN or `name:qualifier`) and its retry settings. */
function invokeConfigOf(resolver: IntrinsicResolver, config: TemplateResource): InvokeConfig {
  const nameOrArn = text(resolver, config, 'FunctionName') ?? '';
  const functionName = functionNameOfArn(nameOrArn) ?? nameOrArn.split(':')[0] ?? nameOrArn;
  const retries = wholeNumber(resolver, config, 'MaximumRetryAttempts', 0, 2, 'retries');
  const age = wholeNumber(resolver, config, 'MaximumEventAgeInSeconds', 60, 21600, 'seconds');
  return {
    functionName,
    settings: {
      ...(retries === undefined ? {} : { maximumRetryAttempts: retries }),
      ...(age === undefined ? {} : { maximumEventAgeSeconds: age }),
    },
  };
}

function ruleOf(
  resolver: IntrinsicResolver,
  rule: TemplateResource,
  functions: readonly TemplateResource[],
  notRun: ReadonlyMap<string, string>,
): LocalRuleSpec {
  const eventPattern = patternOf(resolver, rule);
  const state = text(resolver, rule, 'State');
  const targets: LocalTargetSpec[] = [];
  const raw = rawProperty(rule, ['Targets']);
  if (raw !== undefined) {
    const targetsPath = resolver.propertyPath(rule, 'Targets');
    // A list written out: each target resolved field by field, at the place it was written.
    const items = isTemplateArray(raw) ? raw : resolver.resolve(raw, targetsPath);
    if (!isTemplateArray(items))
      return resolver.fail(targetsPath, `Targets must be a list, but it resolves to ${describeResolved(items)}.`);
    items.forEach((item, index) => {
      const fields = isTemplateArray(raw)
        ? propertyByKey(resolver, rule, 'Targets', index)
        : resolvedFields(resolver, item, childPath(targetsPath, index));
      if (fields !== undefined) targets.push(targetOf(resolver, rule, index, fields, functions, notRun));
    });
  }
  return {
    logicalId: rule.logicalId,
    name: resolver.nameOf(rule),
    arn: resolver.arnOf(rule),
    eventBusName: resolver.ruleBusName(rule),
    ...(eventPattern === undefined ? {} : { eventPattern }),
    state: state === 'DISABLED' ? 'DISABLED' : 'ENABLED',
    targets,
    templatePath: rule.templatePath,
  };
}

/** The rule's EventPattern (an object, or JSON text) as JSON text, numbers exact, checked as EventBridge checks it. */
function patternOf(resolver: IntrinsicResolver, rule: TemplateResource): string | undefined {
  const pattern = property(resolver, rule, 'EventPattern');
  if (pattern === undefined) return undefined;
  let value = pattern.value;
  if (typeof value === 'string') {
    try {
      value = parseJsonTemplate(value);
    } catch (error) {
      if (!(error instanceof TemplateSyntaxError)) throw error;
      resolver.fail(pattern.path, `EventPattern is a string but ${error.message}. Write the pattern as an object, or as JSON text.`);
    }
  }
  const json = templateJson(value as TemplateValue);
  try {
    validatePattern(json);
  } catch (error) {
    resolver.fail(
      pattern.path,
      `${(error as Error).message}. Fix the rule's EventPattern: local mode checks it as EventBridge's PutRule does (and as the eventPattern option is checked).`,
    );
  }
  return json;
}

type ResolvedFields = Readonly<Record<string, { value: TemplateValue; path: TemplatePath }>>;

/** The fields of an already resolved map, each with its path. */
function resolvedFields(resolver: IntrinsicResolver, value: TemplateValue, path: TemplatePath): ResolvedFields {
  if (!isTemplateObject(value)) return resolver.fail(path, `this must be a map, but it resolves to ${describeResolved(value)}.`);
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, { value: item, path: childPath(path, key) }]));
}

function targetOf(
  resolver: IntrinsicResolver,
  rule: TemplateResource,
  index: number,
  fields: ResolvedFields,
  functions: readonly TemplateResource[],
  notRun: ReadonlyMap<string, string>,
): LocalTargetSpec {
  const path = resolver.propertyPath(rule, 'Targets', index);
  const field = (key: string): string | undefined => {
    const entry = fields[key];
    if (entry === undefined) return undefined;
    const textValue = scalarText(entry.value);
    if (textValue === undefined) resolver.fail(entry.path, `${key} must be a string, but it resolves to ${describeResolved(entry.value)}.`);
    return textValue;
  };
  const id = field('Id') ?? resolver.fail(childPath(path, 'Id'), 'the target has no Id: give it one, unique within the rule.');
  const arn = field('Arn') ?? resolver.fail(childPath(path, 'Arn'), 'the target has no Arn.');
  const kind = kindOf(resolver, arn, functions, notRun);
  const input = inputOf(resolver, fields);
  // PutTargets' own checks, here rather than when routing starts: the message then names the
  // template's place, and nothing has been created on the emulator yet.
  const problems = targetInputProblems(input, kind.kind === undefined ? {} : { targetKind: kind.kind });
  if (problems.length > 0) {
    resolver.fail(path, formatProblemList(`target "${id}" of rule ${rule.logicalId}:`, problems.map(describeTargetInputProblem)));
  }
  return { id, arn, ...kind, ...input, templatePath: path };
}

function kindOf(
  resolver: IntrinsicResolver,
  arn: string,
  functions: readonly TemplateResource[],
  notRun: ReadonlyMap<string, string>,
): { kind: LocalTargetKind | undefined; functionLogicalId?: string; unsupportedReason?: string } {
  const parts = arnParts(arn);
  const functionName = functionNameOfArn(arn);
  if (functionName !== undefined) {
    const target = functions.find((candidate) => resolver.nameOf(candidate) === functionName);
    if (target === undefined) {
      return {
        kind: undefined,
        unsupportedReason: `the function ${functionName} is not in the template: local mode invokes the template's own functions`,
      };
    }
    const reason = notRun.get(target.logicalId);
    if (reason !== undefined) return { kind: undefined, functionLogicalId: target.logicalId, unsupportedReason: reason };
    return { kind: 'lambda', functionLogicalId: target.logicalId };
  }
  if (parts?.service === 'sqs') return { kind: 'sqs' };
  if (parts?.service === 'sns') return { kind: 'sns' };
  if (parts?.service === 'events' && parts.resource.startsWith('event-bus/')) return { kind: 'event-bus' };
  return {
    kind: undefined,
    unsupportedReason: `local mode delivers to Lambda functions of the template, SQS queues, SNS topics and event buses, not to ${parts === undefined ? arn : `${parts.service} ${parts.resource}`}`,
  };
}

/** Every input setting the target has (AWS refuses more than one: targetInputProblems says so). */
function inputOf(resolver: IntrinsicResolver, fields: ResolvedFields): TargetInputSpec {
  const { Input: input, InputPath: inputPath } = fields;
  return {
    ...(input === undefined ? {} : { input: typeof input.value === 'string' ? input.value : templateJson(input.value) }),
    ...(inputPath === undefined ? {} : { inputPath: inputPathOf(resolver, inputPath) }),
    ...transformerOf(resolver, fields),
  };
}

function inputPathOf(resolver: IntrinsicResolver, inputPath: { value: TemplateValue; path: TemplatePath }): string {
  if (typeof inputPath.value !== 'string') {
    resolver.fail(
      inputPath.path,
      `InputPath must be a JSONPath string such as "$.detail", but it resolves to ${describeResolved(inputPath.value)}.`,
    );
  }
  return inputPath.value;
}

function transformerOf(resolver: IntrinsicResolver, fields: ResolvedFields): TargetInputSpec {
  const transformer = fields.InputTransformer;
  if (transformer === undefined) return {};
  const { value, path } = transformer;
  if (!isTemplateObject(value) || typeof value.InputTemplate !== 'string') {
    return resolver.fail(path, 'InputTransformer needs an InputTemplate string (and, optionally, an InputPathsMap of names to JSONPaths).');
  }
  const paths = value.InputPathsMap;
  if (paths === undefined) return { inputTransformer: { inputTemplate: value.InputTemplate } };
  if (!isTemplateObject(paths) || Object.values(paths).some((item) => typeof item !== 'string')) {
    return resolver.fail(childPath(path, 'InputPathsMap'), 'InputPathsMap must map names to JSONPath strings such as "$.detail.orderId".');
  }
  return { inputTransformer: { inputPathsMap: paths as Readonly<Record<string, string>>, inputTemplate: value.InputTemplate } };
}
