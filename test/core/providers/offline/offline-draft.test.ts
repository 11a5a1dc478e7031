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

/** A meso plan whose sections on W2 hold prose, variables, code, a callout, links and a comment. */
const MESO = [
  '---',
  'version: "2.1"',
  '---',
  '',
  '# Tidewater Meso-Level Plan',
  '',
  '## 4. W2: Billing',
  '',
  'Billing turns usage into invoices and collects payment through the gateway.',
  '',
  '### 4.1 W2 Invoice Service',
  '',
  'The invoice service owns invoices and their line items; amounts are integer cents.',
  'It reads its database from `HARBOR_DATABASE_URL` and rounds per ISO_8601 periods.',
  '> [!todo] Decide on credit notes',
  '> See [[#5.2 W2 → W3 Billing Events|the billing events]].',
  '<!-- reviewers: keep this short',
  'still hidden -->',
  '```env',
  'INVOICE_PDF_BUCKET=s3://invoices',
  '```',
  '- Invoices are immutable once issued.',
  '- Corrections are new invoices.',
  '- A third rule that the excerpt leaves out.',
  '',
  '### 4.2 W2 Payment Gateway',
  '',
  '---',
  '',
  '## 5. Contracts',
  '',
  '### 5.1 W1 → W2 Customer Accounts',
  '',
  'W1 provides customer ids; it reads `W1_ONLY_SECRET`.',
  '',
  '### 5.2 W2 → W3 Billing Events',
  '',
  'W2 emits `invoice.issued` events. GET /v1/invoices/{id} serves one invoice. Set `BILLING_EVENTS_TOPIC`.',
  '',
].join('\n');

describe('renderOfflineDraft with the meso text', () => {
  const scope = () => new ScopeBuilder().withMesoText(MESO);

  it('matches the approved draft for W2 Billing with the meso text', () => {
    verifyApproved(__filename, 'W2 Billing with meso text', renderOfflineDraft(scope().buildInput()));
  });

  it('quotes the first lines of each traced meso section under its link, made safe to quote', () => {
    const text = renderOfflineDraft(scope().buildInput());
    const quote = [
      '- [[meso-level-plan#4.1 W2 Invoice Service]]',
      '',
      '  > The invoice service owns invoices and their line items; amounts are integer cents.',
      '  > It reads its database from `HARBOR_DATABASE_URL` and rounds per ISO_8601 periods.',
      '  > Todo: Decide on credit notes',
      '  > See the billing events.',
      '  > (code block)',
      '  > - Invoices are immutable once issued.',
      '  > …',
    ].join('\n');
    expect(text).toContain(quote);
    expect(text).toContain('- [[meso-level-plan#4.2 W2 Payment Gateway]]\n\n  The meso-level plan has no text under this heading.');
    expect(text).not.toContain('reviewers');
  });

  it('parses the headings itself when the planner passes only the text', () => {
    const withHeadings = renderOfflineDraft(scope().buildInput());
    expect(renderOfflineDraft(new ScopeBuilder().withMesoText(MESO, false).buildInput())).toBe(withHeadings);
  });

  it("lists the variable-looking names of the workstream's own meso sections in 5.1, with TODO cells and the callout kept", async () => {
    const { text, failing } = await check(scope());
    const five = text.slice(text.indexOf('### 5.1 '), text.indexOf('### 5.2 '));
    expect(five).toContain('| `HARBOR_DATABASE_URL` | TODO | TODO | TODO | TODO |\n| `INVOICE_PDF_BUCKET` | TODO | TODO | TODO | TODO |\n\n> [!todo]');
    expect(five).not.toMatch(/ISO_8601|W1_ONLY_SECRET|BILLING_EVENTS_TOPIC/);
    expect(failing).toEqual(['interfaces', 'data-models', 'api-contracts', 'error-handling', 'tests', 'completeness']);
  });

  it('says so when the meso sections name no variable', () => {
    const text = renderOfflineDraft(new ScopeBuilder().withMesoText(MESO.replace(/HARBOR_DATABASE_URL|INVOICE_PDF_BUCKET/g, 'x')).buildInput());
    expect(text).toContain("### 5.1 Environment Variables\n\nThe meso-level plan's sections on W2 name nothing that looks like an environment variable.\n\n> [!todo]");
  });

  it('writes that the meso plan states no version', () => {
    const text = renderOfflineDraft(scope().withMesoVersion(null).buildInput());
    expect(text).toContain('**Meso-Level Plan Version:** not stated in the meso-level plan\n');
  });
});
