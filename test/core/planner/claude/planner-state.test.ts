import { plannerLine, readPlannerState, setPlannerState, type PlannerState } from '../../../../src/core/planner/claude/planner-state';

const OUTLINE = { modules: [{ name: 'Store', taskIds: ['T1'], mesoHeadings: [], summary: 'Stores.' }], endpoints: [], entities: [], envVars: [], escalation: null };

describe('planner state', () => {
  const state: PlannerState = { version: 1, provider: 'anthropic', model: 'claude-sonnet-5-5', outlineSource: 'model', outline: OUTLINE };

  it('is one line of JSON under `planner:`, replacing the one there and nothing else', () => {
    expect(plannerLine(state)).toBe(`planner: ${JSON.stringify(state)}`);
    const note = '---\nstatus: "draft"\nplanner: {"old": true}\ntags: [a]\n---\n# Plan\n';
    expect(setPlannerState(note, state)).toBe(`---\nstatus: "draft"\nplanner: ${JSON.stringify(state)}\ntags: [a]\n---\n# Plan\n`);
  });

  it('reads back only what is ours', () => {
    expect(readPlannerState({ planner: JSON.parse(JSON.stringify(state)) })).toEqual(state);
    const resumed = { ...state, outlineSource: 'fallback', resumes: [{ model: 'claude-opus-5-5', from: 'Section 3. API Contracts', date: '2026-11-26' }] };
    expect(readPlannerState({ planner: resumed })).toEqual(resumed);
    expect(readPlannerState({ planner: { ...state, resumes: [{ model: 'm' }] } })).toBeNull();
    expect(readPlannerState({ planner: { ...state, provider: 'offline' } })).toBeNull();
    expect(readPlannerState({ planner: 'yes' })).toBeNull();
    expect(readPlannerState({})).toBeNull();
    expect(readPlannerState(null)).toBeNull();
  });
});
