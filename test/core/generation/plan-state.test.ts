import type { PlanEvent } from '../../../src/core/generation/plan-events';
import { applyPlanEvent, initialPlanState, type PlanState } from '../../../src/core/generation/plan-state';

const START: PlanEvent = {
  type: 'run-start',
  units: [
    { key: 'fm', label: 'Frontmatter', kind: 'core' },
    { key: 'm1', label: 'Section 2.1 A', kind: 'model' },
    { key: 'm2', label: 'Section 2.2 B', kind: 'model' },
  ],
};

const fold = (events: PlanEvent[], from: PlanState = initialPlanState): PlanState => events.reduce(applyPlanEvent, from);
const status = (s: PlanState): string[] => s.units.map((u) => u.status);

describe('applyPlanEvent', () => {
  it('tracks streaming, buffered and written units in document order', () => {
    let s = fold([START, { type: 'unit-start', key: 'fm' }, { type: 'unit-delta', key: 'fm', text: '---\n' }, { type: 'unit-done', key: 'fm', outcome: 'complete' }]);
    expect(status(s)).toEqual(['written', 'pending', 'pending']);
    // The first model unit is section 1 of 2: the planner's own text is not counted.
    expect(s.section).toEqual({ index: 1, total: 2, key: 'm1', label: 'Section 2.1 A' });
    s = fold([{ type: 'unit-start', key: 'm1' }, { type: 'unit-start', key: 'm2' }, { type: 'unit-delta', key: 'm2', text: 'abc' }], s);
    expect(status(s)).toEqual(['written', 'streaming', 'buffered']);
    s = fold([{ type: 'unit-done', key: 'm2', outcome: 'truncated' }], s);
    expect(status(s)).toEqual(['written', 'streaming', 'buffered']);
    s = fold([{ type: 'unit-done', key: 'm1', outcome: 'complete' }], s);
    expect(status(s)).toEqual(['written', 'written', 'written']);
    expect(s.section.index).toBe(3);
    expect(s.units[2]).toMatchObject({ chars: 3, outcome: 'truncated' });
    s = applyPlanEvent(s, { type: 'done', status: 'complete' });
    expect(s).toMatchObject({ phase: 'done', status: 'complete', stoppedAt: null });
  });

  it('adds up usage, cost, retries and writes', () => {
    const s = fold([
      START,
      { type: 'unit-start', key: 'm1' },
      { type: 'unit-retry', key: 'm1', attempt: 1, reason: 'overloaded' },
      { type: 'usage', key: 'm1', input: 10, cacheWrite: 100, cacheRead: 0, output: 5, costUsd: 0.5 },
      { type: 'usage', key: 'm1', input: 1, cacheWrite: 0, cacheRead: 100, output: 7, costUsd: 0.25 },
      { type: 'written', bytes: 40 },
      { type: 'written', bytes: 2 },
    ]);
    expect(s.totals).toEqual({ input: 11, cacheWrite: 100, cacheRead: 100, output: 12, costUsd: 0.75 });
    expect(s.units[1]!.retries).toBe(1);
    expect(s).toMatchObject({ bytesWritten: 42, writeCount: 2 });
  });

  it('marks skipped and failed units and records where an interrupted run stopped', () => {
    const s = fold([
      START,
      { type: 'unit-skipped', key: 'fm' },
      { type: 'unit-start', key: 'm1' },
      { type: 'unit-failed', key: 'm1', error: { kind: 'rate-limited', message: 'slow down' } },
      { type: 'done', status: 'interrupted', stoppedAt: 'm1' },
    ]);
    expect(status(s)).toEqual(['skipped', 'failed', 'pending']);
    expect(s.units[1]!.error).toEqual({ kind: 'rate-limited', message: 'slow down' });
    expect(s).toMatchObject({ status: 'interrupted', stoppedAt: 'm1' });
  });

  it('does not change the state it is given', () => {
    const s = fold([START]);
    const before = JSON.stringify(s);
    applyPlanEvent(s, { type: 'unit-start', key: 'm1' });
    expect(JSON.stringify(s)).toBe(before);
  });

  it.each<[string, PlanEvent[]]>([
    ['an event before run-start', [{ type: 'unit-start', key: 'm1' }]],
    ['run-start twice', [START, START]],
    ['a delta before its unit started', [START, { type: 'unit-delta', key: 'm1', text: 'x' }]],
    ['a unit started twice', [START, { type: 'unit-start', key: 'm1' }, { type: 'unit-start', key: 'm1' }]],
    ['an unknown unit', [START, { type: 'unit-start', key: 'zz' }]],
    ['a delta after unit-done', [START, { type: 'unit-start', key: 'm1' }, { type: 'unit-done', key: 'm1', outcome: 'complete' }, { type: 'unit-delta', key: 'm1', text: 'x' }]],
    ['done twice for a unit', [START, { type: 'unit-start', key: 'm1' }, { type: 'unit-done', key: 'm1', outcome: 'complete' }, { type: 'unit-done', key: 'm1', outcome: 'complete' }]],
    ['a delta after unit-failed', [START, { type: 'unit-start', key: 'm1' }, { type: 'unit-failed', key: 'm1', error: { kind: 'x', message: 'y' } }, { type: 'unit-delta', key: 'm1', text: 'x' }]],
    ['a retry that does not count up', [START, { type: 'unit-start', key: 'm1' }, { type: 'unit-retry', key: 'm1', attempt: 1, reason: 'a' }, { type: 'unit-retry', key: 'm1', attempt: 1, reason: 'b' }]],
    ['usage before start', [START, { type: 'usage', key: 'm1', input: 1, cacheWrite: 0, cacheRead: 0, output: 1, costUsd: 0 }]],
    ['a skipped unit that had started', [START, { type: 'unit-start', key: 'm1' }, { type: 'unit-skipped', key: 'm1' }]],
    ['done complete with units unfinished', [START, { type: 'done', status: 'complete' }]],
    ['done stopping at an unknown unit', [START, { type: 'done', status: 'interrupted', stoppedAt: 'zz' }]],
    ['anything after done', [START, { type: 'done', status: 'interrupted' }, { type: 'written', bytes: 1 }]],
    ['duplicate keys in run-start', [{ type: 'run-start', units: [{ key: 'a', label: 'a', kind: 'core' }, { key: 'a', label: 'a', kind: 'core' }] }]],
  ])('throws on %s', (_name, events) => {
    expect(() => fold(events)).toThrow();
  });
});
