/** Plan states built through the real reducer, so the panel sees what a generation run produces. */
import { applyPlanEvent, initialPlanState, type PlanState } from '../../../src/core/generation/plan-state';
import type { PlanEvent } from '../../../src/core/generation/plan-events';

export function planState(events: PlanEvent[]): PlanState {
  return events.reduce(applyPlanEvent, initialPlanState);
}

/** Four sections: the first written, the second streaming, the third buffered, the fourth pending. */
export function midRun(): PlanState {
  return planState([
    {
      type: 'run-start',
      units: [
        { key: 'frontmatter', label: 'Frontmatter', kind: 'core' },
        { key: '1', label: 'Section 1 Overview', kind: 'model' },
        { key: '2.1', label: 'Section 2.1 Inspection store', kind: 'model' },
        { key: '3', label: 'Section 3 API Contracts', kind: 'model' },
      ],
    },
    { type: 'unit-start', key: 'frontmatter' },
    { type: 'unit-done', key: 'frontmatter', outcome: 'complete' },
    { type: 'unit-start', key: '1' },
    { type: 'unit-delta', key: '1', text: 'The API ' },
    { type: 'usage', key: '1', input: 40000, cacheWrite: 2000, cacheRead: 6000, output: 210, costUsd: 0.4123 },
    { type: 'unit-start', key: '2.1' },
  ]);
}
