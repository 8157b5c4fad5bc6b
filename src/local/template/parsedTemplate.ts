/**
 * A template as read: its sections in CloudFormation's form (SAM's resources already turned into
 * the Lambda functions, rules and invoke configs SAM makes of them), its parameters' values
 * checked, and where each value was written, for messages. Intrinsics are not resolved yet:
 * `resolveStack` does that with the provisioned resources' physical ids.
 */
import type { SkippedResource, TemplatePath } from '../stackModel';
import type { TemplateObject, TemplateValue } from './templateValue';

/** A parameter's value: the one given, else its `Default`. */
export interface ParameterValue {
  /** As declared, e.g. `String`, `Number`, `CommaDelimitedList`, `AWS::SSM::Parameter::Value<String>`. */
  readonly type: string;
  readonly value: string;
}

/** Where a function's code is on this machine, or why local mode cannot run it. */
export type FunctionCode =
  | {
      /** Absolute folder the handler path is relative to. */
      readonly directory: string;
      /** The source to bundle (SAM's esbuild `EntryPoints[0]`), relative to `directory`. */
      readonly entryPoint?: string;
    }
  | { readonly unsupported: string };

export interface TemplateResource {
  readonly logicalId: string;
  readonly type: string;
  /** `Properties`, intrinsics unresolved; `{}` when the template gives none. */
  readonly properties: TemplateObject;
  readonly condition?: string;
  readonly metadata?: TemplateObject;
  /** `DependsOn`, as a list of logical ids. */
  readonly dependsOn?: readonly string[];
  /** Where it is declared: `Resources.Orders`, or the SAM event it was made from. */
  readonly templatePath: TemplatePath;
  /**
   * Where a property was written when that is not `<templatePath>.Properties.<property>`, by
   * property path (`Runtime`, `Environment.Variables.TABLE`, `Targets[0].Input`): what SAM
   * merged from `Globals` or moved from a function's event.
   */
  readonly sources?: Readonly<Record<string, TemplatePath>>;
  /** For `AWS::Lambda::Function`: where its code is. */
  readonly code?: FunctionCode;
}

export interface ParsedTemplate {
  /** Absolute path of the template file. */
  readonly file: string;
  /** The file as messages name it: relative to the working directory when inside it. */
  readonly displayName: string;
  readonly format: 'json' | 'yaml';
  /** Who wrote it, as far as its shape tells: SAM (its transform), CDK (its metadata), the Serverless Framework (its `.serverless` folder), or CloudFormation. */
  readonly origin: 'cloudformation' | 'sam' | 'cdk' | 'serverless';
  readonly parameters: Readonly<Record<string, ParameterValue>>;
  readonly conditions: TemplateObject;
  readonly mappings: TemplateObject;
  /** In the template's order; SAM's generated resources follow the function they come from. */
  readonly resources: readonly TemplateResource[];
  /** What the reader already knows local mode will not run (a SAM function's non-EventBridge events). */
  readonly skipped: readonly SkippedResource[];
  /** The whole template as read (SAM not expanded), for a caller that needs another section. */
  readonly document: TemplateObject;
}

export type { TemplateValue };
