/**
 * A template of some of the stack's resources, as JSON text, for the emulator's own
 * CloudFormation to create (the provisioning's route for queues, topics, tables and buckets).
 * It is the read template, not the file: SAM already applied (no Transform, no Globals; a
 * SimpleTable is its DynamoDB table), each parameter's value as its Default so that CreateStack
 * needs no Parameters, numbers exact.
 */
import type { ParsedTemplate, TemplateResource } from './parsedTemplate';
import { isTemplateObject, templateJson, type TemplateObject, type TemplateValue } from './templateValue';

/** An SSM parameter type's value is resolved here already: the emulator gets it as a plain value. */
function plainType(type: string): string {
  if (!type.startsWith('AWS::SSM::Parameter::Value')) return type;
  return type.includes('List<') ? 'CommaDelimitedList' : 'String';
}

/**
 * The JSON text of a CloudFormation template with the resources `include` accepts, the template's
 * Parameters (each with its value as Default), Conditions and Mappings. A `DependsOn` on a
 * resource left out is dropped; a `Ref` to one is kept, for the emulator to refuse.
 */
export function cloudFormationBody(parsed: ParsedTemplate, include: (resource: TemplateResource) => boolean): string {
  const included = parsed.resources.filter(include);
  const ids = new Set(included.map((resource) => resource.logicalId));
  const declared = isTemplateObject(parsed.document.Parameters) ? parsed.document.Parameters : {};
  const parameters: Record<string, TemplateValue> = {};
  for (const [name, { type, value }] of Object.entries(parsed.parameters)) {
    const declaration = declared[name];
    parameters[name] = { ...(isTemplateObject(declaration) ? declaration : {}), Type: plainType(type), Default: value };
  }
  const resources: Record<string, TemplateObject> = {};
  for (const resource of included) {
    const dependsOn = resource.dependsOn?.filter((id) => ids.has(id)) ?? [];
    resources[resource.logicalId] = {
      Type: resource.type,
      Properties: resource.properties,
      ...(resource.condition === undefined ? {} : { Condition: resource.condition }),
      ...(resource.metadata === undefined ? {} : { Metadata: resource.metadata }),
      ...(dependsOn.length === 0 ? {} : { DependsOn: dependsOn }),
    };
  }
  const body: Record<string, TemplateValue> = { AWSTemplateFormatVersion: '2010-09-09' };
  if (Object.keys(parameters).length > 0) body.Parameters = parameters;
  if (Object.keys(parsed.conditions).length > 0) body.Conditions = parsed.conditions;
  if (Object.keys(parsed.mappings).length > 0) body.Mappings = parsed.mappings;
  body.Resources = resources;
  return templateJson(body);
}
