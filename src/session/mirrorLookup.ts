/**
 * Where a mirrored rule is read: on the bus, or, with local flows on, in the template (local
 * flows route the template's rules themselves and do not create them on the emulator's bus).
 */
import { isAbsolute, resolve } from 'node:path';
import type { AwsClients } from '../aws/awsClients';
import { CaptureSetupError } from '../foundation/errors';
import { didYouMean } from '../foundation/didYouMean';
import { messageOf } from '../foundation/realm';
import { rulesFromTemplate } from '../local/template/rulesFromTemplate';
import { mirroredRuleOf, readMirroredRule, type MirroredRule } from '../sources/eventbridge/mirroredRule';
import type { ResolvedOptions } from './options/options';

export interface MirrorLookupInputs {
  readonly options: ResolvedOptions;
  readonly clients: AwsClients;
  /** With local flows: the template they read (absolute), as the global setup hands it on. */
  readonly localTemplatePath?: string;
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
    return readMirroredRule(
      {
        clients: inputs.clients,
        eventBusName: options.eventBusName,
        ...(options.endpoint ? { endpoint: options.endpoint } : {}),
        ...(options.region ? { region: options.region } : {}),
      },
      request,
    );
  }
  // The global setup's path when it handed one on; else the option from the working directory.
  const template =
    inputs.localTemplatePath ?? (isAbsolute(options.local.template) ? options.local.template : resolve(options.local.template));
  let rules;
  try {
    rules = await rulesFromTemplate(template, {
      parameters: options.local.parameters,
      ...(options.region ? { region: options.region } : {}),
    });
  } catch (error) {
    throw new CaptureSetupError(`jest-eventbridge: mirrorRule: ${messageOf(error).replace(/^jest-eventbridge: /, '')}`, { cause: error });
  }
  const file = template.split(/[\\/]/).pop() ?? template;
  const rule = rules.byLogicalId[request.name] ?? rules.all.find((candidate) => candidate.name === request.name);
  if (rule === undefined) {
    // Names and logical ids both: a rule without an explicit Name is best found by its logical id.
    const guess = didYouMean(request.name, [...rules.all.map((candidate) => candidate.name), ...Object.keys(rules.byLogicalId)]);
    const listed = rules.all.map((candidate) => `${candidate.logicalId} (named ${candidate.name})`);
    throw new CaptureSetupError(
      `jest-eventbridge: mirrorRule: the template ${file} has no rule named "${request.name}" or with that logical id${guess ? ` (did you mean "${guess}"?)` : ''}. ` +
        (listed.length === 0 ? 'It has no event rules.' : `Its rules: ${listed.join(', ')}.`) +
        ' A rule without an explicit Name gets a generated one that differs between local flows and the deployed stack: give it a Name, or use its logical id locally.',
    );
  }
  const from = `the template ${file}`;
  if (rule.eventBusName !== options.eventBusName) {
    throw new CaptureSetupError(
      `jest-eventbridge: mirrorRule: rule "${request.name}" (${from}) is on bus "${rule.eventBusName}", not on "${options.eventBusName}", the bus this file captures from: mirror a rule of that bus, or set "eventBusName" to "${rule.eventBusName}".`,
    );
  }
  return mirroredRuleOf(
    {
      name: rule.name,
      arn: rule.arn,
      ...(rule.pattern ? { eventPattern: rule.pattern } : {}),
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
