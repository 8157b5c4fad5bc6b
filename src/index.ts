/**
 * jest-eventbridge: integration-test event-driven AWS services from Jest, event in, events out.
 * In a spec: `eventBridge.put(...)`, then `await expect(eventBridge).toEmitEvent(...)`.
 */
import './jest/matcherTypes';

export { eventBridge } from './handle/globalHandle';
export type { EventBridge, PutResult, CaptureView, CaptureResourceNames } from './handle/EventBridgeHandle';
export type { EventBridgeEvent } from './events/envelope';
export type { PutEntry } from './events/putEntries';
export type { EventBridgeOptions } from './options/options';
export type { EventExpectation, EventPredicate, LooseDetail } from './expectations/expectation';
export { eventPattern, type EventPatternExpectation } from './expectations/eventPattern';
export { matchesPattern, compilePattern, validatePattern, InvalidEventPatternError, type CompiledPattern, type PatternMismatch } from './pattern';
export { matchers, toEmitEvent, toEmitEventTimes, toEmitEvents, type WaitingMatcherOptions, type EmitEventsOptions } from './matchers';
export type { EventBridgeMatchers } from './jest/matcherTypes';
export { validateOptions } from './options/validateOptions';
export { CaptureSession, type CaptureSessionInputs } from './capture/CaptureSession';
export { sweep, formatSweepReport, type SweepOptions, type SweepReport } from './sweep';
export { startEmulator, type EmulatorOptions, type RunningEmulator } from './emulator/startEmulator';
export { EmulatorError } from './emulator/emulatorErrors';
export { ConfigurationError, CaptureSetupError, CaptureTeardownError, PutEventsError, JestEventBridgeError } from './errors';
