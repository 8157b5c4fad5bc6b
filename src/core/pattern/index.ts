export { InvalidEventPatternError } from './InvalidEventPatternError';
export type { PatternMismatch } from './explainMismatch';
export { compilePattern, matchesPattern, validatePattern, type CompiledPattern } from './compilePattern';
export { MAX_EVENT_PATTERN_LENGTH } from './parsePattern';
