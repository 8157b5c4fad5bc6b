/**
 * The template reader of local flows: `readTemplate` reads and checks a CloudFormation, SAM,
 * CDK-synthesized or Serverless Framework template; `resolveStack` resolves it into the
 * `LocalStack` the provisioning, the router and the function runtime run.
 *
 * Offline (no emulator, e.g. rule assertions from a template): call `resolveStack` without
 * `physical`. Functions, rules and buses get the names and ARNs AWS would give them; queues,
 * topics, tables and buckets too (their `Ref`, `Arn`, `QueueUrl`, `QueueName`, `TopicName`);
 * a `Ref` to a resource of another type gives its logical id, and its `Fn::GetAtt` is an error
 * where local mode needs the value.
 *
 * ```ts
 * const parsed = await readTemplate('template.yaml', { parameters: { Stage: 'test' } });
 * const stack = resolveStack(parsed, { stackName: 'orders', region: 'us-east-1', accountId: '123456789012' });
 * ```
 */
export { readTemplate, displayNameOf as templateDisplayName, type ReadTemplateOptions } from './readTemplate';
export { resolveStack, type ResolveStackContext } from './resolveStack';
export { TemplateError } from './TemplateError';
export type { FunctionCode, ParameterValue, ParsedTemplate, TemplateResource } from './parsedTemplate';
export type { TemplateObject, TemplateScalar, TemplateValue } from './templateValue';
export { templateJson } from './templateValue';
export {
  rulesFromTemplate,
  type RulesFromTemplateOptions,
  type TemplateRule,
  type TemplateRules,
  type TemplateRuleTarget,
} from './rulesFromTemplate';
