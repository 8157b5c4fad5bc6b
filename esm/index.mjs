// The ESM entry: the CommonJS build's exports, by name, so `import { eventBridge } from
// 'jest-eventbridge'` works in native ESM specs. A test checks this list against the build.
import cjs from '../dist/index.js';

export const {
  eventBridge,
  eventPattern,
  matchesPattern,
  compilePattern,
  validatePattern,
  InvalidEventPatternError,
  matchers,
  toEmitEvent,
  toEmitEventTimes,
  toEmitEvents,
  toMatchEventPattern,
  validateOptions,
  CaptureSession,
  createEventBridgeHandle,
  sweep,
  formatSweepReport,
  startEmulator,
  EmulatorError,
  rulesFromTemplate,
  transformInput,
  InvalidTargetInputError,
  startLocalFlows,
  LocalFlowsError,
  ConfigurationError,
  CaptureSetupError,
  CaptureTeardownError,
  PutEventsError,
  JestEventBridgeError,
} = cjs;
