import { toEmitEvent } from './toEmitEvent';
import { toEmitEventTimes } from './toEmitEventTimes';
import { toEmitEvents } from './toEmitEvents';

/**
 * Every matcher, once. Registration (src/runners/jest/jestMatchers.ts), the typings
 * (EventBridgeMatchers, matcherTypings.ts) and the lint rule that knows our matchers are async
 * (eslint.config.ts) all derive from this list, and a test checks each `toX.ts` file here is
 * in it. Adding a matcher adds one line here.
 */
export const matcherDefinitions = [toEmitEvent, toEmitEventTimes, toEmitEvents] as const;

/** The matchers' names: `'toEmitEvent' | ...`. */
export type MatcherName = (typeof matcherDefinitions)[number]['name'];
