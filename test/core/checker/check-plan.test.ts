import { checkPlan } from '../../../src/core/checker/check-plan';
import { READINESS_ITEM_IDS, type ReadinessItemId, type ReadinessReport } from '../../../src/core/contracts/readiness';
import { noEndpointsSentence } from '../../../src/core/plan/render-plan';
import { PlanNoteBuilder } from '../../support/builders/PlanNoteBuilder';
import { ScopeBuilder } from '../../support/builders/ScopeBuilder';

const failing = (r: ReadinessReport): ReadinessItemId[] => r.items.filter((i) => !i.ok).map((i) => i.id);
const item = (r: ReadinessReport, id: ReadinessItemId) => r.items.find((i) => i.id === id)!;

/** Swaps the endpoint body of 3.1 for one without the given label line. */
const endpointWithout = (label: RegExp) => (b: PlanNoteBuilder) =>
  b.edit((t) => {
    const start = t.indexOf('### 3.1 ');
    const end = t.indexOf('### 3.2 ');
    const section = t.slice(start, end).split('\n').filter((l) => !label.test(l)).join('\n');
    return t.slice(0, start) + section + t.slice(end);
  });

describe('checkPlan', () => {
  it('passes every item, in the contract order, on the default note', async () => {
    const report = await checkPlan(new PlanNoteBuilder().build());
    expect(report.items.map((i) => i.id)).toEqual([...READINESS_ITEM_IDS]);
    expect(failing(report)).toEqual([]);
    expect(report.ready).toBe(true);
  });

  it('reports the line of the section heading for a passing item', async () => {
    const input = new PlanNoteBuilder().build();
    const report = await checkPlan(input);
    const lines = input.text.split('\n');
    expect(lines[item(report, 'dependencies').line! - 1]).toBe('### 1.2 Upstream Dependencies');
    expect(lines[item(report, 'api-contracts').line! - 1]).toBe('## 3. API Contracts');
    expect(lines[item(report, 'interfaces').line! - 1]).toBe('## 2. Module and Component Specifications');
  });

  // A placeholder callout also fails `completeness`: those cases list it as a further failing item.
  const cases: Array<[string, ReadinessItemId, (b: PlanNoteBuilder) => PlanNoteBuilder, RegExp, ReadinessItemId[]?]> = [
    ['a bad frontmatter value', 'frontmatter', (b) => b.withFrontmatterField('status', 'done'), /^status must be one of draft, .*; found "done"\.$/],
    ['a missing frontmatter key', 'frontmatter', (b) => b.withFrontmatterField('source_plan', undefined), /^source_plan must be a quoted wikilink .*; found no such key\.$/],
    ['a module that no longer names W2.5', 'wbs-coverage', (b) => b.withBody('2.3.1', 'Exports statements. [[meso-level-plan#4. W2 Billing]]'), /W2\.5/],
    ['an unknown task id W2.9', 'unknown-ids', (b) => b.withBody('4.2', 'Migrations also serve W2.9.'), /W2\.9.*section 4\.2 Migrations/],
    ['2.2.2 without its code block', 'interfaces', (b) => b.withBody('2.2.2', 'The service exposes `get`.'), /2\.2\.2/],
    ['2.1.2 whose only code block sits in a todo callout', 'interfaces', (b) => b.withBody('2.1.2', '> [!todo] To be written\n> ```ts\n> interface X {}\n> ```'), /2\.1\.2/, ['completeness']],
    ["2.1.3 without its table", 'data-models', (b) => b.withBody('2.1.3', 'An invoice has an id and an amount.'), /2\.1\.3/],
    ['3.1 without authentication', 'api-contracts', endpointWithout(/Authentication/), /3\.1 POST \/v1\/invoices.*authentication/],
    ['3.1 without status codes', 'api-contracts', endpointWithout(/Status Codes/), /status codes/],
    ['no subsection for a scope endpoint', 'api-contracts', (b) => b.withoutPart('3.2'), /GET \/v1\/invoices\/\{id\}/],
    ['2.3.5 with prose only', 'error-handling', (b) => b.withBody('2.3.5', 'Failures are logged.'), /2\.3\.5/],
    ['2.1.6 without a checkbox', 'tests', (b) => b.withBody('2.1.6', '- `get()` returns the record'), /2\.1\.6/],
    ['5.1 without a table', 'env-vars', (b) => b.withBody('5.1', 'The gateway key comes from the environment.'), /5\.1/],
    ['1.2 without the upstream W1', 'dependencies', (b) => b.edit((t) => t.replace('- **W1: Foundation**\n  - Consumes: [[meso-level-plan#5.1 W1 → W2 Customer Accounts]]', 'Nothing yet.')), /W1/],
    ['a broken heading link', 'traceability', (b) => b.withBody('4.1', 'See [[meso-level-plan#No Such Heading]].'), /No Such Heading/],
    ['2.2.1 without a meso link', 'traceability', (b) => b.withBody('2.2.1', 'Covers W2.3, W2.4.'), /2\.2\.1/],
    ['a todo callout left in 9.2', 'completeness', (b) => b.withBody('9.2', '> [!todo] To be written\n> Fixes.'), /Section 9\.2 \(Troubleshooting\).*\[!todo\]/],
    ['an empty 10.3', 'completeness', (b) => b.withBody('10.3', ''), /Section 10\.3 \(Testing Complete\) is empty/],
  ];

  // Every row gets five values, so Jest does not pass its `done` callback as the fifth.
  const rows = cases.map(([name, id, change, reason, also]) => [name, id, change, reason, also ?? []] as const);
  it.each(rows)('fails only %s → %s', async (_name, id, change, reason, also) => {
    const report = await checkPlan(change(new PlanNoteBuilder()).build());
    expect(failing(report)).toEqual(READINESS_ITEM_IDS.filter((i) => i === id || also.includes(i)));
    expect(report.ready).toBe(false);
    expect(item(report, id).reasons.join(' ')).toMatch(reason);
    expect(item(report, id).line).not.toBeNull();
  });

  it('checks every item both ways', () => {
    expect(new Set(cases.map((c) => c[1]))).toEqual(new Set(READINESS_ITEM_IDS));
  });

  it('fails the WBS-based items when the workstream is not in the WBS', async () => {
    const report = await checkPlan(new PlanNoteBuilder().withoutScope().build());
    expect(failing(report)).toEqual(['wbs-coverage', 'unknown-ids', 'dependencies']);
    for (const id of ['wbs-coverage', 'unknown-ids', 'dependencies'] as const) {
      expect(item(report, id).reasons[0]).toMatch(/not in the WBS/);
    }
  });

  it('reports the parser line when the frontmatter does not parse', async () => {
    const input = { ...new PlanNoteBuilder().build(), frontmatter: null, frontmatterError: { line: 3, detail: 'bad indentation' } };
    const report = await checkPlan(input);
    expect(item(report, 'frontmatter')).toMatchObject({ ok: false, line: 3 });
    expect(item(report, 'frontmatter').reasons[0]).toMatch(/line 3.*bad indentation/);
  });

  it('reports null for the line of an absent section', async () => {
    const report = await checkPlan(new PlanNoteBuilder().withoutPart('5').withoutPart('5.1').withoutPart('5.2').build());
    expect(item(report, 'env-vars')).toMatchObject({ ok: false, line: null });
  });

  it('accepts a section 3 that says the workstream exposes no endpoints', async () => {
    const b = new PlanNoteBuilder().withScope(new ScopeBuilder().withEndpoints([]));
    const report = await checkPlan(b.build());
    expect(b.text()).toContain(noEndpointsSentence('W2'));
    expect(failing(report)).toEqual([]);
  });

  it('fails a section 3 that says nothing when there are no endpoints', async () => {
    const b = new PlanNoteBuilder().withScope(new ScopeBuilder().withEndpoints([])).edit((t) => t.replace(noEndpointsSentence('W2'), 'To do.'));
    expect(failing(await checkPlan(b.build()))).toEqual(['api-contracts']);
  });

  it('ignores the query string of a scope endpoint', async () => {
    const b = new PlanNoteBuilder().withScope(new ScopeBuilder().withEndpoints([{ method: 'POST', path: '/v1/invoices' }]));
    const input = b.build();
    input.scope!.endpoints.push({ method: 'post', path: '/v1/invoices?draft=true', source: 'W2.2' });
    expect(failing(await checkPlan(input))).toEqual([]);
  });

  it('accepts labels anywhere in the endpoint subsection, in any case or emphasis', async () => {
    const body = [
      'Callers send a request body; see the _request:_ block below.',
      '```http',
      'POST /v1/invoices',
      '```',
      '- *RESPONSE*: `{ "id": "x" }`',
      '',
      '#### Status codes',
      '- 201',
      '',
      'authentication: bearer token',
    ].join('\n');
    const b = new PlanNoteBuilder().withScope(new ScopeBuilder().withEndpoints([{ method: 'POST', path: '/v1/invoices' }])).withBody('3.1', body);
    expect(failing(await checkPlan(b.build()))).toEqual([]);
  });

  it('recognises the id style of the workstream (W2-T3) for unknown ids', async () => {
    const scope = new ScopeBuilder().withTasks([
      { id: 'W2-T1', title: 'Invoice service data model' },
      { id: 'W2-T2', title: 'Payment gateway adapter' },
    ]);
    const ok = await checkPlan(new PlanNoteBuilder().withScope(scope).build());
    expect(failing(ok)).toEqual([]);
    const bad = await checkPlan(new PlanNoteBuilder().withScope(scope).withBody('4.1', 'Also W2-T7, W3.1 and W2.10.').build());
    expect(failing(bad)).toEqual(['unknown-ids']);
    expect(item(bad, 'unknown-ids').reasons).toHaveLength(1);
    expect(item(bad, 'unknown-ids').reasons[0]).toMatch(/W2-T7/);
  });

  it('does not count a task id written only inside a todo callout', async () => {
    const b = new PlanNoteBuilder().withBody('2.3.1', '> [!todo] Cover W2.5\n> Later.\n\n[[meso-level-plan#4. W2 Billing]]');
    expect(failing(await checkPlan(b.build()))).toEqual(['wbs-coverage', 'completeness']);
  });
});
