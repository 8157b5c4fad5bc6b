/**
 * `mirrorRule`: the rule whose pattern the capture copies, and the target whose input settings
 * it applies, read from the bus (DescribeRule, ListTargetsByRule). The pure checks that turn
 * what was read into a MirroredRule (or a setup error naming the fix) are exported on their own,
 * so that a rule read from a template (local flows) goes through the same ones.
 */
import { DescribeRuleCommand, ListTargetsByRuleCommand, type Target } from '@aws-sdk/client-eventbridge';
import type { AwsClients } from '../../aws/awsClients';
import { describeAwsError, errorCode } from '../../aws/awsErrors';
import { didYouMean } from '../../foundation/didYouMean';
import { CaptureSetupError } from '../../foundation/errors';
import { parseExactJson } from '../../foundation/exactJson';
import { isRecord } from '../../foundation/objects';
import { describeTargetInputProblem, targetInputProblems, type TargetInputSpec } from '../../core/targets';
import { listBusRules } from './busRules';

/** The `mirrorRule` option, resolved. */
export interface MirrorRequest {
  readonly name: string;
  readonly target?: string;
}

/** A rule the capture mirrors: its pattern and, when asked for, one target's input settings. */
export interface MirroredRule {
  /** The rule's name (on the bus, or in the template). */
  readonly name: string;
  readonly arn: string;
  /** The rule's event pattern, parsed exactly (integers beyond 2^53 are BigInts). */
  readonly pattern: Readonly<Record<string, unknown>>;
  /** The target whose input the capture applies; absent when only the pattern is mirrored. */
  readonly target?: { readonly id: string; readonly input: TargetInputSpec };
  /** Where the rule was read, for messages: `bus "orders"` or `template.yaml`. */
  readonly from: string;
}

/** A rule as read, before the checks: its pattern text and its targets' ids and input settings. */
export interface RuleReading {
  readonly name: string;
  readonly arn: string;
  /** The pattern: JSON text (DescribeRule) or already parsed (a template). Absent for a scheduled rule. */
  readonly eventPattern?: string | Readonly<Record<string, unknown>>;
  readonly scheduleExpression?: string;
  /** `DISABLED` when the rule routes nothing; anything else counts as enabled. */
  readonly state?: string;
  /** Only read when a target was asked for. */
  readonly targets?: readonly ({ readonly id: string } & TargetInputSpec)[];
  readonly from: string;
}

const PREFIX = 'jest-eventbridge: mirrorRule:';

/**
 * The checks every mirrored rule goes through, wherever it was read: it has an event pattern,
 * the asked-for target exists, and EventBridge would accept that target's input settings.
 * @throws CaptureSetupError naming the rule, the target ids it has, or the input problem, and the fix
 */
export function mirroredRuleOf(reading: RuleReading, request: MirrorRequest): MirroredRule {
  const rule = `rule "${reading.name}" (${reading.from})`;
  if (reading.eventPattern === undefined) {
    throw new CaptureSetupError(
      `${PREFIX} ${rule} is a scheduled rule${reading.scheduleExpression ? ` (${reading.scheduleExpression})` : ''} without an event pattern: no event put on the bus matches it, so there is nothing to mirror. Mirror a rule that has an EventPattern.`,
    );
  }
  if (reading.state === 'DISABLED') {
    throw new CaptureSetupError(
      `${PREFIX} ${rule} is DISABLED: it routes no event, so its targets receive nothing and a mirror would show events they never get. Enable the rule, or mirror another.`,
    );
  }
  const parsed = typeof reading.eventPattern === 'string' ? parseExactJson(reading.eventPattern) : reading.eventPattern;
  if (!isRecord(parsed)) {
    throw new CaptureSetupError(
      `${PREFIX} ${rule} has an event pattern that is not a JSON object: ${typeof reading.eventPattern === 'string' ? reading.eventPattern : 'not an object'}.`,
    );
  }
  const base = { name: reading.name, arn: reading.arn, pattern: parsed, from: reading.from };
  if (request.target === undefined) return base;

  const targets = reading.targets ?? [];
  const found = targets.find((target) => target.id === request.target);
  if (found === undefined) {
    const ids = targets.map((target) => target.id);
    const guess = didYouMean(request.target, ids);
    throw new CaptureSetupError(
      `${PREFIX} ${rule} has no target "${request.target}"${guess ? ` (did you mean "${guess}"?)` : ''}. ` +
        (ids.length === 0
          ? 'It has no targets: leave "target" out to mirror its pattern alone.'
          : `Its targets, by Id: ${ids.join(', ')}. Set mirrorRule.target to one of them.`),
    );
  }
  const { id: _id, ...input } = found;
  const problems = targetInputProblems(input);
  if (problems.length > 0) {
    throw new CaptureSetupError(
      `${PREFIX} target "${found.id}" of ${rule} has input settings EventBridge would refuse, so what it receives cannot be mirrored:\n${problems
        .map((problem) => `  - ${describeTargetInputProblem(problem)}`)
        .join('\n')}`,
    );
  }
  return { ...base, target: { id: found.id, input } };
}

/** A target of ListTargetsByRule in core/targets' terms: only the input settings matter here. */
export function targetInputOf(target: Target): TargetInputSpec {
  const transformer = target.InputTransformer;
  return {
    ...(target.Input !== undefined ? { input: target.Input } : {}),
    ...(target.InputPath !== undefined ? { inputPath: target.InputPath } : {}),
    ...(transformer?.InputTemplate !== undefined
      ? {
          inputTransformer: {
            inputTemplate: transformer.InputTemplate,
            ...(transformer.InputPathsMap ? { inputPathsMap: transformer.InputPathsMap } : {}),
          },
        }
      : {}),
  };
}

export interface BusLookup {
  readonly clients: AwsClients;
  readonly eventBusName: string;
  readonly endpoint?: string;
  readonly region?: string;
}

/**
 * Reads rule `request.name` on the bus (DescribeRule) and, with a target, its targets
 * (ListTargetsByRule, every page), then applies `mirroredRuleOf`'s checks.
 * @throws CaptureSetupError: no such rule (naming the bus's rules with a did-you-mean when
 *   events:ListRules is allowed), a denied or failed call (naming the action), or what
 *   `mirroredRuleOf` refuses. Nothing is created before this returns.
 */
export async function readMirroredRule(lookup: BusLookup, request: MirrorRequest): Promise<MirroredRule> {
  const { clients, eventBusName } = lookup;
  const context = {
    eventBusName,
    ...(lookup.endpoint ? { endpoint: lookup.endpoint } : {}),
    ...(lookup.region ? { region: lookup.region } : {}),
  };
  const fail = (action: string, error: unknown): never => {
    throw new CaptureSetupError(`${PREFIX} ${describeAwsError(error, { ...context, action })}`, { cause: error });
  };
  const from = `bus "${eventBusName}"`;

  let described;
  try {
    described = await clients.eventBridge.send(new DescribeRuleCommand({ Name: request.name, EventBusName: eventBusName }));
  } catch (error) {
    // "Rule x does not exist on EventBus y" is the rule; "Event bus y does not exist" is the bus
    // (whose name may hold "rule": anchored on the message's start).
    if (errorCode(error) !== 'ResourceNotFoundException' || !/^Rule .* does not exist/i.test(messageText(error))) {
      return fail(`Reading rule "${request.name}" (events:DescribeRule)`, error);
    }
    throw new CaptureSetupError(await noSuchRuleMessage(lookup, request.name), { cause: error });
  }

  let targets: RuleReading['targets'];
  if (request.target !== undefined) {
    const read: { id: string }[] = [];
    let nextToken: string | undefined;
    try {
      do {
        const page = await clients.eventBridge.send(
          new ListTargetsByRuleCommand({ Rule: request.name, EventBusName: eventBusName, ...(nextToken ? { NextToken: nextToken } : {}) }),
        );
        for (const target of page.Targets ?? []) read.push({ id: target.Id ?? '', ...targetInputOf(target) });
        nextToken = page.NextToken;
      } while (nextToken);
    } catch (error) {
      return fail(`Listing the targets of rule "${request.name}" (events:ListTargetsByRule)`, error);
    }
    targets = read;
  }

  // The ARN is what <aws.events.rule-arn> gives a target: an empty one would be delivered silently.
  const arn = described.Arn;
  if (arn === undefined || arn === '') {
    throw new CaptureSetupError(
      `${PREFIX} DescribeRule answered for rule "${request.name}" on ${from} without its Arn, which the mirror needs (a target's <aws.events.rule-arn>). Check the endpoint: EventBridge always returns it.`,
    );
  }
  return mirroredRuleOf(
    {
      name: described.Name ?? request.name,
      arn,
      ...(described.EventPattern ? { eventPattern: described.EventPattern } : {}),
      ...(described.ScheduleExpression ? { scheduleExpression: described.ScheduleExpression } : {}),
      ...(described.State ? { state: described.State } : {}),
      ...(targets ? { targets } : {}),
      from,
    },
    request,
  );
}

function messageText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * "No such rule", with the bus's own rules (captures left out) and the likely one when
 * events:ListRules is allowed; without the list when it is not (or fails otherwise).
 */
async function noSuchRuleMessage(lookup: BusLookup, name: string): Promise<string> {
  const head = `${PREFIX} no rule "${name}" on bus "${lookup.eventBusName}".`;
  let names: string[];
  try {
    // The same paged, bounded listing failure messages use; it leaves the captures out.
    names = (await listBusRules(lookup.clients.eventBridge, lookup.eventBusName)).map((rule) => rule.name);
  } catch {
    return `${head} Check the rule's name (a deployed stack's generated names differ from local ones: give the rule an explicit Name) and "eventBusName".`;
  }
  if (names.length === 0) {
    return `${head} The bus has no rules besides captures: check "eventBusName", and that the service's stack is deployed on this bus.`;
  }
  const guess = didYouMean(name, names);
  return `${head}${guess ? ` Did you mean "${guess}"?` : ''} Its rules: ${names.join(', ')}. Set mirrorRule to the name of one of them.`;
}
