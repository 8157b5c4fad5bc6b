/**
 * Resolves the intrinsic functions in a template's values: `Ref` (parameters, pseudo
 * parameters, resources), `Fn::GetAtt`, `Fn::Sub`, `Fn::Join`, `Fn::Select`, `Fn::Split`,
 * `Fn::If` with the template's `Conditions`, `Fn::FindInMap`, `Fn::Base64`, `Fn::GetAZs`.
 *
 * A resource's `Ref` and attributes: for the functions, rules and buses local mode runs itself,
 * the names and ARNs AWS would give them (computed here); for a resource the provisioning made
 * on the emulator, its `physical` entry; otherwise, for queues, topics, tables and buckets, the
 * name, URL and ARN AWS would give them (what an offline caller, with no emulator, gets); for
 * any other type, `Ref` gives the logical id and `Fn::GetAtt` is an error.
 *
 * Values are resolved only where local mode needs them (a function's settings, a rule, a bus):
 * an error names that place (`Resources.ConfirmOrder.Properties.Environment.Variables.TABLE`).
 */
import { partition as partitionData } from '@aws-sdk/core/client';
import { queueArn, ruleArn, type ArnScope } from '../../aws/arns';
import { didYouMean } from '../../foundation/didYouMean';
import type { PhysicalResource, PhysicalResources, TemplatePath } from '../stackModel';
import type { ParsedTemplate, TemplateResource } from './parsedTemplate';
import { busNameOf } from '../../core/targets';
import { bucketArn, eventBusArn, functionArn, generatedName, queueUrl, stackId, tableArn, topicArn } from './physicalNames';
import { TemplateError } from './TemplateError';
import { childPath, joinPath } from './templatePaths';
import { intrinsicName, isTemplateArray, isTemplateObject, scalarText, type TemplateObject, type TemplateValue } from './templateValue';

/** What `Ref: AWS::NoValue` resolves to: the property, list item or variable is left out. */
export const NO_VALUE: unique symbol = Symbol('AWS::NoValue');
export type Resolved = TemplateValue | typeof NO_VALUE;

export interface StackScope {
  readonly stackName: string;
  readonly region: string;
  readonly accountId: string;
  readonly partition: string;
  readonly physical: PhysicalResources;
}

/** The longest names AWS allows, for generated ones. */
const NAME_LIMITS: Readonly<Record<string, number>> = {
  'AWS::Lambda::Function': 64,
  'AWS::Events::Rule': 64,
  'AWS::SQS::Queue': 80,
  'AWS::SNS::Topic': 256,
  'AWS::DynamoDB::Table': 255,
  'AWS::S3::Bucket': 63,
};

/** The property that names a resource of each type. */
const NAME_PROPERTIES: Readonly<Record<string, string>> = {
  'AWS::Lambda::Function': 'FunctionName',
  'AWS::Events::Rule': 'Name',
  'AWS::Events::EventBus': 'Name',
  'AWS::SQS::Queue': 'QueueName',
  'AWS::SNS::Topic': 'TopicName',
  'AWS::DynamoDB::Table': 'TableName',
  'AWS::S3::Bucket': 'BucketName',
};

/** The types whose names and ARNs are computed here rather than taken from the emulator. */
const RUN_LOCALLY = new Set(['AWS::Lambda::Function', 'AWS::Events::Rule', 'AWS::Events::EventBus']);

const PSEUDO_PARAMETERS = [
  'AWS::Region',
  'AWS::AccountId',
  'AWS::Partition',
  'AWS::StackName',
  'AWS::StackId',
  'AWS::URLSuffix',
  'AWS::NoValue',
  'AWS::NotificationARNs',
];

export class IntrinsicResolver {
  private readonly byId = new Map<string, TemplateResource>();
  private readonly names = new Map<string, string>();
  private readonly naming = new Set<string>();
  private readonly conditions = new Map<string, boolean>();
  private readonly evaluating = new Set<string>();
  private readonly arnScope: ArnScope;

  constructor(
    private readonly template: ParsedTemplate,
    private readonly scope: StackScope,
  ) {
    for (const resource of template.resources) this.byId.set(resource.logicalId, resource);
    this.arnScope = { partition: scope.partition, region: scope.region, account: scope.accountId };
  }

  /** A problem at `path`, as the error local mode throws. */
  fail(path: TemplatePath, problem: string): never {
    throw new TemplateError(this.template.displayName, `${path}: ${problem}`, { templatePath: path });
  }

  /** Where a property of `resource` was written (`Environment.Variables.TABLE` → the SAM Globals line it came from). */
  propertyPath(resource: TemplateResource, ...keys: readonly (string | number)[]): TemplatePath {
    const sources = resource.sources ?? {};
    for (let length = keys.length; length > 0; length -= 1) {
      const key = joinPath('', ...keys.slice(0, length));
      const source = sources[key];
      if (source !== undefined) return joinPath(source, ...keys.slice(length));
    }
    return joinPath(resource.templatePath, 'Properties', ...keys);
  }

  /** Whether the resource is in the stack: its `Condition` (if any) is true. */
  isEnabled(resource: TemplateResource): boolean {
    return resource.condition === undefined || this.condition(resource.condition, joinPath(resource.templatePath, 'Condition'));
  }

  /** The value with every intrinsic in it resolved; NO_VALUE for `Ref: AWS::NoValue`. */
  resolve(value: TemplateValue, path: TemplatePath): Resolved {
    if (isTemplateArray(value)) {
      const items: TemplateValue[] = [];
      value.forEach((item, index) => {
        const resolved = this.resolve(item, childPath(path, index));
        if (resolved !== NO_VALUE) items.push(resolved);
      });
      return items;
    }
    if (!isTemplateObject(value)) return value;
    const name = intrinsicName(value);
    // `Condition` is a function only inside a condition; elsewhere it is a property's name.
    if (name !== undefined && name !== 'Condition') return this.intrinsic(name, value[name] ?? null, path);
    const object: Record<string, TemplateValue> = {};
    for (const key of Object.keys(value)) {
      const resolved = this.resolve(value[key] ?? null, childPath(path, key));
      if (resolved !== NO_VALUE) object[key] = resolved;
    }
    return object;
  }

  /** The value resolved to a string (a number or boolean as its text); an error for anything else. */
  resolveText(value: TemplateValue, path: TemplatePath, what: string): string | undefined {
    const resolved = this.resolve(value, path);
    if (resolved === NO_VALUE) return undefined;
    const text = scalarText(resolved);
    if (text === undefined) this.fail(path, `${what} must be a string, but it resolves to ${describeResolved(resolved)}.`);
    return text;
  }

  private intrinsic(name: string, argument: TemplateValue, path: TemplatePath): Resolved {
    const at = childPath(path, name);
    switch (name) {
      // A Ref, GetAtt or ImportValue that cannot resolve is a problem of the value it stands for: named by its path.
      case 'Ref':
        return this.ref(argument, path);
      case 'Fn::GetAtt':
        return this.getAtt(argument, path, at);
      case 'Fn::Sub':
        return this.sub(argument, at);
      case 'Fn::Join':
        return this.join(argument, at);
      case 'Fn::Select':
        return this.select(argument, at);
      case 'Fn::Split':
        return this.split(argument, at);
      case 'Fn::If':
        return this.if(argument, at);
      case 'Fn::FindInMap':
        return this.findInMap(argument, at);
      case 'Fn::Base64':
        return Buffer.from(this.text(argument, at, 'Fn::Base64'), 'utf8').toString('base64');
      case 'Fn::GetAZs': {
        // No API to ask: the region's first three zones, as most regions have.
        const region = this.text(argument, at, 'Fn::GetAZs') || this.scope.region;
        return [`${region}a`, `${region}b`, `${region}c`];
      }
      case 'Fn::ImportValue':
        return this.fail(
          path,
          "Fn::ImportValue reads another stack's export, which local mode cannot: pass the value as a template parameter (local.parameters) instead.",
        );
      default:
        return this.fail(
          path,
          `${name} is not supported by local mode, which resolves Ref, Fn::GetAtt, Fn::Sub, Fn::Join, Fn::Select, Fn::Split, Fn::If, Fn::FindInMap, Fn::Base64 and Fn::GetAZs.`,
        );
    }
  }

  /** An intrinsic's argument that must resolve to a string. */
  private text(argument: TemplateValue, path: TemplatePath, what: string): string {
    return (
      this.resolveText(argument, path, `The argument of ${what}`) ?? this.fail(path, `The argument of ${what} resolves to AWS::NoValue.`)
    );
  }

  /** An intrinsic's argument that must be a list of `count` items. */
  private list(argument: TemplateValue, path: TemplatePath, name: string, count: number, shape: string): readonly TemplateValue[] {
    if (!isTemplateArray(argument) || argument.length !== count) this.fail(path, `${name} takes a list of ${count}: ${shape}.`);
    return argument;
  }

  private ref(argument: TemplateValue, path: TemplatePath, label = 'Ref'): Resolved {
    if (typeof argument !== 'string') return this.fail(path, 'Ref takes the name of a parameter, a pseudo parameter or a resource.');
    const parameter = this.template.parameters[argument];
    if (parameter !== undefined) {
      if (parameter.type.startsWith('AWS::SSM::Parameter::Value')) {
        this.fail(
          path,
          `parameter "${argument}" is of type ${parameter.type}: AWS reads its value from SSM Parameter Store, which local mode does not. Declare it as String and give its value in local.parameters.`,
        );
      }
      if (parameter.type === 'CommaDelimitedList' || parameter.type.startsWith('List<'))
        return parameter.value.split(',').map((item) => item.trim());
      return parameter.value;
    }
    switch (argument) {
      case 'AWS::Region':
        return this.scope.region;
      case 'AWS::AccountId':
        return this.scope.accountId;
      case 'AWS::Partition':
        return this.scope.partition;
      case 'AWS::StackName':
        return this.scope.stackName;
      case 'AWS::StackId':
        return stackId(this.arnScope, this.scope.stackName);
      case 'AWS::URLSuffix':
        return this.dnsSuffix();
      case 'AWS::NoValue':
        return NO_VALUE;
      case 'AWS::NotificationARNs':
        return [];
      default:
    }
    const resource = this.enabledResource(argument, path, 'Ref', label);
    const physical = this.physicalOf(resource);
    if (!RUN_LOCALLY.has(resource.type) && physical !== undefined) return physical.ref;
    switch (resource.type) {
      case 'AWS::Lambda::Function':
      case 'AWS::Events::Rule':
      case 'AWS::Events::EventBus':
      case 'AWS::DynamoDB::Table':
      case 'AWS::S3::Bucket':
        return this.nameOf(resource);
      case 'AWS::SQS::Queue':
        return queueUrl(this.arnScope, this.dnsSuffix(), this.nameOf(resource));
      case 'AWS::SNS::Topic':
        return topicArn(this.arnScope, this.nameOf(resource));
      default:
        // Not made on the emulator and of a type whose id we cannot know: the logical id stands in.
        return resource.logicalId;
    }
  }

  private getAtt(argument: TemplateValue, path: TemplatePath, argumentPath: TemplatePath = path, label = 'Fn::GetAtt'): Resolved {
    let logicalId: string | undefined;
    let attribute: string | undefined;
    if (typeof argument === 'string') {
      const dot = argument.indexOf('.');
      [logicalId, attribute] = dot < 0 ? [argument, undefined] : [argument.slice(0, dot), argument.slice(dot + 1)];
    } else if (isTemplateArray(argument) && argument.length === 2 && typeof argument[0] === 'string') {
      logicalId = argument[0];
      attribute = this.resolveText(argument[1] ?? null, childPath(argumentPath, 1), 'The attribute name of Fn::GetAtt');
    }
    if (logicalId === undefined || attribute === undefined) {
      return this.fail(path, 'Fn::GetAtt takes [LogicalId, Attribute] (or LogicalId.Attribute in the short form).');
    }
    const resource = this.enabledResource(logicalId, path, 'Fn::GetAtt', label);
    const value = this.attribute(resource, attribute);
    if (value !== undefined) return value;
    const known = this.physicalOf(resource) !== undefined && !RUN_LOCALLY.has(resource.type);
    return this.fail(
      path,
      known
        ? `${logicalId} (${resource.type}) has no attribute ${attribute} on the emulator.`
        : `local mode does not know the attribute ${attribute} of ${logicalId} (${resource.type}): it knows Arn of functions, rules and buses, the attributes of what it made on the emulator, and the Arn of queues, topics, tables and buckets.`,
    );
  }

  private attribute(resource: TemplateResource, attribute: string): string | undefined {
    if (RUN_LOCALLY.has(resource.type)) {
      if (attribute === 'Arn') return this.arnOf(resource);
      if (resource.type === 'AWS::Events::EventBus' && attribute === 'Name') return this.nameOf(resource);
      return undefined;
    }
    const physical = this.physicalOf(resource);
    if (physical !== undefined) return physical.attributes[attribute];
    const name = NAME_PROPERTIES[resource.type] === undefined ? undefined : this.nameOf(resource);
    if (name === undefined) return undefined;
    switch (`${resource.type}.${attribute}`) {
      case 'AWS::SQS::Queue.Arn':
        return queueArn(this.arnScope, name);
      case 'AWS::SQS::Queue.QueueName':
        return name;
      case 'AWS::SQS::Queue.QueueUrl':
        return queueUrl(this.arnScope, this.dnsSuffix(), name);
      case 'AWS::SNS::Topic.TopicArn':
        return topicArn(this.arnScope, name);
      case 'AWS::SNS::Topic.TopicName':
        return name;
      case 'AWS::DynamoDB::Table.Arn':
        return tableArn(this.arnScope, name);
      case 'AWS::S3::Bucket.Arn':
        return bucketArn(this.arnScope, name);
      default:
        return undefined;
    }
  }

  /** The ARN of a function, rule or bus of the template. */
  arnOf(resource: TemplateResource): string {
    const name = this.nameOf(resource);
    if (resource.type === 'AWS::Lambda::Function') return functionArn(this.arnScope, name);
    if (resource.type === 'AWS::Events::EventBus') return eventBusArn(this.arnScope, name);
    return ruleArn(this.arnScope, this.ruleBusName(resource), name);
  }

  /** The bus a rule is on: its `EventBusName` (a name, or an ARN), else `default`. */
  ruleBusName(rule: TemplateResource): string {
    const value = rule.properties.EventBusName;
    if (value === undefined) return 'default';
    const text = this.resolveText(value, this.propertyPath(rule, 'EventBusName'), 'EventBusName');
    if (text === undefined) return 'default';
    return busNameOf(text);
  }

  /** The physical name: the naming property, resolved, else a generated one. */
  nameOf(resource: TemplateResource): string {
    const known = this.names.get(resource.logicalId);
    if (known !== undefined) return known;
    const property = NAME_PROPERTIES[resource.type];
    const path = property === undefined ? resource.templatePath : this.propertyPath(resource, property);
    if (this.naming.has(resource.logicalId)) this.fail(path, `the name of ${resource.logicalId} refers to itself.`);
    this.naming.add(resource.logicalId);
    try {
      const given =
        property === undefined || resource.properties[property] === undefined
          ? undefined
          : this.resolveText(resource.properties[property] ?? null, path, property);
      const name = given ?? this.generatedName(resource, path);
      this.names.set(resource.logicalId, name);
      return name;
    } finally {
      this.naming.delete(resource.logicalId);
    }
  }

  private generatedName(resource: TemplateResource, path: TemplatePath): string {
    if (resource.type === 'AWS::Events::EventBus')
      this.fail(path, 'an event bus needs a Name (CloudFormation requires it): add Name to its Properties.');
    const limit = NAME_LIMITS[resource.type] ?? 255;
    if (resource.type === 'AWS::SQS::Queue' && this.isFifoQueue(resource)) {
      return `${generatedName(this.scope.stackName, resource.logicalId, limit - '.fifo'.length)}.fifo`;
    }
    const name = generatedName(this.scope.stackName, resource.logicalId, limit);
    return resource.type === 'AWS::S3::Bucket' ? name.toLowerCase() : name;
  }

  private isFifoQueue(resource: TemplateResource): boolean {
    const fifo = resource.properties.FifoQueue;
    if (fifo === undefined) return false;
    const resolved = this.resolve(fifo, this.propertyPath(resource, 'FifoQueue'));
    return resolved !== NO_VALUE && scalarText(resolved) === 'true';
  }

  private physicalOf(resource: TemplateResource): PhysicalResource | undefined {
    return this.scope.physical[resource.logicalId];
  }

  private dnsSuffix(): string {
    return partitionData(this.scope.region).dnsSuffix;
  }

  /** The resource a Ref or GetAtt names, which must exist and be in the stack. */
  private enabledResource(logicalId: string, path: TemplatePath, intrinsic: 'Ref' | 'Fn::GetAtt', label: string): TemplateResource {
    const resource = this.byId.get(logicalId);
    if (resource === undefined) {
      const known = [...Object.keys(this.template.parameters), ...this.byId.keys(), ...(intrinsic === 'Ref' ? PSEUDO_PARAMETERS : [])];
      const hint = didYouMean(logicalId, known);
      return this.fail(
        path,
        `${label} names "${logicalId}", which is not ${intrinsic === 'Ref' ? 'a parameter, a pseudo parameter or a resource' : 'a resource'} of the template${
          hint === undefined ? ': declare it, or correct the name.' : `: did you mean "${hint}"?`
        }`,
      );
    }
    if (!this.isEnabled(resource)) {
      this.fail(
        path,
        `${label} names ${logicalId}, which is not created: its Condition ${resource.condition ?? ''} is false. ` +
          `Give local.parameters the values that make it true, or refer to ${logicalId} only where it exists (Fn::If on the same condition).`,
      );
    }
    return resource;
  }

  private sub(argument: TemplateValue, path: TemplatePath): string {
    let template: TemplateValue;
    let variables: TemplateObject = {};
    if (isTemplateArray(argument)) {
      const [text, map] = this.list(argument, path, 'Fn::Sub', 2, '[String, { Name: Value, … }]');
      template = text ?? null;
      if (!isTemplateObject(map)) this.fail(childPath(path, 1), 'the variables of Fn::Sub must be a map of names to values.');
      variables = map;
    } else {
      template = argument;
    }
    if (typeof template !== 'string') return this.fail(path, 'Fn::Sub takes a string, or [String, { Name: Value, … }].');
    const values = new Map<string, string>();
    const variablesPath = childPath(path, 1);
    return template.replace(/\$\{([^}]*)\}/g, (_whole, inner: string) => {
      if (inner.startsWith('!')) return `\${${inner.slice(1)}}`;
      const name = inner.trim();
      if (name in variables) {
        let text = values.get(name);
        if (text === undefined) {
          text = this.resolveText(variables[name] ?? null, childPath(variablesPath, name), `The variable ${name} of Fn::Sub`) ?? '';
          values.set(name, text);
        }
        return text;
      }
      const dot = name.indexOf('.');
      const resolved =
        dot < 0 || name.startsWith('AWS::')
          ? this.ref(name, path, `\${${name}}`)
          : this.getAtt([name.slice(0, dot), name.slice(dot + 1)], path, path, `\${${name}}`);
      const text = resolved === NO_VALUE ? undefined : scalarText(resolved);
      if (text === undefined)
        this.fail(path, `\${${name}} in Fn::Sub must resolve to a string, but it resolves to ${describeResolved(resolved)}.`);
      return text;
    });
  }

  private join(argument: TemplateValue, path: TemplatePath): string {
    const [delimiter, items] = this.list(argument, path, 'Fn::Join', 2, '[Delimiter, [Value, …]]');
    if (typeof delimiter !== 'string') this.fail(childPath(path, 0), 'the delimiter of Fn::Join must be a string.');
    const resolved = this.resolve(items ?? null, childPath(path, 1));
    if (!isTemplateArray(resolved))
      return this.fail(childPath(path, 1), `Fn::Join joins a list, but this resolves to ${describeResolved(resolved)}.`);
    return resolved
      .map(
        (item, index) =>
          scalarText(item) ?? this.fail(joinPath(path, 1, index), `Fn::Join joins strings, but this is ${describeResolved(item)}.`),
      )
      .join(delimiter);
  }

  private select(argument: TemplateValue, path: TemplatePath): Resolved {
    const [index, items] = this.list(argument, path, 'Fn::Select', 2, '[Index, [Value, …]]');
    const indexText = this.resolveText(index ?? null, childPath(path, 0), 'The index of Fn::Select');
    const position = Number(indexText);
    const resolved = this.resolve(items ?? null, childPath(path, 1));
    if (!isTemplateArray(resolved))
      return this.fail(childPath(path, 1), `Fn::Select selects from a list, but this resolves to ${describeResolved(resolved)}.`);
    if (!Number.isInteger(position) || position < 0 || position >= resolved.length) {
      return this.fail(childPath(path, 0), `the index ${indexText ?? ''} of Fn::Select is not in the list of ${resolved.length}.`);
    }
    return resolved[position] ?? null;
  }

  private split(argument: TemplateValue, path: TemplatePath): string[] {
    const [delimiter, source] = this.list(argument, path, 'Fn::Split', 2, '[Delimiter, String]');
    if (typeof delimiter !== 'string' || delimiter === '')
      this.fail(childPath(path, 0), 'the delimiter of Fn::Split must be a non-empty string.');
    return this.text(source ?? null, childPath(path, 1), 'Fn::Split').split(delimiter);
  }

  private if(argument: TemplateValue, path: TemplatePath): Resolved {
    const [name, whenTrue, whenFalse] = this.list(argument, path, 'Fn::If', 3, '[ConditionName, ValueIfTrue, ValueIfFalse]');
    if (typeof name !== 'string') return this.fail(childPath(path, 0), 'the first item of Fn::If is the name of a condition.');
    return this.condition(name, childPath(path, 0))
      ? this.resolve(whenTrue ?? null, childPath(path, 1))
      : this.resolve(whenFalse ?? null, childPath(path, 2));
  }

  private findInMap(argument: TemplateValue, path: TemplatePath): Resolved {
    if (!isTemplateArray(argument) || argument.length < 3)
      return this.fail(path, 'Fn::FindInMap takes [MapName, TopLevelKey, SecondLevelKey].');
    const [mapName, topKey, secondKey] = [0, 1, 2].map((index) =>
      this.text(argument[index] ?? null, childPath(path, index), 'Fn::FindInMap'),
    );
    const map = this.template.mappings[mapName ?? ''];
    if (!isTemplateObject(map)) return this.fail(path, `Fn::FindInMap names the mapping "${mapName ?? ''}", which is not in Mappings.`);
    const top = map[topKey ?? ''];
    if (!isTemplateObject(top)) return this.fail(path, `the mapping ${mapName ?? ''} has no key "${topKey ?? ''}".`);
    const value = top[secondKey ?? ''];
    if (value === undefined) return this.fail(path, `the mapping ${mapName ?? ''}.${topKey ?? ''} has no key "${secondKey ?? ''}".`);
    return value;
  }

  /** The value of the template's condition `name`. */
  condition(name: string, path: TemplatePath): boolean {
    const known = this.conditions.get(name);
    if (known !== undefined) return known;
    const definition = this.template.conditions[name];
    const conditionPath = joinPath('Conditions', name);
    if (definition === undefined) {
      const hint = didYouMean(name, Object.keys(this.template.conditions));
      return this.fail(path, `the condition "${name}" is not in Conditions${hint === undefined ? '.' : `: did you mean "${hint}"?`}`);
    }
    if (this.evaluating.has(name)) this.fail(conditionPath, `the condition ${name} depends on itself.`);
    this.evaluating.add(name);
    try {
      const value = this.evaluate(definition, conditionPath);
      this.conditions.set(name, value);
      return value;
    } finally {
      this.evaluating.delete(name);
    }
  }

  private evaluate(definition: TemplateValue, path: TemplatePath): boolean {
    if (typeof definition === 'boolean') return definition;
    const keys = isTemplateObject(definition) ? Object.keys(definition) : [];
    const [name] = keys;
    if (!isTemplateObject(definition) || keys.length !== 1 || name === undefined) {
      return this.fail(path, 'a condition is one of Fn::Equals, Fn::Not, Fn::And, Fn::Or or Condition.');
    }
    const argument = definition[name] ?? null;
    const at = childPath(path, name);
    const operands = (): readonly TemplateValue[] => {
      if (!isTemplateArray(argument)) this.fail(at, `${name} takes a list.`);
      return argument;
    };
    switch (name) {
      case 'Fn::Equals': {
        const [left, right] = this.list(argument, at, 'Fn::Equals', 2, '[Value, Value]');
        return this.comparable(left ?? null, childPath(at, 0)) === this.comparable(right ?? null, childPath(at, 1));
      }
      case 'Fn::Not': {
        const [only] = this.list(argument, at, 'Fn::Not', 1, '[Condition]');
        return !this.evaluate(only ?? null, childPath(at, 0));
      }
      case 'Fn::And':
        return operands().every((operand, index) => this.evaluate(operand, childPath(at, index)));
      case 'Fn::Or':
        return operands().some((operand, index) => this.evaluate(operand, childPath(at, index)));
      case 'Condition':
        if (typeof argument !== 'string') return this.fail(at, 'Condition takes the name of a condition.');
        return this.condition(argument, at);
      default:
        return this.fail(at, `${name} is not a condition function: use Fn::Equals, Fn::Not, Fn::And, Fn::Or or Condition.`);
    }
  }

  /** A value as Fn::Equals compares it: a scalar's text, a list's JSON. */
  private comparable(value: TemplateValue, path: TemplatePath): string {
    const resolved = this.resolve(value, path);
    if (resolved === NO_VALUE) return '';
    return scalarText(resolved) ?? JSON.stringify(resolved);
  }
}

/** A resolved value in a message: its kind, not its content. */
export function describeResolved(value: Resolved): string {
  if (value === NO_VALUE) return 'AWS::NoValue';
  if (isTemplateArray(value)) return 'a list';
  if (value === null) return 'null';
  return isTemplateObject(value) ? 'an object' : JSON.stringify(scalarText(value));
}
