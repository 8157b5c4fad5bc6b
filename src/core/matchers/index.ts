import { toEmitEvent } from './toEmitEvent';
import { toEmitEventTimes } from './toEmitEventTimes';
import { toEmitEvents } from './toEmitEvents';

/** Every matcher, by name: `expect.extend(matchers)`. A test checks each file is listed here. */
export const matchers = { toEmitEvent, toEmitEventTimes, toEmitEvents };

export { toEmitEvent, toEmitEventTimes, toEmitEvents };
export type { WaitingMatcherOptions } from './matcherSupport';
export type { EmitEventsOptions } from './toEmitEvents';
