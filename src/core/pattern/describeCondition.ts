import { renderValue } from './jsonValues';
import type { Condition } from './types';

function ignoringCase(text: string, ignoreCase: boolean): string {
  return ignoreCase ? `${text} (ignoring case)` : text;
}

/** What one condition asks of a value, phrased to follow "is" / "is not". */
export function describeCondition(condition: Condition): string {
  switch (condition.kind) {
    case 'equals':
      return renderValue(condition.value);
    case 'prefix':
      return ignoringCase(`a string starting with ${renderValue(condition.value)}`, condition.ignoreCase);
    case 'suffix':
      return ignoringCase(`a string ending with ${renderValue(condition.value)}`, condition.ignoreCase);
    case 'equalsIgnoreCase':
      return ignoringCase(renderValue(condition.value), true);
    case 'wildcard':
      return `a string matching wildcard ${renderValue(condition.value)}`;
    case 'numeric': {
      const terms = condition.operand;
      const parts: string[] = [];
      for (let i = 0; i + 1 < terms.length; i += 2) parts.push(`${String(terms[i])} ${String(terms[i + 1])}`);
      return parts.join(' and ');
    }
    case 'cidr':
      return `an IP address in ${condition.value}`;
    case 'exists':
      return condition.value ? 'present' : 'absent';
    case 'anythingBut':
      return `anything but ${describeConditions(condition.excluded)}`;
  }
}

/** What a whole value list asks of a value (its entries are alternatives). */
export function describeConditions(conditions: readonly Condition[]): string {
  const [only] = conditions;
  if (conditions.length === 1 && only !== undefined) return describeCondition(only);
  const phrases = conditions.map(describeCondition).join(', ');
  return conditions.every((condition) => condition.kind === 'equals') ? `one of ${phrases}` : `any of: ${phrases}`;
}
