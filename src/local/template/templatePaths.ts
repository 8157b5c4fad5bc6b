import type { TemplatePath } from '../stackModel';

/** `Resources.Rule.Properties.Targets` + 0 → `Resources.Rule.Properties.Targets[0]`; + `Arn` → `….Arn`. */
export function childPath(base: TemplatePath, key: string | number): TemplatePath {
  if (typeof key === 'number') return `${base}[${key}]`;
  return base === '' ? key : `${base}.${key}`;
}

export function joinPath(base: TemplatePath, ...keys: readonly (string | number)[]): TemplatePath {
  return keys.reduce<TemplatePath>(childPath, base);
}
