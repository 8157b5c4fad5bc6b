import type { OutsideEvent } from '../../../../../src/core/matchers/checks/outsideView';
import { outsideViewNote } from '../../../../../src/core/matchers/messages/outsideViewNote';
import type { HiddenReason } from '../../../../../src/core/scopes/testScopes';
import { envelope } from '../checkTestSupport';

let sequence = 0;
/** A matching event that arrived at `arrivedAt` ms and was hidden for `reason`. */
function outside(reason: HiddenReason, arrivedAt = 0): OutsideEvent {
  sequence += 1;
  return { captured: { event: envelope(), sequence, arrivedAt }, reason };
}

describe('outsideViewNote', () => {
  const viewer = 'this test';

  it('has no lines when nothing matching was outside the view', () => {
    expect(outsideViewNote([], viewer)).toEqual([]);
    expect(outsideViewNote([], viewer, 'detail.metadata.correlationId')).toEqual([]);
  });

  describe('before the window opened', () => {
    const began = (windowStartedTime: number, opener = 'this test began'): HiddenReason => ({
      kind: 'before-window',
      windowStartedTime,
      opener,
    });

    it('says how long before, for one event', () => {
      expect(outsideViewNote([outside(began(5000), 1800)], viewer)).toEqual([
        '',
        'Not counted:',
        "  1 matching event arrived 3.2 s before this test began, outside this test's window.",
      ]);
    });

    it('gives the span for many, or one figure when they round alike', () => {
      expect(outsideViewNote([outside(began(5000), 1800), outside(began(5000), 4500)], viewer)).toEqual([
        '',
        'Not counted:',
        "  2 matching events arrived 0.5 s to 3.2 s before this test began, outside this test's window.",
      ]);
      expect(outsideViewNote([outside(began(5000), 4520), outside(began(5000), 4480)], viewer)).toEqual([
        '',
        'Not counted:',
        "  2 matching events arrived 0.5 s before this test began, outside this test's window.",
      ]);
    });

    it('groups by what opened the window', () => {
      expect(
        outsideViewNote(
          [
            outside(began(2000, 'this beforeAll hook began'), 1000),
            outside(began(5000), 4000),
            outside(began(2000, 'this beforeAll hook began'), 0),
          ],
          'this beforeAll hook',
        ),
      ).toEqual([
        '',
        'Not counted:',
        "  2 matching events arrived 1.0 s to 2.0 s before this beforeAll hook began, outside this beforeAll hook's window.",
        "  1 matching event arrived 1.0 s before this test began, outside this beforeAll hook's window.",
      ]);
    });
  });

  describe('hidden by clear()', () => {
    it('says how long before clear() for one and for many', () => {
      const cleared: HiddenReason = { kind: 'cleared', clearedTime: 3000 };
      expect(outsideViewNote([outside(cleared, 2000)], viewer)).toEqual([
        '',
        'Not counted:',
        '  1 matching event arrived 1.0 s before eventBridge.clear() hid it from this test.',
      ]);
      expect(outsideViewNote([outside(cleared, 2000), outside(cleared, 2900), outside(cleared, 0)], viewer)).toEqual([
        '',
        'Not counted:',
        '  3 matching events arrived 0.1 s to 3.0 s before eventBridge.clear() hid them from this test.',
      ]);
    });
  });

  describe('without correlation scoping: a sibling block', () => {
    it('names the block that was running, one line per block', () => {
      const a: HiddenReason = { kind: 'sibling-block', block: 'test "a"' };
      const b: HiddenReason = { kind: 'sibling-block', block: 'describe "b"' };
      expect(outsideViewNote([outside(a), outside(b), outside(a)], viewer)).toEqual([
        '',
        'Not counted:',
        '  2 matching events arrived while test "a" was running; without correlation scoping an event counts for the block running when it arrives, not for this test.',
        '  1 matching event arrived while describe "b" was running; without correlation scoping an event counts for the block running when it arrives, not for this test.',
      ]);
    });
  });

  describe('with correlation scoping', () => {
    it('names the owner of another correlation id, or says it is not of this file', () => {
      const owned: HiddenReason = { kind: 'other-correlation', correlationId: 'jeb-1', owner: 'test "a"' };
      const foreign: HiddenReason = { kind: 'other-correlation', correlationId: 'jeb-9', owner: undefined };
      expect(outsideViewNote([outside(owned), outside(foreign), outside(foreign)], viewer, 'detail.metadata.correlationId')).toEqual([
        '',
        'Not counted:',
        '  1 matching event carries correlation id jeb-1, of test "a": not counted for this test.',
        '  2 matching events carry correlation id jeb-9, not of this file (another file or run): not counted for this test.',
      ]);
    });

    it('says where the correlation id was missing, when it knows', () => {
      const none: HiddenReason = { kind: 'no-correlation' };
      expect(outsideViewNote([outside(none)], viewer, 'detail.metadata.correlationId')).toEqual([
        '',
        'Not counted:',
        '  1 matching event carries no correlation id at detail.metadata.correlationId, so no test counts it (the service must copy the id of the event it handles onto the events it emits).',
      ]);
      expect(outsideViewNote([outside(none), outside(none)], viewer)).toEqual([
        '',
        'Not counted:',
        '  2 matching events carry no correlation id, so no test counts them (the service must copy the id of the event it handles onto the events it emits).',
      ]);
    });
  });

  it('lists each reason once, in the order it first appears', () => {
    const none: HiddenReason = { kind: 'no-correlation' };
    const cleared: HiddenReason = { kind: 'cleared', clearedTime: 1000 };
    expect(outsideViewNote([outside(none), outside(cleared, 500), outside(none)], 'this afterEach hook')).toEqual([
      '',
      'Not counted:',
      '  2 matching events carry no correlation id, so no test counts them (the service must copy the id of the event it handles onto the events it emits).',
      '  1 matching event arrived 0.5 s before eventBridge.clear() hid it from this afterEach hook.',
    ]);
  });
});
