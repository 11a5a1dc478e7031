import { checkPlan } from '../../../../src/core/checker/check-plan';
import { renderOfflineDraft, formatTotals, offlineBody, OFFLINE_DRAFT_BANNER } from '../../../../src/core/providers/offline/offline-draft';
import { noEndpointsSentence } from '../../../../src/core/plan/render-plan';
import { renderPlan } from '../../../support/render-whole-plan';
import { replaceReadinessChecklist } from '../../../../src/core/checker/readiness-checklist';
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
    expect(text).toContain('- WBS Estimates: 6.5d');
    expect(text).toContain('- Critical Path: W1 → W2');
    expect(text).toContain('- U01: W2.1 Invoice service data model');
    expect(text).toContain('- U05: W2.5 Monthly statement export');
    expect(text).toContain('- Tasks without an estimate: W2.5');
  });

  it('keeps the WBS-order wording only when no task states a dependency', () => {
    const text = renderOfflineDraft(new ScopeBuilder().buildInput());
    expect(text).toContain('- Critical Path: W1 → W2 (longest chain of workstream dependencies in the WBS); within W2, W2.1 → W2.2 → W2.3 → W2.4 → W2.5 in WBS order (the WBS states no task-level dependencies)\n');
  });

  it('states the chain of task dependencies as the critical path, in the summary and in 11.3', () => {
    const scope = new ScopeBuilder().withTaskDependencies({ 'W2.2': ['W2.1'], 'W2.3': ['W1.4'], 'W2.4': ['W2.3', 'W2.2'] });
    const text = renderOfflineDraft(scope.buildInput());
    const path = 'W1 → W2 (longest chain of workstream dependencies in the WBS); within W2, by task dependencies: W2.1 → W2.2 → W2.4';
    expect(text).toContain(`- Critical Path: ${path}\n`);
    expect(text).toContain(`- Critical path: ${path}\n`);
    expect(text).not.toContain('in WBS order');
  });

  it("lists each task's dependencies under its module", () => {
    const scope = new ScopeBuilder().withTaskDependencies({ 'W2.3': ['W1.4'], 'W2.4': ['W2.3', 'W2.2'] });
    const text = renderOfflineDraft(scope.buildInput());
    expect(text).toContain('- W2.3 Payment gateway adapter (4h), depends on W1.4\n- W2.4 Payment gateway webhooks (1d), depends on W2.3, W2.2\n');
    expect(text).toContain('- W2.1 Invoice service data model (3d)\n');
  });

  it("invents no chain when the tasks depend only on other workstreams' tasks: they can run in parallel", () => {
    const text = renderOfflineDraft(new ScopeBuilder().withTaskDependencies({ 'W2.1': ['W1.2'] }).buildInput());
    expect(text).toContain('within W2, the WBS states no order between the tasks, so they can run in parallel once their own dependencies are met: W2.1, W2.2, W2.3, W2.4, W2.5\n');
    expect(text).not.toContain('W2.1 → W2.2');
  });

  it('writes a per-task estimate with the unit its column header gave it', () => {
    const input = new ScopeBuilder().buildInput();
    const t = input.scope.workstream.tasks[0]!;
    const task = { ...t, estimate: { value: 4, unit: 'h', raw: '4' } };
    const withBare = { ...input, scope: { ...input.scope, workstream: { ...input.scope.workstream, tasks: [task, ...input.scope.workstream.tasks.slice(1)] } }, wbs: { workstreams: input.wbs.workstreams.map((w) => (w.id === 'W2' ? { ...w, tasks: [task, ...w.tasks.slice(1)] } : w)) } };
    expect(renderOfflineDraft(withBare)).toContain(`${t.id} ${t.title} (4h)`);
  });

  it('says honestly in section 3 what it looked for when it found no endpoint', () => {
    const text = renderOfflineDraft(new ScopeBuilder().withEndpoints([]).buildInput());
    expect(text).toContain(`## 3. API Contracts\n\n${noEndpointsSentence('W2')}\n\n---`);
    expect(text).not.toContain('exposes no HTTP endpoints');
  });

  it('lists task paths named as an endpoint without a method in a [!todo] callout in section 3', async () => {
    const scope = new ScopeBuilder()
      .withTasks([
        { id: 'W2.1', title: 'Invoice service data model' },
        { id: 'W2.2', title: 'Occupancy report `/api/reports/occupancy` endpoint' },
        { id: 'W2.3', title: 'Static files under /v1/static' },
        { id: 'W2.4', title: 'Invoice API: GET /api/invoices' },
      ])
      .withEndpoints([{ method: 'GET', path: '/api/invoices', source: 'W2.4' }]);
    const { text, report, failing } = await check(scope);
    const three = text.slice(text.indexOf('## 3. API Contracts'), text.indexOf('### 3.1 '));
    expect(three).toBe(
      [
        '## 3. API Contracts',
        '',
        '> [!todo] Possible endpoints without a method',
        '> These paths are named as an endpoint, route or API, but no HTTP method is written with them. For each one W2 exposes, add a `### 3.N METHOD /path` subsection; then remove this callout.',
        '> - `/api/reports/occupancy` (W2.2)',
        '',
        '',
      ].join('\n'),
    );
    expect(failing).toEqual(expect.arrayContaining(['api-contracts', 'completeness']));
    expect(report.items.find((i) => i.id === 'api-contracts')!.reasons).toContainEqual(expect.stringMatching(/^Section 3 \(API Contracts\) still holds a \[!todo\] placeholder/));
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
    const { text, report, failing } = await check(scope());
    const five = text.slice(text.indexOf('### 5.1 '), text.indexOf('### 5.2 '));
    expect(five).toContain('| `HARBOR_DATABASE_URL` | TODO | TODO | TODO | TODO |\n| `INVOICE_PDF_BUCKET` | TODO | TODO | TODO | TODO |\n');
    expect(five).toMatch(/- `HARBOR_DATABASE_URL`, `INVOICE_PDF_BUCKET`: named in the meso-level plan's sections on W2[^\n]*\n\n> \[!todo\]/);
    expect(five).not.toMatch(/ISO_8601|W1_ONLY_SECRET|BILLING_EVENTS_TOPIC/);
    expect(failing).toEqual(['interfaces', 'data-models', 'api-contracts', 'error-handling', 'tests', 'env-vars', 'completeness']);
    expect(report.items.find((i) => i.id === 'env-vars')!.reasons[0]).toMatch(/still has placeholders/);
  });

  it('ticks neither the WBS-task line nor the variables line of 11.1 while those sections are placeholders', async () => {
    const { text, report } = await check(scope());
    const checked = replaceReadinessChecklist(text, report);
    expect(checked).toContain('- [ ] Every WBS task of the workstream has a detailed specification\n');
    expect(checked).toContain('- [ ] Every environment variable is listed\n');
    expect(checked).toContain('- [x] Every dependency is documented');
  });

  it('lists meso paths named as an endpoint or route without a method, once, and leaves the rest alone', () => {
    const meso = MESO.replace(
      '- Invoices are immutable once issued.',
      'The statements route is `/v1/statements/{month}`. PDFs are kept under /v1/files. GET /v1/invoices/{id} is an endpoint too.\n- Invoices are immutable once issued.',
    );
    const text = renderOfflineDraft(new ScopeBuilder().withMesoText(meso).buildInput());
    const three = text.slice(text.indexOf('## 3. API Contracts'), text.indexOf('### 3.1 '));
    expect(three).toContain('> - `/v1/statements/{month}` (4. W2: Billing)\n');
    expect(three).not.toMatch(/\/v1\/files|\/v1\/invoices/);
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
