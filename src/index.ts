/**
 * jest-eventbridge: integration-test event-driven AWS services from Jest, event in, events out.
 * In a spec: `eventBridge.put(...)`, then `await expect(eventBridge).toEmitEvent(...)`.
 */
import './runners/jest/matcherTypes';

export { eventBridge } from './handle/globalHandle';
export type { EventBridge, PutResult, CaptureView, CaptureResourceNames } from './handle/EventBridgeHandle';
export type { EventBridgeEvent } from './core/events/envelope';
export type { PutEntry } from './core/events/putEntries';
export type { EventBridgeOptions, LocalOptions } from './session/options/options';
export type { EventExpectation, EventPredicate, LooseDetail } from './core/expectations/expectation';
export { eventPattern, type EventPatternExpectation } from './core/expectations/eventPattern';
export {
  matchesPattern,
  compilePattern,
  validatePattern,
  InvalidEventPatternError,
  type CompiledPattern,
  type PatternMismatch,
} from './core/pattern';
export { matchers, toEmitEvent, toEmitEventTimes, toEmitEvents, toMatchEventPattern } from './runners/jest/jestMatchers';
export type { WaitingMatcherOptions, EmitEventsOptions, EventPatternArgument, RuleWithPattern } from './core/matchers';
export type { EventBridgeMatchers } from './runners/jest/matcherTypes';
export { validateOptions } from './session/options/validateOptions';
export { CaptureSession, type CaptureSessionInputs } from './session/CaptureSession';
export { createEventBridgeHandle } from './handle/createEventBridgeHandle';
export { sweep, formatSweepReport, type SweepOptions, type SweepReport } from './sources/eventbridge/sweep';
export { startEmulator, type EmulatorOptions, type RunningEmulator } from './emulator/startEmulator';
export { EmulatorError } from './emulator/emulatorErrors';
export {
  rulesFromTemplate,
  type RulesFromTemplateOptions,
  type TemplateRule,
  type TemplateRules,
  type TemplateRuleTarget,
} from './local/template';
export { transformInput, InvalidTargetInputError, type TransformInputContext } from './core/targets';
export { startLocalFlows, LocalFlowsError, type StartLocalFlowsOptions, type LocalFlows } from './local/startLocalFlows';
export type {
  InvocationRecord,
  LocalStack,
  LocalFunctionSpec,
  LocalRuleSpec,
  LocalTargetSpec,
  LocalBusSpec,
  SkippedResource,
  TargetInputSpec,
} from './local/stackModel';
// The shape of an event report's report.json (the reporters are `jest-eventbridge/reporter` and `jest-eventbridge/vitest/reporter`).
export type {
  EventReport,
  FileReport,
  TestReport,
  ReportStatus,
  TimelineEntry,
  PutEntry as PutTimelineEntry,
  CapturedEntry,
  MatcherEntry,
  InvocationEntry,
} from './core/report/reportModel';
export type { ReporterOptions } from './core/report/reporterOptions';
export { ConfigurationError, CaptureSetupError, CaptureTeardownError, PutEventsError, JestEventBridgeError } from './foundation/errors';
