import { buildContext, fillTemplate, splitTemplate, stripPlannerKeys, estimateTokens } from '../../../../src/core/providers/anthropic/context';
import { ScopeBuilder } from '../../../support/builders/ScopeBuilder';
import { context, planningSet, TEMPLATE, UPSTREAM, VAULT_NOTES } from './fixtures';

describe('stripPlannerKeys', () => {
  it('removes workstream_plans and planner with their continuation lines, keeping other keys and the body', () => {
    const text = '---\ntitle: Meso\nworkstream_plans:\n  - "[[W1]]"\n- "[[W2]]"\nplanner:\n  a: 1\n  b:\n    - x\nversion: 1.2\n---\n# Body\nplanner: stays in the body\n';
    expect(stripPlannerKeys(text)).toBe('---\ntitle: Meso\nversion: 1.2\n---\n# Body\nplanner: stays in the body\n');
  });

  it('drops a frontmatter left empty, so linking back to a note without frontmatter changes nothing', () => {
    const before = '# Meso\n\nText ![[diagram.png]]\n';
    const after = '---\nworkstream_plans:\n  - "[[Planning/W2-micro-level-plan]]"\n---\n' + before;
    expect(stripPlannerKeys(after)).toBe(before);
  });

  it('leaves a note without planner keys byte for byte, CRLF included', () => {
    const text = '---\r\ntags: [a]\r\n---\r\nBody\r\n';
    expect(stripPlannerKeys(text)).toBe(text);
    expect(stripPlannerKeys('No frontmatter: planner: x')).toBe('No frontmatter: planner: x');
  });

  it('does not strip keys that merely start with the same letters', () => {
    const text = '---\nplanners: 2\nworkstream_plans_old: x\n---\n';
    expect(stripPlannerKeys(text)).toBe(text);
  });
});

describe('buildContext', () => {
  it('sends exactly the planning set in role order, then the upstream plans of direct upstream workstreams', () => {
    const ctx = context();
    expect(ctx.sent.map((n) => `${n.role} ${n.path}`)).toEqual([
      'prd research/project-planning/PRD.md',
      'macro research/project-planning/macro-level-plan.md',
      'meso research/project-planning/meso-level-plan.md',
      'micro research/project-planning/micro-level-plan.md',
      'codeStandards 04-Agent-Reference-Files/Code-Standards.md',
      'upstream-plan Planning/W1-micro-level-plan.md',
    ]);
    const all = ctx.instructions + ctx.notesBlock + ctx.assignment;
    expect(all).not.toContain('SECRET-DIARY-CONTENT');
    expect(all).not.toContain('DOWNSTREAM-PLAN-CONTENT'); // W3 is downstream of W2
    expect(ctx.assignment).toContain('UPSTREAM-W1-CONTENT');
    expect(ctx.notesBlock).toContain('![[diagram.png]]');
    expect(ctx.notesBlock).not.toContain('workstream_plans');
    expect(ctx.notesBlock).toContain('version: 1.2');
  });

  it('sends no upstream plan when the setting is off', () => {
    const ctx = context({ includeUpstreamPlans: false });
    expect(ctx.sent.some((n) => n.role === 'upstream-plan')).toBe(false);
    expect(ctx.assignment).not.toContain('UPSTREAM-W1-CONTENT');
  });

  it('keeps the cached prefix identical across workstreams and after a plan is linked back', () => {
    const w2 = context();
    const w4 = context({ builder: new ScopeBuilder().withTasks([{ id: 'W2.9', title: 'Other' }]).withUpstream([]) });
    const linked = planningSet({
      'research/project-planning/meso-level-plan.md': VAULT_NOTES['research/project-planning/meso-level-plan.md']!.replace(
        'planner:\n  last: W2\n',
        '  - "[[Planning/W3-micro-level-plan]]"\nplanner:\n  last: W3\n  runs: 2\n',
      ),
    });
    const relinked = context({ set: linked });
    expect(w4.instructions).toBe(w2.instructions);
    expect(w4.notesBlock).toBe(w2.notesBlock);
    expect(relinked.notesBlock).toBe(w2.notesBlock);
    expect(w4.assignment).not.toBe(w2.assignment);
  });

  it('puts nothing that varies per workstream before the assignment marker of the built-in template', () => {
    const { instructions, assignment } = splitTemplate(TEMPLATE);
    expect(instructions).not.toMatch(/\{\{|W\d|\d{4}-\d{2}-\d{2}/);
    expect(assignment).toContain('{{workstream_id}}');
    expect(context().instructions).toBe(instructions);
    expect(context().assignment).toContain('Plan workstream **W2: Billing**.');
    expect(context().assignment).toContain('- W2.1: Invoice service data model (estimate 3d)');
  });

  it('uses an override template without a marker as instructions, with the default assignment', () => {
    const r = buildContext({ set: planningSet(), scope: new ScopeBuilder().build(), template: 'Be brief.', upstreamPlans: [], includeUpstreamPlans: true, budgetTokens: 150_000 });
    expect(r.ok && r.value.instructions).toBe('Be brief.');
    expect(r.ok && r.value.assignment.startsWith('Plan workstream **W2: Billing**.')).toBe(true);
    expect(fillTemplate('{{a}} {{ b }} {{unknown}}', { a: '1', b: '2' })).toBe('1 2 {{unknown}}');
  });

  it('refuses a context over budget before sending, naming the largest notes', () => {
    const big = 'x'.repeat(40_000);
    const set = planningSet({ 'research/project-planning/PRD.md': big });
    const r = buildContext({ set, scope: new ScopeBuilder().build(), template: TEMPLATE, upstreamPlans: UPSTREAM, includeUpstreamPlans: true, budgetTokens: 10_000 });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.kind).toBe('context-too-large');
    expect(r.error.largest[0]!.path).toBe('research/project-planning/PRD.md');
    expect(r.error.largest).toHaveLength(3);
    expect(r.error.message).toContain('research/project-planning/PRD.md');
    expect(r.error.tokens).toBeGreaterThan(10_000);
  });

  it('estimates tokens as ceil(chars / 4)', () => {
    expect([estimateTokens(''), estimateTokens('abc'), estimateTokens('abcd'), estimateTokens('abcde')]).toEqual([0, 1, 1, 2]);
  });
});
