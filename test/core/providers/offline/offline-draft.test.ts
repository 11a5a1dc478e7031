import { checkPlan } from '../../../../src/core/checker/check-plan';
import { renderOfflineDraft, formatTotals } from '../../../../src/core/providers/offline/offline-draft';
import { splitFrontmatter } from '../../../../src/core/markdown/frontmatter-block';
import { parse as parseYaml } from 'yaml';
import { verifyApproved } from '../../../support/approval';
import { fakeResolver, PLAN_PATH } from '../../../support/builders/PlanNoteBuilder';
import { ScopeBuilder } from '../../../support/builders/ScopeBuilder';

async function check(scope: ScopeBuilder) {
  const text = renderOfflineDraft(scope.buildInput());
  const report = await checkPlan({
    path: PLAN_PATH,
    text,
    frontmatter: parseYaml(splitFrontmatter(text).yaml!) as Record<string, unknown>,
    frontmatterError: null,
    scope: scope.build(),
    resolveLink: fakeResolver(scope.mesoHeadings(), () => text),
  });
  return { text, report, failing: report.items.filter((i) => !i.ok).map((i) => i.id) };
}

describe('renderOfflineDraft', () => {
  it('matches the approved draft for W2 Billing', () => {
    verifyApproved(__filename, 'W2 Billing', renderOfflineDraft(new ScopeBuilder().buildInput()));
  });

  it('says it is a draft at the top and in the footer', () => {
    const text = renderOfflineDraft(new ScopeBuilder().buildInput());
    const body = text.slice(splitFrontmatter(text).bodyOffset).trimStart().split('\n');
    expect(body[0]).toBe('# Workstream W2 Micro-Level Plan: Billing');
    expect(body[2]).toMatch(/^> \[!warning\] Offline draft/);
    expect(text).toContain('status: "draft"');
    expect(text).toMatch(/\*\*Status:\*\* Draft — not ready for the Work Decomposer\n/);
  });

  it('fails exactly the items that need written content', async () => {
    const { failing } = await check(new ScopeBuilder());
    expect(failing).toEqual(['interfaces', 'data-models', 'api-contracts', 'error-handling', 'tests', 'env-vars']);
  });

  it('passes api-contracts when the workstream has no endpoints, since it says so', async () => {
    const { failing } = await check(new ScopeBuilder().withEndpoints([]));
    expect(failing).toEqual(['interfaces', 'data-models', 'error-handling', 'tests', 'env-vars']);
  });

  it('states counts, estimate totals, the critical path and one UoW per task', () => {
    const text = renderOfflineDraft(new ScopeBuilder().buildInput());
    expect(text).toContain('- Total Tasks: 5 (from WBS)');
    expect(text).toContain('- WBS Estimates: 6d, 4h');
    expect(text).toContain('- Critical Path: W1 → W2');
    expect(text).toContain('- U01: W2.1 Invoice service data model');
    expect(text).toContain('- U05: W2.5 Monthly statement export');
    expect(text).toContain('- Tasks without an estimate: W2.5');
  });

  it('formats totals per unit', () => {
    expect(formatTotals({ d: 2.5, pts: 3 })).toBe('2.5d, 3 pts');
    expect(formatTotals({})).toBe('none stated in the WBS');
  });
});
