import { withValueAtPath } from '../../core/events/objectPath';

/** The readiness canary's source and detail-type: reserved for the library, dropped by every capture. */
export const CANARY_SOURCE = 'jest-eventbridge.readiness';
/**
 * Set (true) in the detail of a canary that only wakes a file's last receive on a worker's
 * capture (not a readiness proof): the rule forwards it like any canary of the capture.
 */
export const HAND_OVER_FIELD = 'handOver';
export const CANARY_DETAIL_TYPE = 'Capture Readiness Check';

export interface CaptureRuleInputs {
  readonly accountId: string;
  readonly capturePattern?: Readonly<Record<string, unknown>>;
  readonly correlation?: { readonly segments: readonly string[]; readonly prefix: string };
  readonly canaryId: string;
}

/**
 * The capture rule's pattern: what the user asked to capture (by default every event of this
 * account on the bus), narrowed to this file's correlation ids when scoping is on, OR this
 * file's own readiness canary. Other files' canaries are excluded by source when the user's
 * pattern leaves source open, so parallel files do not copy each other's canaries around.
 */
export function captureRulePattern(inputs: CaptureRuleInputs): Record<string, unknown> {
  let wanted: Record<string, unknown> = inputs.capturePattern ? { ...inputs.capturePattern } : { account: [inputs.accountId] };
  if (inputs.correlation) {
    wanted = withValueAtPath(wanted, inputs.correlation.segments, [{ prefix: inputs.correlation.prefix }]);
  }
  if (!('source' in wanted)) wanted = { ...wanted, source: [{ 'anything-but': CANARY_SOURCE }] };
  const canary = {
    source: [CANARY_SOURCE],
    'detail-type': [CANARY_DETAIL_TYPE],
    detail: { canaryId: [inputs.canaryId] },
  };
  return { $or: [wanted, canary] };
}
