/**
 * What provisioning reads from the template: its sections as parsed JSON (long-form intrinsics,
 * `{ "Ref": ... }`, `{ "Fn::GetAtt": ... }`; YAML's short-form tags already turned into them by
 * the template reader) and the parameter values the user passed.
 */

/** A resource as written under `Resources`. */
export interface RawResource {
  readonly Type: string;
  readonly Properties?: Readonly<Record<string, unknown>>;
  readonly Condition?: string;
  readonly DependsOn?: string | readonly string[];
  /** Any other attribute (`DeletionPolicy`, `Metadata`, ...), passed through. */
  readonly [attribute: string]: unknown;
}

/** A parameter declaration under `Parameters` (`Type`, `Default`, `AllowedValues`, ...). */
export type ParameterDeclaration = Readonly<Record<string, unknown>>;

export interface ProvisionTemplate {
  /** `Resources`, by logical id. */
  readonly resources: Readonly<Record<string, RawResource>>;
  readonly parameters?: Readonly<Record<string, ParameterDeclaration>>;
  readonly mappings?: Readonly<Record<string, unknown>>;
  readonly conditions?: Readonly<Record<string, unknown>>;
}
