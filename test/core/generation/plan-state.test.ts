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

  it('keeps the unit objects an event does not change, so a view can skip them', () => {
    const s = fold([START]);
    const next = applyPlanEvent(s, { type: 'unit-start', key: 'm1' });
    expect(next.units[0]).toBe(s.units[0]);
    expect(next.units[2]).toBe(s.units[2]);
    expect(next.units[1]).not.toBe(s.units[1]);
    // A unit whose status is worked out again but comes out the same (fm stays written) is kept as well.
    const written = fold([{ type: 'unit-start', key: 'fm' }, { type: 'unit-done', key: 'fm', outcome: 'complete' }], s);
    expect(written.units[0]!.status).toBe('written');
    const later = applyPlanEvent(written, { type: 'unit-start', key: 'm2' });
    expect(later.units[0]).toBe(written.units[0]);
  });

  it('starts idle, with no units, no section and nothing counted', () => {
    expect(initialPlanState).toEqual({
      phase: 'idle',
      units: [],
      totals: { input: 0, cacheWrite: 0, cacheRead: 0, output: 0, costUsd: 0 },
      bytesWritten: 0,
      writeCount: 0,
      section: { index: 0, total: 0, key: null, label: null },
      status: null,
      stoppedAt: null,
    });
  });

  it('counts sections among model units: the current one is the first not written, the planner text between them is not counted', () => {
    const start: PlanEvent = {
      type: 'run-start',
      units: [
        { key: 'fm', label: 'Frontmatter', kind: 'core' },
        { key: 'm1', label: 'Section 2.1 A', kind: 'model' },
        { key: 'rule', label: 'Planner text', kind: 'core' },
        { key: 'm2', label: 'Section 3 B', kind: 'model' },
        { key: 'm3', label: 'Section 4 C', kind: 'model' },
      ],
    };
    const written = (key: string): PlanEvent[] => [
      { type: 'unit-start', key },
      { type: 'unit-done', key, outcome: 'complete' },
    ];
    let s = fold([start, ...written('fm'), { type: 'unit-start', key: 'm1' }]);
    expect(s.section).toEqual({ index: 1, total: 3, key: 'm1', label: 'Section 2.1 A' });
    // m1 is written and the core text after it has not started: the next section is m2, the second.
    s = fold([{ type: 'unit-done', key: 'm1', outcome: 'complete' }], s);
    expect(s.section).toEqual({ index: 2, total: 3, key: 'rule', label: 'Planner text' });
    s = fold([...written('rule'), { type: 'unit-start', key: 'm3' }, { type: 'unit-start', key: 'm2' }], s);
    expect(status(s)).toEqual(['written', 'written', 'written', 'streaming', 'buffered']);
    expect(s.section).toEqual({ index: 2, total: 3, key: 'm2', label: 'Section 3 B' });
    s = fold([{ type: 'unit-done', key: 'm2', outcome: 'complete' }], s);
    expect(s.section).toEqual({ index: 3, total: 3, key: 'm3', label: 'Section 4 C' });
    s = fold([{ type: 'unit-done', key: 'm3', outcome: 'complete' }], s);
    expect(s.section).toEqual({ index: 4, total: 3, key: null, label: null });
  });

  it('keeps a failed unit failed, and the section on it', () => {
    const s = fold([START, ...[{ type: 'unit-start', key: 'fm' }, { type: 'unit-done', key: 'fm', outcome: 'complete' }] as PlanEvent[], { type: 'unit-start', key: 'm1' }, { type: 'unit-start', key: 'm2' }, { type: 'unit-failed', key: 'm1', error: { kind: 'overloaded', message: 'busy' } }]);
    expect(status(s)).toEqual(['written', 'failed', 'buffered']);
    expect(s.section).toMatchObject({ index: 1, key: 'm1' });
  });

  const started = (key: string): PlanEvent[] => [START, { type: 'unit-start', key }];
  it.each<[string, PlanEvent[], string]>([
    ['an event before run-start', [{ type: 'unit-start', key: 'm1' }], "plan event 'unit-start' before run-start"],
    ['run-start twice', [START, START], 'run-start twice'],
    ['a delta before its unit started', [START, { type: 'unit-delta', key: 'm1', text: 'x' }], "unit-delta for 'm1' before unit-start"],
    ['a unit started twice', [...started('m1'), { type: 'unit-start', key: 'm1' }], "unit-start twice for 'm1'"],
    ['a skipped unit started', [START, { type: 'unit-skipped', key: 'm1' }, { type: 'unit-start', key: 'm1' }], "unit-start twice for 'm1'"],
    ['an unknown unit', [START, { type: 'unit-start', key: 'zz' }], "unit-start for unknown unit 'zz'"],
    ['a delta after unit-done', [...started('m1'), { type: 'unit-done', key: 'm1', outcome: 'complete' }, { type: 'unit-delta', key: 'm1', text: 'x' }], "unit-delta for 'm1' after unit-done"],
    ['done twice for a unit', [...started('m1'), { type: 'unit-done', key: 'm1', outcome: 'complete' }, { type: 'unit-done', key: 'm1', outcome: 'complete' }], "unit-done for 'm1' after unit-done"],
    ['a delta after unit-failed', [...started('m1'), { type: 'unit-failed', key: 'm1', error: { kind: 'x', message: 'y' } }, { type: 'unit-delta', key: 'm1', text: 'x' }], "unit-delta for 'm1' after unit-failed"],
    ['a retry that does not count up', [...started('m1'), { type: 'unit-retry', key: 'm1', attempt: 1, reason: 'a' }, { type: 'unit-retry', key: 'm1', attempt: 1, reason: 'b' }], "unit-retry for 'm1': attempt 1 after 1"],
    ['usage before start', [START, { type: 'usage', key: 'm1', input: 1, cacheWrite: 0, cacheRead: 0, output: 1, costUsd: 0 }], "usage for 'm1' before unit-start"],
    ['a skipped unit that had started', [...started('m1'), { type: 'unit-skipped', key: 'm1' }], "unit-skipped for 'm1' after it started or was skipped"],
    ['a unit skipped twice', [START, { type: 'unit-skipped', key: 'fm' }, { type: 'unit-skipped', key: 'fm' }], "unit-skipped for 'fm' after it started or was skipped"],
    ['done complete with units unfinished', [START, { type: 'done', status: 'complete' }], 'done complete while units are unfinished'],
    ['done complete with one unit written and the rest unfinished', [...started('fm'), { type: 'unit-done', key: 'fm', outcome: 'complete' }, { type: 'done', status: 'complete' }], 'done complete while units are unfinished'],
    ['done stopping at an unknown unit', [START, { type: 'done', status: 'interrupted', stoppedAt: 'zz' }], "done: unknown unit 'zz'"],
    ['anything after done', [START, { type: 'done', status: 'interrupted' }, { type: 'written', bytes: 1 }], "plan event 'written' after done"],
    ['duplicate keys in run-start', [{ type: 'run-start', units: [{ key: 'a', label: 'a', kind: 'core' }, { key: 'a', label: 'a', kind: 'core' }] }], "run-start: duplicate unit key 'a'"],
    ['an event of a type it does not know', [START, { type: 'unit-paused', key: 'm1' } as unknown as PlanEvent], 'Unexpected value: {"type":"unit-paused","key":"m1"}'],
  ])('throws on %s, saying what is wrong', (_name, events, message) => {
    expect(() => fold(events)).toThrow(new Error(message));
  });
});
