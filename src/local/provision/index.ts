export { provisionResources, ProvisionError, type ProvisionOptions, type ProvisionedResources } from './provisionResources';
export { planSubTemplate, type PlanOptions, type SubTemplatePlan, type AttributeOutput } from './subTemplate';
export type { ProvisionTemplate, RawResource, ParameterDeclaration } from './provisionInput';
export { PROVISIONED_TYPES, LOCAL_FLOW_TYPES, NOT_NEEDED_TYPES, SAM_SIMPLE_TABLE } from './resourceTypes';
export { referencesOf, type References } from './templateReferences';
