/**
 * The public, offline face of `targetInput`: what a rule's target receives for an event, from a
 * fixture or an envelope, with no AWS. The same function local flows deliver with.
 */
import { JestEventBridgeError } from '../../foundation/errors';
import type { EventBridgeEvent } from '../events/envelope';
import { offlineRuleArn } from '../events/offlineDefaults';
import { receivedEvent } from '../events/offlineEnvelope';
import type { PutEntry } from '../events/putEntries';
import { targetInput } from './targetInput';
import type { TargetInputSpec } from './targetSpecs';

/** The rule name `<aws.events.rule-name>` reads when none is given. */
export const OFFLINE_RULE_NAME = 'offline-rule';

/** What the predefined `<aws.events.*>` placeholders read; every field has an offline default. */
export interface TransformInputContext {
  /** `<aws.events.rule-name>`. @default 'offline-rule' */
  readonly ruleName?: string;
  /**
   * `<aws.events.rule-arn>`. @default `arn:<partition>:events:<region>:123456789012:rule/<ruleName>`,
   * the region being AWS_REGION, else us-east-1, and the partition that region's (`aws-cn` for cn-north-1). A `TemplateRule`'s own: `{ ruleName: rule.name, ruleArn: rule.arn }`.
   */
  readonly ruleArn?: string;
  /** `<aws.events.event.ingestion-time>`, ISO 8601. @default the event's `time` */
  readonly ingestionTime?: string;
}

/**
 * The exact text a target with these input settings receives for `event`, as EventBridge
 * (and local flows, which call the same function) produce it:
 * - no setting: the whole event as JSON;
 * - `input`: that text, as it is;
 * - `inputPath`: the JSON of the value the path selects (`null` when it selects nothing);
 * - `inputTransformer`: the template with each `<name>` filled from InputPathsMap or the
 *   predefined `<aws.events.*>` placeholders (read from `context`).
 *
 * `event` is an envelope, or an entry as `put()` takes it (a fixture), turned into the envelope
 * EventBridge would deliver: version "0", id 00000000-0000-0000-0000-000000000000, account
 * 123456789012, region AWS_REGION else us-east-1, the entry's time (else now) in whole seconds,
 * resources [] unless given, detail parsed with integers beyond 2^53 kept exactly. `target` is a
 * `TemplateRule`'s target (`rules.rule('X').targets[0]`) or any `{ input | inputPath | inputTransformer }`.
 *
 * ```ts
 * const [target] = rules.rule('NotifyCustomer').targets;
 * expect(JSON.parse(transformInput(fixture, target))).toEqual({ order: 'fixture-1' });
 * ```
 *
 * @returns the text the target receives (JSON unless a template makes plain text)
 * @throws JestEventBridgeError for an event that is neither an envelope nor a valid put entry
 * @throws InvalidTargetInputError for input settings EventBridge would refuse (PutTargets' checks)
 */
export function transformInput(
  event: EventBridgeEvent<object> | PutEntry,
  target: TargetInputSpec,
  context: TransformInputContext = {},
): string {
  const received = receivedEvent(event);
  if (!received.ok) throw new JestEventBridgeError(`transformInput(): the event ${received.problem}.`.replace(/\.\.$/, '.'));
  const ruleName = context.ruleName ?? OFFLINE_RULE_NAME;
  const ruleArn = context.ruleArn ?? offlineRuleArn(ruleName);
  return targetInput(received.event, target, {
    ruleName,
    ruleArn,
    ...(context.ingestionTime === undefined ? {} : { ingestionTime: context.ingestionTime }),
  });
}
