/**
 * The shapes core/targets reads: a rule and its targets as far as routing needs them. They are
 * structural, so that local flows' `LocalRuleSpec` (src/local/stackModel.ts, a layer above) and
 * a later offline rule assertion can both be passed in without this layer importing theirs.
 */

/** What a target receives instead of the whole event (at most one is set, as in AWS). */
export interface TargetInputSpec {
  /** Constant JSON text sent instead of the event. */
  readonly input?: string;
  /** JSONPath of the part of the event to send (`$` is the whole event). */
  readonly inputPath?: string;
  readonly inputTransformer?: {
    /** Name → JSONPath into the event; at most 100. */
    readonly inputPathsMap?: Readonly<Record<string, string>>;
    /** Text with `<name>` placeholders (and the predefined `<aws.events.*>` ones). */
    readonly inputTemplate: string;
  };
}

/** What EventBridge delivers a target's input to, where routing cares: an event bus target gets the event itself. */
export type TargetKind = 'lambda' | 'sqs' | 'sns' | 'event-bus';

export interface RoutableTarget extends TargetInputSpec {
  /** The target's `Id` within its rule. */
  readonly id: string;
  readonly arn: string;
  /** Undefined when the caller cannot deliver there; routed all the same. */
  readonly kind: TargetKind | undefined;
  /** Where the target is declared, for messages (`Resources.OrderPlaced.Properties.Targets[0]`). */
  readonly templatePath?: string;
}

export interface RoutableRule<T extends RoutableTarget = RoutableTarget> {
  readonly name: string;
  readonly arn: string;
  /** The bus's name (an event-bus ARN is read for its name); `default` for the default bus. */
  readonly eventBusName: string;
  /** JSON text of the pattern; absent for a scheduled rule, which no event matches. */
  readonly eventPattern?: string;
  readonly state: 'ENABLED' | 'DISABLED';
  readonly targets: readonly T[];
  /** Where the rule is declared, for messages. */
  readonly templatePath?: string;
}
