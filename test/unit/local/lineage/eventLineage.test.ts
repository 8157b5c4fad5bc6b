import { EventLineage } from '../../../../src/local/lineage/eventLineage';

const put = (
  lineage: EventLineage,
  eventId: string,
  parentEventId: string | undefined,
  functionLogicalId = 'Fn',
  detailType = 'Done',
): void => {
  lineage.record(eventId, { parentEventId, functionLogicalId, detailType });
};

describe('EventLineage', () => {
  it('counts hops from the event a chain started with', () => {
    const lineage = new EventLineage();
    put(lineage, 'e1', 'root', 'Ping', 'PingSent');
    put(lineage, 'e2', 'e1', 'Pong', 'PongSent');
    put(lineage, 'e3', 'e2', 'Ping', 'PingSent');
    expect(['root', 'e1', 'e2', 'e3', 'unknown'].map((id) => lineage.depthOf(id))).toEqual([0, 1, 2, 3, 0]);
    expect(['root', 'e1', 'e3', 'unknown'].map((id) => lineage.rootOf(id))).toEqual(['root', 'root', 'root', 'unknown']);
    expect(lineage.chainOf('e3')).toEqual([
      { eventId: 'e1', parentEventId: 'root', rootEventId: 'root', functionLogicalId: 'Ping', detailType: 'PingSent', depth: 1 },
      { eventId: 'e2', parentEventId: 'e1', rootEventId: 'root', functionLogicalId: 'Pong', detailType: 'PongSent', depth: 2 },
      { eventId: 'e3', parentEventId: 'e2', rootEventId: 'root', functionLogicalId: 'Ping', detailType: 'PingSent', depth: 3 },
    ]);
    expect(lineage.chainOf('root')).toEqual([]);
  });

  it('starts a chain at an event put outside any invocation (module init, a timer left running)', () => {
    const lineage = new EventLineage();
    put(lineage, 'e1', undefined);
    put(lineage, 'e2', 'e1');
    expect([lineage.depthOf('e1'), lineage.rootOf('e1'), lineage.depthOf('e2'), lineage.rootOf('e2')]).toEqual([0, 'e1', 1, 'e1']);
  });

  it('keeps the first entry of an id it knows', () => {
    const lineage = new EventLineage();
    put(lineage, 'e1', 'root', 'A');
    put(lineage, 'e1', 'other', 'B');
    expect(lineage.get('e1')).toMatchObject({ parentEventId: 'root', functionLogicalId: 'A' });
  });

  it('forgets the oldest entries past its capacity; their descendants keep their depth', () => {
    const lineage = new EventLineage(3);
    for (let index = 1; index <= 5; index++) put(lineage, `e${index}`, index === 1 ? 'root' : `e${index - 1}`);
    expect(lineage.size).toBe(3);
    expect(lineage.get('e2')).toBeUndefined();
    expect(lineage.depthOf('e5')).toBe(5);
    expect(lineage.rootOf('e5')).toBe('root');
    expect(lineage.chainOf('e5').map((entry) => entry.eventId)).toEqual(['e3', 'e4', 'e5']);
  });

  it('refuses a capacity that is not a whole number of at least 1', () => {
    expect(() => new EventLineage(0)).toThrow("jest-eventbridge: the lineage's capacity (0) must be a whole number of at least 1.");
    expect(() => new EventLineage(1.5)).toThrow(RangeError);
  });

  describe('tickets of PutEvents in flight', () => {
    it('records the entries of a ticket when it is done, with its function and parent', async () => {
      const lineage = new EventLineage();
      const ticket = lineage.expect('Ping', 'root');
      expect(lineage.pending).toBe(1);
      let settled = false;
      const settling = lineage.settled().then(() => (settled = true));
      await Promise.resolve();
      expect(settled).toBe(false);
      ticket.done([
        { eventId: 'a', detailType: 'First' },
        { eventId: 'b', detailType: undefined },
      ]);
      await settling;
      expect(lineage.pending).toBe(0);
      expect([lineage.get('a'), lineage.get('b')]).toEqual([
        { eventId: 'a', parentEventId: 'root', rootEventId: 'root', functionLogicalId: 'Ping', detailType: 'First', depth: 1 },
        { eventId: 'b', parentEventId: 'root', rootEventId: 'root', functionLogicalId: 'Ping', detailType: undefined, depth: 1 },
      ]);
    });

    it('closes a cancelled ticket without entries, and ignores a second close', async () => {
      const lineage = new EventLineage();
      const ticket = lineage.expect('Ping', 'root');
      ticket.cancel();
      ticket.done([{ eventId: 'late', detailType: 'X' }]);
      await lineage.settled();
      expect([lineage.pending, lineage.size]).toEqual([0, 0]);
    });

    it('waits no longer than its timeout for a ticket that never closes', async () => {
      const lineage = new EventLineage();
      lineage.expect('Ping', 'root');
      await expect(lineage.settled(10)).resolves.toBeUndefined();
      expect(lineage.pending).toBe(1);
    });
  });
});
