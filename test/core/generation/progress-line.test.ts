import { compactCount, statusText } from '../../../src/core/generation/progress-line';
import { applyPlanEvent, initialPlanState } from '../../../src/core/generation/plan-state';
import type { PlanEvent } from '../../../src/core/generation/plan-events';

describe('compactCount', () => {
  it.each<[number, string]>([
    [0, '0'],
    [999.4, '999'],
    [999, '999'],
    [1000, '1.0k'],
    [8123, '8.1k'],
    [999_949, '999.9k'],
    [1_000_000, '1.0M'],
    [2_400_000, '2.4M'],
  ])('%p → %p', (n, text) => {
    expect(compactCount(n)).toBe(text);
  });
});

describe('statusText', () => {
  const events: PlanEvent[] = [
    {
      type: 'run-start',
      units: [
        { key: 'fm', label: 'Planner text', kind: 'core' },
        { key: 'm1', label: 'Section 2.1 A', kind: 'model' },
        { key: 'm2', label: 'Section 2.2 B', kind: 'model' },
      ],
    },
    { type: 'unit-start', key: 'm1' },
    { type: 'usage', key: 'm1', input: 100, cacheWrite: 7000, cacheRead: 1000, output: 2023, costUsd: 0.137 },
  ];

  it('says the run is preparing before it starts', () => {
    expect(statusText('W2', null)).toBe('W2 · preparing');
    expect(statusText('W2', initialPlanState)).toBe('W2 · preparing');
  });

  // 100 + 7000 + 1000 + 2023: every kind of token counts, output included (8.1k without it).
  it('names the section being written, the tokens and the cost so far', () => {
    const s = events.reduce(applyPlanEvent, initialPlanState);
    expect(statusText('W2', s)).toBe('W2 · section 1/2 · 10.1k tok · $0.14');
  });

  it('never counts past the last section once every unit is written', () => {
    const done: PlanEvent[] = [
      ...events,
      { type: 'unit-start', key: 'fm' },
      { type: 'unit-done', key: 'fm', outcome: 'complete' },
      { type: 'unit-done', key: 'm1', outcome: 'complete' },
      { type: 'unit-start', key: 'm2' },
      { type: 'unit-done', key: 'm2', outcome: 'complete' },
    ];
    expect(statusText('W2', done.reduce(applyPlanEvent, initialPlanState))).toBe('W2 · section 2/2 · 10.1k tok · $0.14');
  });
});
