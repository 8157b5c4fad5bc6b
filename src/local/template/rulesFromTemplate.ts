import { parseExactJson } from '../../foundation/exactJson';
import { OFFLINE_ACCOUNT, offlineRegion } from '../../core/events/offlineDefaults';
import type { LocalRuleSpec, LocalTargetSpec } from '../stackModel';
import { displayNameOf, readTemplate } from './readTemplate';
import { resolveStack } from './resolveStack';
import { TemplateError } from './TemplateError';
import { findTemplateRule, guessTemplateRule, hasGeneratedName } from './ruleLookup';

/** A rule's target as the template declares it, resolved: local flows' own shape. */
export type TemplateRuleTarget = LocalTargetSpec;

/** One rule of a template, resolved offline, as `rulesFromTemplate` returns it. */
export interface TemplateRule extends LocalRuleSpec {
  /**
   * The pattern, parsed: an object for `toMatchEventPattern`, `matchesPattern` or
   * `eventPattern(...)`. Integers beyond 2^53 are BigInts, so nothing of the template is lost.
   * Undefined for a scheduled rule (no event matches it).
   */
  readonly pattern?: Readonly<Record<string, unknown>>;
}

/** The rules of one template, by logical id, with a lookup that says what exists when asked for what does not. */
export interface TemplateRules {
  /** The template file as messages name it. */
  readonly file: string;
  /** Every rule, in template order (SAM's event rules where SAM puts them). */
  readonly all: readonly TemplateRule[];
  /** Every rule by logical id. */
  readonly byLogicalId: Readonly<Record<string, TemplateRule>>;
  /**
   * The rule with this logical id or physical name (a `Name` property, or the name AWS would
   * generate: `<stackName>-<LogicalId>-<suffix>`, so prefer logical ids for generated names).
   * @throws TemplateError naming the template's rules (and the likely one) when none matches
   */
  rule(logicalIdOrName: string): TemplateRule;
}

export interface RulesFromTemplateOptions {
  /** Values of the template's parameters, by name (numbers and booleans are passed as their text). */
  readonly parameters?: Readonly<Record<string, string | number | boolean>>;
  /** The stack name in `AWS::StackName` and generated names. @default the file's name without extension */
  readonly stackName?: string;
  /** @default process.env.AWS_REGION, else 'us-east-1' (an empty AWS_REGION counts as unset); the partition follows it */
  readonly region?: string;
  /** @default '123456789012' */
  readonly accountId?: string;
}

function stackNameOf(file: string): string {
  const base = file.split(/[\\/]/).pop() ?? 'stack';
  // A stack name is letters, digits and hyphens, starting with a letter.
  const name = base.replace(/\.template\.json$|\.(ya?ml|json)$/i, '').replace(/[^A-Za-z0-9-]/g, '-');
  return /^[A-Za-z]/.test(name) ? name : `stack-${name}`;
}

function withPattern(rule: LocalRuleSpec): TemplateRule {
  if (rule.eventPattern === undefined) return rule;
  // resolveStack has checked the pattern already (the same validation as eventPattern()).
  return { ...rule, pattern: parseExactJson(rule.eventPattern) as Record<string, unknown> };
}

/**
 * The event rules of a CloudFormation, SAM or CDK-synthesized template (JSON or YAML), with
 * their patterns, buses and targets (input, input path and input transformer included), read
 * offline with the reader local flows use: no AWS, no emulator. For unit tests of the rules
 * themselves:
 *
 * ```ts
 * const rules = await rulesFromTemplate(path.join(__dirname, '../template.yaml'));
 * expect(fixture).toMatchEventPattern(rules.rule('ConfirmOrderFunctionOrderPlaced'));
 * ```
 *
 * @param template path of the template, relative to the working directory or absolute
 * @throws TemplateError for a template that cannot be read or resolved (naming the place in it and the fix)
 */
export async function rulesFromTemplate(template: string, options: RulesFromTemplateOptions = {}): Promise<TemplateRules> {
  const parameters = Object.fromEntries(Object.entries(options.parameters ?? {}).map(([name, value]) => [name, String(value)]));
  const parsed = await readTemplate(template, { parameters, parametersName: "rulesFromTemplate()'s parameters option" });
  const stack = resolveStack(parsed, {
    stackName: options.stackName ?? stackNameOf(template),
    region: options.region ?? offlineRegion(),
    accountId: options.accountId ?? OFFLINE_ACCOUNT,
  });
  const all = stack.rules.map(withPattern);
  const byLogicalId = Object.fromEntries(all.map((rule) => [rule.logicalId, rule]));
  const file = displayNameOf(stack.templateFile);
  return {
    file,
    all,
    byLogicalId,
    rule(logicalIdOrName) {
      const found = findTemplateRule(all, logicalIdOrName);
      if (found !== undefined) return found;
      const known = all.map((rule) => rule.logicalId);
      const guess = guessTemplateRule(all, logicalIdOrName);
      // An explicit Name is shown; a generated one says nothing the logical id does not.
      const listed = all.map((rule) => (hasGeneratedName(rule) ? rule.logicalId : `${rule.logicalId} (named ${rule.name})`));
      throw new TemplateError(
        file,
        `no rule "${logicalIdOrName}"${guess ? ` (did you mean "${guess}"?)` : ''}. ` +
          (known.length === 0 ? 'The template has no event rules.' : `Its rules, by logical id: ${listed.join(', ')}.`),
      );
    },
  };
}
