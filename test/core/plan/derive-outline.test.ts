import { OutlineSchema } from '../../../src/core/contracts/outline';
import { deriveOutline, mesoHeadingName, validateOutline } from '../../../src/core/plan/derive-outline';
import { ScopeBuilder } from '../../support/builders/ScopeBuilder';

describe('deriveOutline', () => {
  it('groups tasks that name the same meso sub-heading and gives the rest a module each', () => {
    const b = new ScopeBuilder();
    const outline = deriveOutline(b.build(), b.buildWbs());
    expect(outline.modules.map((m) => [m.name, m.taskIds, m.mesoHeadings])).toEqual([
      ['Invoice Service', ['W2.1', 'W2.2'], ['4.1 W2 Invoice Service']],
      ['Payment Gateway', ['W2.3', 'W2.4'], ['4.2 W2 Payment Gateway']],
      ['Monthly statement export', ['W2.5'], ['4. W2: Billing']],
    ]);
    expect(OutlineSchema.safeParse(outline).success).toBe(true);
    expect(validateOutline(outline, b.build(), b.mesoHeadings())).toEqual([]);
  });

  it('takes endpoints from the scope (deduplicated) and leaves entities, variables and escalation empty', () => {
    const b = new ScopeBuilder().withEndpoints([
      { method: 'get', path: '/a' },
      { method: 'GET', path: '/a' },
    ]);
    const outline = deriveOutline(b.build(), b.buildWbs());
    expect(outline.endpoints).toEqual([{ method: 'GET', path: '/a', summary: 'Named in W2.2.' }]);
    expect(outline).toMatchObject({ entities: [], envVars: [], escalation: null });
  });

  it('prefers the more specific heading and names duplicate task titles apart', () => {
    const b = new ScopeBuilder()
      .withMesoSections([
        { heading: 'W2: Invoice', level: 2 },
        { heading: 'W2 Invoice Service', level: 3 },
      ])
      .withTasks([
        { id: 'W2.1', title: 'Invoice service core' },
        { id: 'W2.2', title: 'Setup' },
        { id: 'W2.3', title: 'Setup' },
      ]);
    const outline = deriveOutline(b.build(), b.buildWbs());
    expect(outline.modules.map((m) => m.name)).toEqual(['Invoice Service', 'Setup', 'Setup (W2.3)']);
    expect(outline.modules[1]!.mesoHeadings).toEqual(['W2: Invoice']);
  });

  it('is deterministic', () => {
    const b = new ScopeBuilder();
    expect(deriveOutline(b.build(), b.buildWbs())).toEqual(deriveOutline(b.build(), b.buildWbs()));
  });

  it('strips numbers and workstream ids from meso headings to name modules', () => {
    expect(mesoHeadingName('4.1 W2: Invoice Service')).toBe('Invoice Service');
    expect(mesoHeadingName('W2 — Payments')).toBe('Payments');
  });
});

describe('validateOutline', () => {
  const b = new ScopeBuilder();
  const good = deriveOutline(b.build(), b.buildWbs());

  it('reports a task in no module, in two modules, and an unknown id', () => {
    const modules = structuredClone(good.modules);
    modules[0]!.taskIds = ['W2.1', 'W2.9'];
    modules[2]!.taskIds = ['W2.5', 'W2.3'];
    const problems = validateOutline({ ...good, modules }, b.build(), b.mesoHeadings());
    expect(problems).toEqual([
      'Module "Invoice Service" names W2.9, which is not a task of W2 in the WBS.',
      'Task W2.2 (Invoice service API: POST /v1/invoices) is in no module.',
      'Task W2.3 is in more than one module: "Payment Gateway", "Monthly statement export".',
    ]);
  });

  it('reports a traced heading the meso plan lacks, compared as links compare headings', () => {
    const modules = structuredClone(good.modules);
    modules[0]!.mesoHeadings = ['4.1 w2   invoice service', 'Nowhere'];
    const problems = validateOutline({ ...good, modules }, b.build(), b.mesoHeadings());
    expect(problems).toEqual(['Module "Invoice Service" traces to "Nowhere", which is not a heading of the meso-level plan.']);
  });

  it('reports an endpoint of the scope missing from the outline and duplicate module names', () => {
    const modules = structuredClone(good.modules);
    modules[1]!.name = 'invoice service';
    const problems = validateOutline({ ...good, modules, endpoints: good.endpoints.slice(1) }, b.build(), b.mesoHeadings());
    expect(problems).toContain('Two modules are named "invoice service".');
    expect(problems).toContain('Endpoint POST /v1/invoices (named in W2.2) is missing from the outline.');
  });
});
