/**
 * Creates the template's tables, queues, topics and buckets on the emulator as one CloudFormation
 * stack (the emulator's own CloudFormation: one well-kept route instead of a creation call per
 * type), reads back what each became, and deletes the stack at stop. A failed creation deletes
 * what it made before throwing, so nothing is left behind on the emulator.
 */
import {
  CloudFormationClient,
  CreateStackCommand,
  DeleteStackCommand,
  DescribeStackResourcesCommand,
  DescribeStacksCommand,
  type Stack,
} from '@aws-sdk/client-cloudformation';
import { pollUntil } from './pollUntil';
import { planSubTemplate, type AttributeOutput } from './subTemplate';
import type { ProvisionTemplate } from './provisionInput';
import { describeAwsError, errorCode } from '../../aws/awsErrors';
import { emulatorClientConfig } from '../../emulator/eventBuses';
import { JestEventBridgeError } from '../../foundation/errors';
import { messageOf } from '../../foundation/realm';
import type { PhysicalResource, PhysicalResources, SkippedResource } from '../stackModel';

/** The template's resources could not be created on the emulator, or the stack could not be deleted. */
export class ProvisionError extends JestEventBridgeError {}

export interface ProvisionOptions {
  /** The emulator's endpoint, e.g. `http://127.0.0.1:4566`. */
  readonly endpoint: string;
  readonly region: string;
  /** The stack's name: unique per run (the caller makes it, e.g. from the run id). */
  readonly stackName: string;
  readonly template: ProvisionTemplate;
  /** Template parameter values by name (the `local.parameters` option). */
  readonly parameters?: Readonly<Record<string, string>>;
  /** How long creation and deletion may each take, in ms. @default 60000 */
  readonly timeoutMs?: number;
}

export interface ProvisionedResources {
  readonly stackName: string;
  /** Undefined when there was nothing to create (no stack was made). */
  readonly stackId: string | undefined;
  /** What each created resource became: its `Ref` and `Fn::GetAtt` values, by logical id. */
  readonly physical: PhysicalResources;
  /** Resources not created, with why (list them when local flows start). */
  readonly skipped: readonly SkippedResource[];
  /** IAM roles and policies, resource policies, CDK metadata: not created because a local run does not need them. */
  readonly notNeeded: readonly SkippedResource[];
  /** Deletes the stack and waits for DELETE_COMPLETE; idempotent. @throws ProvisionError when it does not finish in time */
  deleteStack(): Promise<void>;
}

const DEFAULT_TIMEOUT_MS = 60_000;
const FAILED_STATUS = /(FAILED|ROLLBACK|DELETE)/;

function isMissingStack(error: unknown): boolean {
  return /does not exist/i.test(messageOf(error));
}

async function describeStack(client: CloudFormationClient, stackName: string): Promise<Stack | undefined> {
  try {
    const output = await client.send(new DescribeStacksCommand({ StackName: stackName }));
    return output.Stacks?.[0];
  } catch (error) {
    if (isMissingStack(error)) return undefined;
    throw error;
  }
}

/** Deletes the stack (by id when known: a deleted stack is found by id, not by name) and waits until it is gone. */
async function deleteAndWait(
  client: CloudFormationClient,
  stackName: string,
  stackId: string | undefined,
  timeoutMs: number,
): Promise<void> {
  await client.send(new DeleteStackCommand({ StackName: stackId ?? stackName }));
  const gone = await pollUntil(
    async () => {
      const stack = await describeStack(client, stackId ?? stackName);
      if (stack === undefined || stack.StackStatus === 'DELETE_COMPLETE') return true;
      if (stack.StackStatus === 'DELETE_FAILED')
        throw new ProvisionError(
          `Deleting stack "${stackName}" on the emulator failed: ${stack.StackStatusReason ?? 'no reason given'}. Delete it by hand (aws cloudformation delete-stack).`,
        );
      return undefined;
    },
    { timeoutMs },
  );
  if (gone === undefined) throw new ProvisionError(`Stack "${stackName}" on the emulator was not deleted within ${timeoutMs} ms.`);
}

function resourcesList(included: Readonly<Record<string, string>>): string {
  return Object.entries(included)
    .map(([logicalId, type]) => `${logicalId} (${type})`)
    .join(', ');
}

function readAttributes(stack: Stack, outputs: Readonly<Record<string, AttributeOutput>>): Map<string, Record<string, string>> {
  const byResource = new Map<string, Record<string, string>>();
  for (const output of stack.Outputs ?? []) {
    const wanted = output.OutputKey === undefined ? undefined : outputs[output.OutputKey];
    if (wanted === undefined || output.OutputValue === undefined) continue;
    const attributes = byResource.get(wanted.logicalId) ?? {};
    attributes[wanted.attribute] = output.OutputValue;
    byResource.set(wanted.logicalId, attributes);
  }
  return byResource;
}

/** The attributes CloudFormation documents that the emulator does not answer, derived from `Ref`. */
function derivedAttributes(type: string, ref: string): Record<string, string> {
  if (type === 'AWS::SQS::Queue') return { QueueUrl: ref };
  if (type === 'AWS::SNS::Topic') return { TopicArn: ref };
  return {};
}

/**
 * Why CreateStack failed. moto's CloudFormation creates the resources inside the call, so a
 * resource it cannot make from its properties crashes the call (HTTP 500, an HTML page the SDK
 * cannot read): say that instead of the SDK's parse error.
 */
function describeCreateError(error: unknown, endpoint: string): string {
  const status = (error as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode;
  if (status === 500)
    return "the emulator's CloudFormation failed with an internal error (HTTP 500) while creating them: the properties of one of them lack something the emulator needs (a table's KeySchema, say); the emulator's log names it";
  return describeAwsError(error, { action: 'CreateStack', endpoint });
}

/**
 * Creates on the emulator every resource of `options.template` of a type its CloudFormation
 * creates well, waits for CREATE_COMPLETE (polling with back-off, up to `timeoutMs`), and
 * returns what each became plus the resources it did not create and why.
 * @throws ConfigurationError when a parameter the created resources use has no value and no Default
 * @throws ProvisionError when the emulator refuses or fails the stack (what it made is deleted first)
 */
export async function provisionResources(options: ProvisionOptions): Promise<ProvisionedResources> {
  const plan = planSubTemplate(options.template, { parameterValues: options.parameters ?? {}, stackName: options.stackName });
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const { stackName } = options;
  const base = { stackName, skipped: plan.skipped, notNeeded: plan.notNeeded };
  if (plan.template === undefined) return { ...base, stackId: undefined, physical: {}, deleteStack: () => Promise.resolve() };

  // One attempt per call: the emulator is local, and a retried CreateStack after a failure half-way
  // would answer AlreadyExists for the stack the first attempt left (polling covers slow answers).
  const client = new CloudFormationClient({ ...emulatorClientConfig(options.endpoint, options.region), maxAttempts: 1 });
  let stackId: string | undefined;
  const failed = async (why: string, cause: unknown): Promise<never> => {
    // Delete whatever the half-made stack created before reporting.
    let cleanup = '';
    try {
      await deleteAndWait(client, stackName, stackId, timeoutMs);
    } catch (error) {
      if (!isMissingStack(error))
        cleanup = ` Deleting the stack afterwards failed too (${messageOf(error)}): delete stack "${stackName}" on the emulator by hand.`;
    }
    client.destroy();
    throw new ProvisionError(
      `Could not create the template's resources on the emulator (stack "${stackName}": ${resourcesList(plan.included)}): ${why.replace(/\.+$/, '')}.${cleanup} If the emulator's CloudFormation cannot create one of these resources from its properties, run that part against AWS.`,
      { cause },
    );
  };

  try {
    const created = await client.send(
      new CreateStackCommand({
        StackName: stackName,
        TemplateBody: JSON.stringify(plan.template),
        Parameters: Object.entries(plan.parameterValues).map(([ParameterKey, ParameterValue]) => ({ ParameterKey, ParameterValue })),
      }),
    );
    stackId = created.StackId;
  } catch (error) {
    const why = describeCreateError(error, options.endpoint);
    if (errorCode(error) === 'AlreadyExistsException') {
      // Not ours to delete: the stack name must be unique per run.
      client.destroy();
      throw new ProvisionError(
        `Could not create the template's resources on the emulator: a stack named "${stackName}" already exists (${why}); give each run a stack name of its own.`,
        {
          cause: error,
        },
      );
    }
    return failed(why, error);
  }

  let stack: Stack | undefined;
  try {
    stack = await pollUntil(
      async () => {
        const current = await describeStack(client, stackId ?? stackName);
        if (current?.StackStatus === 'CREATE_COMPLETE') return current;
        if (current === undefined || FAILED_STATUS.test(current.StackStatus ?? ''))
          throw new ProvisionError(
            `the stack is ${current?.StackStatus ?? 'gone'}${current?.StackStatusReason ? ` (${current.StackStatusReason})` : ''}`,
          );
        return undefined;
      },
      { timeoutMs },
    );
  } catch (error) {
    return failed(
      error instanceof ProvisionError ? error.message : describeAwsError(error, { action: 'DescribeStacks', endpoint: options.endpoint }),
      error,
    );
  }
  if (stack === undefined) return failed(`the stack was not CREATE_COMPLETE within ${timeoutMs} ms`, undefined);

  let physical: Record<string, PhysicalResource>;
  try {
    const described = await client.send(new DescribeStackResourcesCommand({ StackName: stackId ?? stackName }));
    const attributes = readAttributes(stack, plan.outputs);
    physical = {};
    for (const resource of described.StackResources ?? []) {
      const logicalId = resource.LogicalResourceId;
      const ref = resource.PhysicalResourceId;
      const type = logicalId === undefined ? undefined : plan.included[logicalId];
      if (logicalId === undefined || ref === undefined || type === undefined) continue;
      physical[logicalId] = { type, ref, attributes: { ...derivedAttributes(type, ref), ...attributes.get(logicalId) } };
    }
  } catch (error) {
    return failed(describeAwsError(error, { action: 'DescribeStackResources', endpoint: options.endpoint }), error);
  }

  let deleted: Promise<void> | undefined;
  return {
    ...base,
    stackId,
    physical,
    deleteStack: () => {
      deleted ??= deleteAndWait(client, stackName, stackId, timeoutMs).finally(() => client.destroy());
      return deleted;
    },
  };
}
