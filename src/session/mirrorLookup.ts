/**
 * Where a mirrored rule is read: on the bus, or, with local flows on, among the rules local flows
 * route (served by the run's invocation log server, resolved as they run: they do not create the
 * template's rules on the emulator's bus). Also what the mirrored target receives for an event.
 */
import type { AwsClients } from '../aws/awsClients';
import type { EventBridgeEvent } from '../core/events/envelope';
import { targetInput } from '../core/targets';
import { deliveredValue } from '../core/targets/deliveredValue';
import { busNameOf } from '../core/targets/routeEvent';
import { CaptureSetupError } from '../foundation/errors';
import { messageOf } from '../foundation/realm';
import { mirroredRuleOf, readMirroredRule, type MirroredRule } from '../sources/eventbridge/mirroredRule';
import { LOCAL_FLOWS_LOG_ENV } from './invocationFollower';
import type { LocalRules } from './localRules';
import { findTemplateRule, guessTemplateRule } from '../local/template/ruleLookup';
import type { ResolvedOptions } from './options/options';

export interface MirrorLookupInputs {
  readonly options: ResolvedOptions;
  readonly clients: AwsClients;
  /** With local flows: the rules they route (the session's one memoised source). */
  readonly localRules?: Pick<LocalRules, 'read'>;
  /** Where the run's local flows announce themselves (their log's URL). @default process.env */
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * Why a rule may be missing from the bus although the run has it: the run's local flows are on
 * (their log's URL is set), but this file's options have no `local`, most often because a docblock
 * replaced the config's whole eventBridge object. Local flows route the template's rules without
 * creating them on the bus, so the lookup went to the wrong place.
 */
function localFlowsHint(inputs: MirrorLookupInputs): string {
  const env = inputs.env ?? process.env;
  if (!env[LOCAL_FLOWS_LOG_ENV]) return '';
  return (
    " This run's local flows are running, but this file's options have no `local`, so the rule was looked up on the bus, where local flows create no rules." +
    " A @jest-environment-options docblock replaces the config's whole eventBridge object: repeat `local` (and the other options the file needs) in it, and the rule is read from the template's."
  );
}

/** A mirrored rule, and with a target, what that target receives for an event. */
export interface Mirror {
  readonly rule: MirroredRule;
  readonly delivery?: (event: EventBridgeEvent) => unknown;
}

/**
 * Reads the mirrored rule and prepares what its target (if asked for) receives: the JSON value
 * of the target's input, or its text when that is not JSON.
 * @throws CaptureSetupError as `lookUpMirroredRule`
 */
export async function prepareMirror(inputs: MirrorLookupInputs): Promise<Mirror> {
  const rule = await lookUpMirroredRule(inputs);
  const target = rule.target;
  if (target === undefined) return { rule };
  const context = { ruleArn: rule.arn, ruleName: rule.name };
  return { rule, delivery: (event) => deliveredValue(targetInput(event, target.input, context)) };
}

/**
 * The rule `options.mirrorRule` names, with its pattern and (when asked for) its target's input.
 * @throws CaptureSetupError naming what is missing or refused and the fix (see readMirroredRule, mirroredRuleOf)
 */
export async function lookUpMirroredRule(inputs: MirrorLookupInputs): Promise<MirroredRule> {
  const { options } = inputs;
  const request = options.mirrorRule;
  if (request === undefined) throw new Error('lookUpMirroredRule() without mirrorRule');
  if (options.local === undefined) {
    try {
      return await readMirroredRule(
        {
          clients: inputs.clients,
          eventBusName: options.eventBusName,
          ...(options.endpoint ? { endpoint: options.endpoint } : {}),
          ...(options.region ? { region: options.region } : {}),
        },
        request,
      );
    } catch (error) {
      const hint = localFlowsHint(inputs);
      if (hint === '' || !(error instanceof CaptureSetupError)) throw error;
      throw new CaptureSetupError(`${error.message}${hint}`, { cause: error.cause });
    }
  }
  if (inputs.localRules === undefined) {
    throw new CaptureSetupError(
      "jest-eventbridge: mirrorRule: `local` is set, but this file does not follow the run's local flows, whose rules it mirrors: start them in jest-eventbridge's global setup (the preset does).",
    );
  }
  let answer;
  try {
    answer = await inputs.localRules.read();
  } catch (error) {
    throw new CaptureSetupError(`jest-eventbridge: mirrorRule: ${messageOf(error)}`, { cause: error });
  }
  const rule = findTemplateRule(answer.rules, request.name);
  const from = `the template ${answer.file}`;
  if (rule === undefined) {
    const guess = guessTemplateRule(answer.rules, request.name);
    const listed = answer.rules.map((candidate) => `${candidate.logicalId} (named ${candidate.name})`);
    throw new CaptureSetupError(
      `jest-eventbridge: mirrorRule: ${from} has no rule named "${request.name}" or with that logical id${guess ? ` (did you mean "${guess}"?)` : ''}. ` +
        (listed.length === 0 ? 'It has no event rules.' : `Its rules: ${listed.join(', ')}.`) +
        ' A rule without an explicit Name gets a generated one that differs between local flows and the deployed stack: give it a Name, or use its logical id locally.',
    );
  }
  // A bus may be given by name or by ARN, on either side.
  if (busNameOf(rule.eventBusName) !== busNameOf(options.eventBusName)) {
    const busName = busNameOf(rule.eventBusName);
    throw new CaptureSetupError(
      `jest-eventbridge: mirrorRule: rule "${request.name}" (${from}) is on bus "${busName}", not on "${busNameOf(options.eventBusName)}", the bus this file captures from: mirror a rule of that bus, or set "eventBusName" to "${busName}".`,
    );
  }
  return mirroredRuleOf(
    {
      name: rule.name,
      arn: rule.arn,
      ...(rule.eventPattern !== undefined ? { eventPattern: rule.eventPattern } : {}),
      state: rule.state,
      targets: rule.targets.map((target) => ({
        id: target.id,
        ...(target.input !== undefined ? { input: target.input } : {}),
        ...(target.inputPath !== undefined ? { inputPath: target.inputPath } : {}),
        ...(target.inputTransformer !== undefined ? { inputTransformer: target.inputTransformer } : {}),
      })),
      from,
    },
    request,
  );
}
