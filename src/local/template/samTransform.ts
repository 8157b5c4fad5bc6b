/**
 * SAM's `AWS::Serverless-2016-10-31` transform, for what local mode runs: each
 * `AWS::Serverless::Function` becomes the `AWS::Lambda::Function` SAM makes of it (with
 * `Globals.Function` merged in as SAM merges it), each of its `EventBridgeRule` and
 * `CloudWatchEvent` events the `AWS::Events::Rule` SAM makes (logical id `<Function><Event>`,
 * one target, id `<Function><Event>LambdaTarget` unless `Target.Id` says), its `EventInvokeConfig`
 * an `AWS::Lambda::EventInvokeConfig`; `AWS::Serverless::SimpleTable` becomes its DynamoDB table.
 * Other SAM resources are kept as written, for the provisioning to list.
 */
import * as path from 'node:path';
import type { SkippedResource, TemplatePath } from '../stackModel';
import type { FunctionCode, TemplateResource } from './parsedTemplate';
import { childPath, joinPath } from './templatePaths';
import { intrinsicName, isTemplateArray, isTemplateObject, type TemplateObject, type TemplateValue } from './templateValue';

export const SAM_TRANSFORM = 'AWS::Serverless-2016-10-31';

/** Whether the template's `Transform` (a name or a list of names) includes SAM's. */
export function usesSam(document: TemplateObject): boolean {
  const transform = document.Transform;
  return transform === SAM_TRANSFORM || (isTemplateArray(transform) && transform.includes(SAM_TRANSFORM));
}

/** An intrinsic function call (`{ Ref: … }`, `{ 'Fn::Sub': … }`): SAM merges it as a single value. */
function isIntrinsic(value: TemplateValue | undefined): boolean {
  return intrinsicName(value) !== undefined;
}

/** SAM's Globals merge: maps merged key by key, lists appended to, any other value overridden by the function's. */
function mergeGlobal(global: TemplateValue | undefined, local: TemplateValue | undefined): TemplateValue | undefined {
  if (local === undefined) return global;
  if (global === undefined) return local;
  if (isTemplateObject(global) && isTemplateObject(local) && !isIntrinsic(global) && !isIntrinsic(local)) {
    const merged: Record<string, TemplateValue> = {};
    for (const key of new Set([...Object.keys(global), ...Object.keys(local)])) {
      const value = mergeGlobal(global[key], local[key]);
      if (value !== undefined) merged[key] = value;
    }
    return merged;
  }
  if (isTemplateArray(global) && isTemplateArray(local)) return [...global, ...local];
  return local;
}

/** SAM properties that say how a function is deployed, not what runs: not copied to the Lambda function. */
const SAM_ONLY = new Set(['CodeUri', 'InlineCode', 'Events', 'EventInvokeConfig', 'Policies', 'AutoPublishAlias', 'DeploymentPreference']);

interface SamContext {
  readonly directory: string;
  readonly globals: TemplateObject;
  readonly skipped: SkippedResource[];
}

/** The resources SAM makes of one template resource (itself, when it is not a SAM function or table). */
export function expandSamResource(resource: TemplateResource, context: SamContext): TemplateResource[] {
  if (resource.type === 'AWS::Serverless::Function') return expandFunction(resource, context);
  if (resource.type === 'AWS::Serverless::SimpleTable') return [simpleTable(resource)];
  return [resource];
}

function expandFunction(resource: TemplateResource, context: SamContext): TemplateResource[] {
  const { logicalId, templatePath } = resource;
  const own = resource.properties;
  const merged = (mergeGlobal(context.globals, own) ?? {}) as TemplateObject;
  // Where each merged value was written: the function's own, else Globals.Function.
  const sources: Record<string, TemplatePath> = {};
  for (const key of Object.keys(merged)) {
    sources[key] = key in own ? joinPath(templatePath, 'Properties', key) : joinPath('Globals.Function', key);
  }
  const variables = (value: TemplateValue | undefined): TemplateValue | undefined =>
    isTemplateObject(value) ? value.Variables : undefined;
  const globalVariables = variables(context.globals.Environment);
  const ownVariables = variables(own.Environment);
  if (isTemplateObject(globalVariables) || isTemplateObject(ownVariables)) {
    const all = { ...(isTemplateObject(globalVariables) ? globalVariables : {}), ...(isTemplateObject(ownVariables) ? ownVariables : {}) };
    for (const name of Object.keys(all)) {
      sources[`Environment.Variables.${name}`] =
        isTemplateObject(ownVariables) && name in ownVariables
          ? joinPath(templatePath, 'Properties', 'Environment', 'Variables', name)
          : joinPath('Globals.Function', 'Environment', 'Variables', name);
    }
  }

  const properties: Record<string, TemplateValue> = {};
  for (const [key, value] of Object.entries(merged)) if (!SAM_ONLY.has(key)) properties[key] = value;
  const condition = resource.condition === undefined ? {} : { condition: resource.condition };
  const lambda: TemplateResource = {
    logicalId,
    type: 'AWS::Lambda::Function',
    properties,
    ...condition,
    ...(resource.metadata === undefined ? {} : { metadata: resource.metadata }),
    ...(resource.dependsOn === undefined ? {} : { dependsOn: resource.dependsOn }),
    templatePath,
    sources,
    code: samCode(merged, resource, context.directory, sources),
  };
  const made: TemplateResource[] = [lambda];

  const events = own.Events;
  if (isTemplateObject(events)) {
    for (const [eventName, event] of Object.entries(events)) {
      const eventPath = joinPath(templatePath, 'Properties', 'Events', eventName);
      const type = isTemplateObject(event) ? event.Type : undefined;
      const eventProperties = isTemplateObject(event) && isTemplateObject(event.Properties) ? event.Properties : {};
      if (type === 'EventBridgeRule' || type === 'CloudWatchEvent') {
        made.push(eventRule(logicalId, eventName, eventPath, type, eventProperties, resource.condition));
      } else {
        context.skipped.push({
          logicalId: `${logicalId}${eventName}`,
          type: `AWS::Serverless::Function event ${typeof type === 'string' ? type : '(no Type)'}`,
          reason: `${eventPath}: local mode routes EventBridge events only (EventBridgeRule and CloudWatchEvent events); this event source is not run`,
        });
      }
    }
  }

  const invokeConfig = merged.EventInvokeConfig;
  if (isTemplateObject(invokeConfig)) {
    const configPath = sources.EventInvokeConfig ?? joinPath(templatePath, 'Properties', 'EventInvokeConfig');
    const configProperties: Record<string, TemplateValue> = { FunctionName: { Ref: logicalId }, Qualifier: '$LATEST' };
    const configSources: Record<string, TemplatePath> = { FunctionName: templatePath, Qualifier: configPath };
    for (const key of ['MaximumRetryAttempts', 'MaximumEventAgeInSeconds']) {
      const value = invokeConfig[key];
      if (value === undefined) continue;
      configProperties[key] = value;
      configSources[key] = childPath(configPath, key);
    }
    made.push({
      logicalId: `${logicalId}EventInvokeConfig`,
      type: 'AWS::Lambda::EventInvokeConfig',
      properties: configProperties,
      ...condition,
      templatePath: configPath,
      sources: configSources,
    });
  }
  return made;
}

/** The code folder (`CodeUri`, relative to the template's folder; `.` when absent) and SAM's esbuild entry point. */
function samCode(
  properties: TemplateObject,
  resource: TemplateResource,
  directory: string,
  sources: Record<string, TemplatePath>,
): FunctionCode {
  if (properties.InlineCode !== undefined) {
    return {
      unsupported: `${sources.InlineCode ?? resource.templatePath}: inline code (InlineCode) is not run by local mode; put the handler in a file and set CodeUri to its folder`,
    };
  }
  if (properties.PackageType === 'Image' || properties.ImageUri !== undefined) {
    return {
      unsupported: `${resource.templatePath}: a container image function (PackageType: Image) is not run by local mode, which runs Node.js handlers from files`,
    };
  }
  const codeUri = properties.CodeUri ?? '.';
  if (typeof codeUri !== 'string' || codeUri.startsWith('s3://')) {
    return {
      unsupported: `${sources.CodeUri ?? resource.templatePath}: CodeUri is an S3 location; local mode runs the code in a folder: set CodeUri to the function's folder, relative to the template`,
    };
  }
  const metadata = resource.metadata;
  const buildProperties = isTemplateObject(metadata) && metadata.BuildMethod === 'esbuild' ? metadata.BuildProperties : undefined;
  const entryPoints = isTemplateObject(buildProperties) ? buildProperties.EntryPoints : undefined;
  const entryPoint = isTemplateArray(entryPoints) && typeof entryPoints[0] === 'string' ? entryPoints[0] : undefined;
  return { directory: path.resolve(directory, codeUri), ...(entryPoint === undefined ? {} : { entryPoint }) };
}

/** The rule SAM makes of an `EventBridgeRule` or `CloudWatchEvent` event, its one target the function. */
function eventRule(
  functionId: string,
  eventName: string,
  eventPath: TemplatePath,
  type: 'EventBridgeRule' | 'CloudWatchEvent',
  event: TemplateObject,
  condition: string | undefined,
): TemplateResource {
  const eventProperty = (key: string): TemplatePath => joinPath(eventPath, 'Properties', key);
  const ruleId = `${functionId}${eventName}`;
  const properties: Record<string, TemplateValue> = {};
  const sources: Record<string, TemplatePath> = { Targets: eventPath };
  const copy = (from: string, to: string): void => {
    const value = event[from];
    if (value === undefined) return;
    properties[to] = value;
    sources[to] = eventProperty(from);
  };
  copy('Pattern', 'EventPattern');
  copy('EventBusName', 'EventBusName');
  if (type === 'EventBridgeRule') {
    copy('RuleName', 'Name');
    copy('State', 'State');
  }
  const target: Record<string, TemplateValue> = { Id: `${ruleId}LambdaTarget`, Arn: { 'Fn::GetAtt': [functionId, 'Arn'] } };
  sources['Targets[0]'] = eventPath;
  sources['Targets[0].Arn'] = eventPath;
  const targetOption = event.Target;
  if (type === 'EventBridgeRule' && isTemplateObject(targetOption) && targetOption.Id !== undefined) {
    target.Id = targetOption.Id;
    sources['Targets[0].Id'] = joinPath(eventProperty('Target'), 'Id');
  } else {
    sources['Targets[0].Id'] = eventPath;
  }
  const inputs = type === 'EventBridgeRule' ? ['Input', 'InputPath', 'InputTransformer'] : ['Input', 'InputPath'];
  for (const key of inputs) {
    const value = event[key];
    if (value === undefined) continue;
    target[key] = value;
    sources[`Targets[0].${key}`] = eventProperty(key);
  }
  properties.Targets = [target];
  return {
    logicalId: ruleId,
    type: 'AWS::Events::Rule',
    properties,
    ...(condition === undefined ? {} : { condition }),
    templatePath: eventPath,
    sources,
  };
}

const KEY_TYPES: Readonly<Record<string, string>> = { String: 'S', Number: 'N', Binary: 'B' };

/** SAM's SimpleTable: a DynamoDB table with one hash key (`id`, a string, by default), on demand unless throughput is given. */
function simpleTable(resource: TemplateResource): TemplateResource {
  const own = resource.properties;
  const primaryKey = isTemplateObject(own.PrimaryKey) ? own.PrimaryKey : { Name: 'id', Type: 'String' };
  const keyName = primaryKey.Name ?? 'id';
  const keyType = typeof primaryKey.Type === 'string' ? (KEY_TYPES[primaryKey.Type] ?? primaryKey.Type) : 'S';
  const properties: Record<string, TemplateValue> = {
    AttributeDefinitions: [{ AttributeName: keyName, AttributeType: keyType }],
    KeySchema: [{ AttributeName: keyName, KeyType: 'HASH' }],
  };
  if (own.ProvisionedThroughput !== undefined) properties.ProvisionedThroughput = own.ProvisionedThroughput;
  else properties.BillingMode = 'PAY_PER_REQUEST';
  for (const key of ['TableName', 'SSESpecification', 'PointInTimeRecoverySpecification']) {
    const value = own[key];
    if (value !== undefined) properties[key] = value;
  }
  // SAM's tags are a map; DynamoDB's a list of Key/Value pairs.
  if (isTemplateObject(own.Tags)) properties.Tags = Object.entries(own.Tags).map(([Key, Value]) => ({ Key, Value }));
  return { ...resource, type: 'AWS::DynamoDB::Table', properties };
}
