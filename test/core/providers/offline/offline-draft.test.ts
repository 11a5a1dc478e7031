import { checkPlan } from '../../../../src/core/checker/check-plan';
import { renderOfflineDraft, formatTotals, offlineBody, OFFLINE_DRAFT_BANNER } from '../../../../src/core/providers/offline/offline-draft';
import { renderPlan } from '../../../../src/core/plan/render-plan';
import { splitFrontmatter } from '../../../../src/core/markdown/frontmatter-block';
import { parse as parseYaml } from 'yaml';
import { verifyApproved } from '../../../support/approval';
import { completeBody, fakeResolver, PLAN_PATH } from '../../../support/builders/PlanNoteBuilder';
import { ScopeBuilder } from '../../../support/builders/ScopeBuilder';

async function check(scope: ScopeBuilder, text = renderOfflineDraft(scope.buildInput())) {
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
    expect(failing).toEqual(['interfaces', 'data-models', 'api-contracts', 'error-handling', 'tests', 'env-vars', 'completeness']);
  });

  it('fails completeness on its banner and on the sections no other item reads', async () => {
    const { report, text } = await check(new ScopeBuilder());
    const item = report.items.find((i) => i.id === 'completeness')!;
    const bannerLine = text.split('\n').findIndex((l) => l.startsWith('> [!warning] Offline draft')) + 1;
    expect(item.line).toBe(bannerLine);
    expect(item.reasons[0]).toMatch(/"Offline draft" warning/);
    expect(item.reasons[1]).toMatch(/^The Executive Summary section still holds 3 \[!todo\] placeholders/);
    expect(item.reasons[item.reasons.length - 1]).toMatch(/^And \d+ more sections/);
  });

  it('is not ready when only the parts the other items read are filled in', async () => {
    // The user's case: interfaces, data models, error handling, tests, endpoints and variables
    // written into an offline draft, everything else still a placeholder.
    const scope = new ScopeBuilder();
    const input = scope.buildInput();
    const filled = (key: string): boolean => /^2\.\d+\.[2356]$|^3\.\d+$|^5\.1$/.test(key);
    const text = renderPlan(input, (p) => (filled(p.key) ? completeBody(input, p) : offlineBody(input, p)), 'draft', { banner: OFFLINE_DRAFT_BANNER });
    const { report, failing } = await check(scope, text);
    expect(failing).toEqual(['completeness']);
    expect(report.ready).toBe(false);
  });

  it('passes api-contracts when the workstream has no endpoints, since it says so', async () => {
    const { failing } = await check(new ScopeBuilder().withEndpoints([]));
    expect(failing).toEqual(['interfaces', 'data-models', 'error-handling', 'tests', 'env-vars', 'completeness']);
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
