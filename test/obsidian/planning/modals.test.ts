/** @jest-environment jsdom */
import '../../support/jsdom-globals';
import '../../support/obsidian-dom';
import type { SendPreview } from '../../../src/core/planner/claude/plan-with-claude';
import { describeListing, formatBytes, hasPlan, renderSendPreview } from '../../../src/obsidian/planning/modals';
import { compactCount, statusText } from '../../../src/obsidian/planning/progress';
import { applyPlanEvent, initialPlanState } from '../../../src/core/generation';

const preview: SendPreview = {
  workstreamId: 'W2',
  model: 'claude-sonnet-5-5',
  thinking: 'adaptive thinking, effort high (outline: medium)',
  sent: [
    { role: 'prd', path: 'research/project-planning/PRD.md', tokens: 1234 },
    { role: 'meso', path: 'research/project-planning/meso-level-plan.md', tokens: 8100 },
  ],
  estimate: { calls: 14, inputTokens: 120000, cacheWriteTokens: 9000, cacheReadTokens: 100000, outputTokens: 20000, costUsdTypical: 0.42, costUsdMax: 1.1 } as unknown as SendPreview['estimate'],
};

describe('the send confirmation', () => {
  it('lists exactly the notes sent, each with its size and tokens, and the estimate', () => {
    const el = document.createElement('div');
    renderSendPreview(el, preview, new Map([['research/project-planning/PRD.md', 2048]]), false);
    const rows = [...el.querySelectorAll('tr.wp-send-preview__note')].map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent));
    expect(rows).toEqual([
      ['research/project-planning/PRD.md', '2.0 KB', '~1.2k'],
      ['research/project-planning/meso-level-plan.md', '?', '~8.1k'],
    ]);
    expect(el.querySelector('.wp-send-preview__estimate')?.textContent).toBe(
      'Estimate: 14 calls, about 120.0k input tokens (100.0k read from the cache), about $0.42 (at most $1.10).',
    );
    expect(el.textContent).not.toContain('Obsidian network');
  });

  it('says when text will not stream live', () => {
    const el = document.createElement('div');
    renderSendPreview(el, preview, new Map(), true);
    expect(el.textContent).toContain('"Use Obsidian network" is on: each section appears when it is complete');
  });
});

describe('labels', () => {
  it('describes a workstream by status and dependencies, and knows which have a plan', () => {
    const base = { id: 'W2', label: null, name: 'API', tasks: [], dependsOn: ['W1'], prerequisites: [], estimate: {}, note: null, blockers: [], stale: false, staleBecause: [] };
    expect(describeListing({ ...base, status: 'interrupted' })).toBe('interrupted · depends on W1');
    expect(describeListing({ ...base, dependsOn: [], status: 'not_planned' })).toBe('not planned · no dependencies');
    expect(hasPlan({ ...base, status: 'not_planned' })).toBe(false);
    expect(hasPlan({ ...base, status: 'escalated', note: 'Planning/W2-escalation.md' })).toBe(false);
    expect(hasPlan({ ...base, status: 'draft', note: 'Planning/W2-micro-level-plan.md' })).toBe(true);
    expect(formatBytes(512)).toBe('512 B');
    expect(compactCount(8123)).toBe('8.1k');
    expect(compactCount(2_400_000)).toBe('2.4M');
  });

  it('formats the status bar line from the run\'s progress', () => {
    let s = applyPlanEvent(initialPlanState, {
      type: 'run-start',
      units: [
        { key: 'a', label: 'A', kind: 'core' },
        { key: 'b', label: 'B', kind: 'model' },
      ],
    });
    s = applyPlanEvent(s, { type: 'unit-start', key: 'a' });
    s = applyPlanEvent(s, { type: 'unit-done', key: 'a', outcome: 'complete' });
    s = applyPlanEvent(s, { type: 'unit-start', key: 'b' });
    s = applyPlanEvent(s, { type: 'usage', key: 'b', input: 6000, cacheWrite: 0, cacheRead: 2000, output: 100, costUsd: 0.1449 });
    expect(statusText('W2', s)).toBe('W2 · section 1/1 · 8.1k tok · $0.14');
    expect(statusText('W2', null)).toBe('W2 · preparing');
  });
});
