import type { MatcherFunction } from 'expect';
import { emitEventCheck } from './checks/emitEventCheck';
import type { EventExpectation } from '../expectations/expectation';
import { emitEventMessage } from './messages/emitEventMessage';
import { captureOf, expectationOf, hintFor, messageContext, optionsOf, waitOn, type WaitingMatcherOptions } from './matcherSupport';

/**
 * `await expect(eventBridge).toEmitEvent(expected, { timeout })`: an event matching `expected`
 * arrives within the timeout. `.not` fails on the first match and passes only after the window.
 */
export const toEmitEvent: MatcherFunction<[expected: EventExpectation, options?: WaitingMatcherOptions]> = async function (
  received,
  expected,
  options,
) {
  const hint = hintFor(this, 'toEmitEvent', 'expected', options === undefined ? '' : ', options');
  const view = captureOf(this, received, hint);
  const expectation = expectationOf(this, expected, hint);
  const { timeoutMs } = optionsOf(this, options, hint, view);
  const waited = await waitOn(view, timeoutMs, emitEventCheck(expectation), { name: 'toEmitEvent', isNot: this.isNot === true });
  return {
    pass: waited.verdict.pass,
    message: () => emitEventMessage(expectation, waited.verdict, messageContext(this, view, hint, waited)),
  };
};
