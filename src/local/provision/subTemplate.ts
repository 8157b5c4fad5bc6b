/**
 * The sub-template local mode creates on the emulator: the template's resources of the types the
 * emulator's CloudFormation creates well (resourceTypes.ts), the parameters, mappings and
 * conditions they use, and one output per `Fn::GetAtt` attribute so that the emulator computes
 * those itself. A resource that refers to one left out (a bucket notifying a function, a queue
 * policy naming a rule) cannot be created without it and is skipped, with the reference named.
 * Pure: no AWS call, so every decision is unit-tested.
 */
import { referencesOf, emptyReferences, type References } from './templateReferences';
import { LOCAL_FLOW_TYPES, NOT_NEEDED_TYPES, PROVISIONED_TYPES, SAM_SIMPLE_TABLE, skipReason } from './resourceTypes';
import type { ProvisionTemplate, RawResource } from './provisionInput';
import { ConfigurationError } from '../../foundation/errors';
import type { SkippedResource } from '../stackModel';

/** One output of the sub-template: which resource's attribute it reads. */
export interface AttributeOutput {
  readonly logicalId: string;
  readonly attribute: string;
}

export interface PlanOptions {
  /** The user's template parameter values (the `local.parameters` option). */
  readonly parameterValues?: Readonly<Record<string, string>>;
  /** The stack's name, for the names CloudFormation would generate that the emulator does not (FIFO queues). */
  readonly stackName?: string;
}

export interface SubTemplatePlan {
  /** The template to create (JSON-able); undefined when no resource is to be created. */
  readonly template: Record<string, unknown> | undefined;
  /** Logical id → the type as the template declares it (a SimpleTable stays a SimpleTable here). */
  readonly included: Readonly<Record<string, string>>;
  /** Output key → the attribute it reads. */
  readonly outputs: Readonly<Record<string, AttributeOutput>>;
  /** The values to pass for the sub-template's parameters (those the user gave; the others have a Default). */
  readonly parameterValues: Readonly<Record<string, string>>;
  /** Resources not created, with why: listed when local flows start. */
  readonly skipped: readonly SkippedResource[];
  /** Resources not created because a local run does not need them (IAM, resource policies, CDK metadata). */
  readonly notNeeded: readonly SkippedResource[];
}

const SIMPLE_TABLE_KEY_TYPES: Readonly<Record<string, string>> = { String: 'S', Number: 'N', Binary: 'B' };

/** SAM's AWS::Serverless::SimpleTable as the AWS::DynamoDB::Table SAM's transform makes of it. */
function simpleTableAsTable(resource: RawResource): RawResource {
  const properties = resource.Properties ?? {};
  const key = (properties.PrimaryKey ?? {}) as { Name?: unknown; Type?: unknown };
  const name = key.Name ?? 'id';
  const keyType = typeof key.Type === 'string' ? (SIMPLE_TABLE_KEY_TYPES[key.Type] ?? key.Type) : 'S';
  const tags = properties.Tags;
  const table: Record<string, unknown> = {
    AttributeDefinitions: [{ AttributeName: name, AttributeType: keyType }],
    KeySchema: [{ AttributeName: name, KeyType: 'HASH' }],
    ...(properties.ProvisionedThroughput === undefined
      ? { BillingMode: 'PAY_PER_REQUEST' }
      : { ProvisionedThroughput: properties.ProvisionedThroughput }),
    ...(properties.TableName === undefined ? {} : { TableName: properties.TableName }),
    ...(properties.SSESpecification === undefined ? {} : { SSESpecification: properties.SSESpecification }),
    ...(typeof tags === 'object' && tags !== null && !Array.isArray(tags)
      ? { Tags: Object.entries(tags as Record<string, unknown>).map(([Key, Value]) => ({ Key, Value })) }
      : {}),
  };
  const { Properties: _properties, Type: _type, ...attributes } = resource;
  return { ...attributes, Type: 'AWS::DynamoDB::Table', Properties: table };
}

/** The longest SQS queue name, `.fifo` included. */
const MAX_QUEUE_NAME = 80;

/**
 * A FIFO queue without a QueueName, named as CloudFormation names it (`<stack>-<logicalId>….fifo`):
 * moto 5.2.1 generates a name without the `.fifo` ending and then refuses its own name.
 */
function withFifoQueueName(logicalId: string, resource: RawResource, stackName: string | undefined): RawResource {
  const properties = resource.Properties ?? {};
  const fifo = properties.FifoQueue === true || properties.FifoQueue === 'true';
  if (resource.Type !== 'AWS::SQS::Queue' || !fifo || properties.QueueName !== undefined || stackName === undefined) return resource;
  const name = `${stackName}-${logicalId}`.slice(0, MAX_QUEUE_NAME - '.fifo'.length);
  return { ...resource, Properties: { ...properties, QueueName: `${name}.fifo` } };
}

function isProvisioned(type: string): boolean {
  return type in PROVISIONED_TYPES || type === SAM_SIMPLE_TABLE;
}

function dependsOnList(resource: RawResource): string[] {
  const dependsOn = resource.DependsOn;
  if (dependsOn === undefined) return [];
  return typeof dependsOn === 'string' ? [dependsOn] : [...dependsOn];
}

/** The attributes to read through outputs: moto's GetAtt names, StreamArn only for a table with a stream. */
function attributesOf(type: string, resource: RawResource): readonly string[] {
  if (type === SAM_SIMPLE_TABLE) return ['Arn'];
  const names = PROVISIONED_TYPES[type] ?? [];
  if (type === 'AWS::DynamoDB::Table' && resource.Properties?.StreamSpecification === undefined)
    return names.filter((name) => name !== 'StreamArn');
  return names;
}

/** Adds every condition, parameter and mapping `references` reach, through the conditions' own references. */
function closeOver(template: ProvisionTemplate, start: References): References {
  const reached = emptyReferences();
  const pending = [start];
  while (pending.length > 0) {
    const next = pending.pop() ?? emptyReferences();
    for (const name of next.names) reached.names.add(name);
    for (const mapping of next.mappings) reached.mappings.add(mapping);
    for (const condition of next.conditions) {
      if (reached.conditions.has(condition)) continue;
      reached.conditions.add(condition);
      pending.push(referencesOf(template.conditions?.[condition]));
    }
  }
  return reached;
}

function pick<T>(section: Readonly<Record<string, T>> | undefined, names: Iterable<string>): Record<string, T> {
  const picked: Record<string, T> = {};
  for (const name of names) {
    const value = section?.[name];
    if (value !== undefined) picked[name] = value;
  }
  return picked;
}

/**
 * Plans the sub-template of `template`'s resources to create on the emulator.
 * @throws ConfigurationError when a parameter the sub-template uses has neither a value nor a Default
 */
export function planSubTemplate(template: ProvisionTemplate, options: PlanOptions = {}): SubTemplatePlan {
  const parameterValues = options.parameterValues ?? {};
  const skipped: SkippedResource[] = [];
  const notNeeded: SkippedResource[] = [];
  const candidates = new Map<string, RawResource>();
  for (const [logicalId, resource] of Object.entries(template.resources)) {
    const type = resource.Type;
    if (LOCAL_FLOW_TYPES.has(type)) continue;
    const unneeded = NOT_NEEDED_TYPES[type];
    if (unneeded !== undefined) notNeeded.push({ logicalId, type, reason: unneeded });
    else if (isProvisioned(type)) candidates.set(logicalId, resource);
    else skipped.push({ logicalId, type, reason: skipReason(type) });
  }

  // A resource whose properties refer to one not created cannot be created either; repeat until
  // no reference leaves the set (a queue whose dead-letter queue was skipped goes too).
  const parameters = template.parameters ?? {};
  for (let changed = true; changed;) {
    changed = false;
    for (const [logicalId, resource] of candidates) {
      const references = referencesOf(resource.Properties);
      const outside = [...references.names].filter((name) => !candidates.has(name) && !(name in parameters));
      if (outside.length === 0 && references.imports.size === 0) continue;
      const described = [
        ...outside.map((name) => {
          const type = template.resources[name]?.Type;
          return type === undefined ? `"${name}" (not declared in the template)` : `${name} (${type})`;
        }),
        ...[...references.imports].map((name) => `the export ${name} of another stack (Fn::ImportValue)`),
      ];
      skipped.push({
        logicalId,
        type: resource.Type,
        reason: `its properties refer to ${described.join(', ')}, which local mode does not create on the emulator`,
      });
      candidates.delete(logicalId);
      changed = true;
    }
  }

  const included: Record<string, string> = {};
  const resources: Record<string, RawResource> = {};
  const outputs: Record<string, AttributeOutput> = {};
  const templateOutputs: Record<string, unknown> = {};
  let references = emptyReferences();
  for (const [logicalId, original] of candidates) {
    included[logicalId] = original.Type;
    let resource =
      original.Type === SAM_SIMPLE_TABLE ? simpleTableAsTable(original) : withFifoQueueName(logicalId, original, options.stackName);
    // DependsOn only orders creation: a dependency on a resource left out is dropped.
    const dependsOn = dependsOnList(resource).filter((name) => candidates.has(name));
    const { DependsOn: _dependsOn, ...rest } = resource;
    resource = dependsOn.length === 0 ? rest : { ...rest, DependsOn: dependsOn };
    resources[logicalId] = resource;
    const own = referencesOf({
      Properties: resource.Properties,
      Condition: resource.Condition === undefined ? undefined : { Condition: resource.Condition },
    });
    references = mergeReferences(references, own);
    for (const attribute of attributesOf(original.Type, original)) {
      const key = `JestEventBridgeAttr${Object.keys(outputs).length}`;
      outputs[key] = { logicalId, attribute };
      templateOutputs[key] = {
        Value: { 'Fn::GetAtt': [logicalId, attribute] },
        ...(resource.Condition === undefined ? {} : { Condition: resource.Condition }),
      };
    }
  }

  if (Object.keys(resources).length === 0) return { template: undefined, included, outputs, parameterValues: {}, skipped, notNeeded };

  const reached = closeOver(template, references);
  const usedParameters = [...reached.names].filter((name) => name in parameters);
  const values: Record<string, string> = {};
  const missing: string[] = [];
  for (const name of usedParameters) {
    const value = parameterValues[name];
    if (value !== undefined) values[name] = value;
    else if (parameters[name]?.Default === undefined) missing.push(name);
  }
  if (missing.length > 0) {
    throw new ConfigurationError(
      `Template parameter${missing.length === 1 ? '' : 's'} ${missing.map((name) => `"${name}"`).join(', ')} ${missing.length === 1 ? 'has' : 'have'} no value and no Default: pass ${missing.length === 1 ? 'it' : 'them'} in the local "parameters" option, e.g. parameters: { ${missing.map((name) => `${name}: '...'`).join(', ')} }.`,
    );
  }

  const subTemplate: Record<string, unknown> = {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: 'The resources local mode of jest-eventbridge creates on the emulator.',
    ...(usedParameters.length > 0 ? { Parameters: pick(parameters, usedParameters) } : {}),
    ...(reached.mappings.size > 0 ? { Mappings: pick(template.mappings, reached.mappings) } : {}),
    ...(reached.conditions.size > 0 ? { Conditions: pick(template.conditions, reached.conditions) } : {}),
    Resources: resources,
    ...(Object.keys(templateOutputs).length > 0 ? { Outputs: templateOutputs } : {}),
  };
  return { template: subTemplate, included, outputs, parameterValues: values, skipped, notNeeded };
}

function mergeReferences(a: References, b: References): References {
  return {
    names: new Set([...a.names, ...b.names]),
    mappings: new Set([...a.mappings, ...b.mappings]),
    conditions: new Set([...a.conditions, ...b.conditions]),
    imports: new Set([...a.imports, ...b.imports]),
  };
}
