/**
 * The service's stack as local flows run it: what the template reader produces once every
 * intrinsic that names a local resource is resolved, and what the router, the function runtime
 * and the provisioning read. Plain data (no classes, no AWS clients), so each part can be built
 * and tested alone. Names follow CloudFormation's: a resource's logical id is its key under
 * `Resources`; its physical name or id is what AWS (here, the emulator) knows it by.
 */

/** Where a value came from in the template, for error messages: `Resources.ConfirmOrder.Properties.Handler`. */
export type TemplatePath = string;

/** A Lambda function of the template (`AWS::Lambda::Function`, or `AWS::Serverless::Function` after SAM's rules). */
export interface LocalFunctionSpec {
  readonly logicalId: string;
  /** The physical name: `FunctionName`, or one generated as CloudFormation does (`<stack>-<logicalId>-<suffix>`). */
  readonly functionName: string;
  readonly functionArn: string;
  /** As written, e.g. `nodejs20.x`. Local mode runs `nodejs*` runtimes only. */
  readonly runtime: string;
  /** Absolute folder the handler path is relative to (SAM `CodeUri`, a CDK asset folder, a Serverless service folder). */
  readonly codeDirectory: string;
  /** Lambda's handler setting: `<file path without extension>.<export>`, e.g. `src/confirm.handler`. */
  readonly handler: string;
  /**
   * The source file to bundle when the template says how it is built (SAM `Metadata.BuildMethod:
   * esbuild` with `BuildProperties.EntryPoints`), relative to `codeDirectory`; otherwise the
   * runtime finds the file from `handler`.
   */
  readonly entryPoint?: string;
  /** Seconds an invocation may run. @default 3 (Lambda's) */
  readonly timeoutSeconds: number;
  /** @default 128 (Lambda's) */
  readonly memorySizeMb: number;
  /** The function's own environment variables, resolved (SAM `Globals` merged in). */
  readonly environment: Readonly<Record<string, string>>;
  /** Retries of a failed asynchronous invocation (`EventInvokeConfig`). @default 2 */
  readonly maximumRetryAttempts: number;
  /** Oldest event age an asynchronous invocation is still attempted at, in seconds. @default 21600 */
  readonly maximumEventAgeSeconds: number;
  /** Where the function is declared, for messages. */
  readonly templatePath: TemplatePath;
}

import type { TargetInputSpec, TargetKind } from '../core/targets';

/** What a target receives instead of the whole event: core/targets' shape, which routing reads. */
export type { TargetInputSpec };

/** What local mode does with a target: routing's own kinds. */
export type LocalTargetKind = TargetKind;

export interface LocalTargetSpec extends TargetInputSpec {
  /** The target's `Id` within its rule. */
  readonly id: string;
  /** The target's ARN, resolved. */
  readonly arn: string;
  /** What local mode does with it; undefined when it cannot deliver there (listed at start). */
  readonly kind: LocalTargetKind | undefined;
  /** For a Lambda target of this template: the function's logical id. */
  readonly functionLogicalId?: string;
  /** Why local mode cannot deliver to it, when `kind` is undefined (a function not in the template, an API destination). */
  readonly unsupportedReason?: string;
  readonly templatePath: TemplatePath;
}

/** A rule of the template (`AWS::Events::Rule`, or one SAM makes from a function's event). */
export interface LocalRuleSpec {
  readonly logicalId: string;
  /** The physical name: `Name`, or a generated one. */
  readonly name: string;
  readonly arn: string;
  /** The bus's name; `default` when the rule names none. */
  readonly eventBusName: string;
  /** The pattern, as JSON text exactly as resolved (numbers beyond a double's precision kept). Absent for a scheduled rule. */
  readonly eventPattern?: string;
  readonly state: 'ENABLED' | 'DISABLED';
  readonly targets: readonly LocalTargetSpec[];
  readonly templatePath: TemplatePath;
}

/** An event bus of the template (`AWS::Events::EventBus`). */
export interface LocalBusSpec {
  readonly logicalId: string;
  readonly name: string;
  readonly arn: string;
}

/** A resource local mode does not create or run, and why; listed when flows start. */
export interface SkippedResource {
  readonly logicalId: string;
  readonly type: string;
  readonly reason: string;
}

/** The resolved stack. */
export interface LocalStack {
  /** Absolute path of the template file. */
  readonly templateFile: string;
  readonly stackName: string;
  readonly region: string;
  readonly accountId: string;
  readonly partition: string;
  readonly functions: readonly LocalFunctionSpec[];
  readonly rules: readonly LocalRuleSpec[];
  readonly buses: readonly LocalBusSpec[];
  readonly skipped: readonly SkippedResource[];
}

/** The physical id and attributes of a resource made on the emulator, for resolving `Ref` and `Fn::GetAtt`. */
export interface PhysicalResource {
  readonly type: string;
  /** What `Ref` returns (a table's name, a queue's URL, a topic's ARN, a bucket's name). */
  readonly ref: string;
  /** What `Fn::GetAtt` returns, by attribute name (`Arn`, `QueueName`, `StreamArn`, ...). */
  readonly attributes: Readonly<Record<string, string>>;
}

export type PhysicalResources = Readonly<Record<string, PhysicalResource>>;

/** One attempt of one asynchronous invocation of a local function. */
export interface InvocationRecord {
  readonly functionName: string;
  readonly logicalId: string;
  /** The Lambda request id; the same across the attempts of one invocation, as in AWS. */
  readonly requestId: string;
  /** The id of the event that the rule routed to the function. */
  readonly eventId: string;
  readonly ruleName: string;
  /** 1-based. */
  readonly attempt: number;
  /** 1 + the function's maximumRetryAttempts. */
  readonly attempts: number;
  /** Epoch ms when the attempt started. */
  readonly startedAt: number;
  readonly durationMs: number;
  readonly outcome: 'success' | 'error' | 'timeout';
  /** The handler's result (JSON-able value), on success. */
  readonly result?: unknown;
  /** On error or timeout. */
  readonly error?: { readonly name: string; readonly message: string; readonly stack?: string };
}
