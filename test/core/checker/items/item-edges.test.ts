/** What every readiness item does at the edges: its id, a missing section 2, no scope, link paths. */
import { READINESS_CHECKS } from '../../../../src/core/checker/items';
import { traceability } from '../../../../src/core/checker/items/traceability';
import { unknownIds } from '../../../../src/core/checker/items/unknown-ids';
import { wbsCoverage } from '../../../../src/core/checker/items/wbs-coverage';
import { dependencies } from '../../../../src/core/checker/items/dependencies';
import { buildContext, type CheckPlanInput, type ReadinessCheck } from '../../../../src/core/checker/context';
import { READINESS_ITEM_IDS } from '../../../../src/core/contracts/readiness';
import { parsePlanSections } from '../../../../src/core/plan/parse-plan';
import { PlanNoteBuilder } from '../../../support/builders/PlanNoteBuilder';

const run = async (check: ReadinessCheck, input: CheckPlanInput) => check.check(buildContext(input, parsePlanSections(input.text)));
const MISSING_2 = 'Section 2 (Module and Component Specifications) is missing.';

/** The note without section 2 and everything under it. */
const withoutTwo = (b: PlanNoteBuilder) => {
  const input = b.build();
  const start = input.text.indexOf('## 2. ');
  const end = input.text.indexOf('## 3. ');
  return { ...input, text: input.text.slice(0, start) + input.text.slice(end) };
};

describe('readiness items at the edges', () => {
  it('each registered check returns items under its own id, in the contract order', async () => {
    const input = new PlanNoteBuilder().build();
    const items = [];
    for (const c of READINESS_CHECKS) items.push(await run(c, input));
    expect(READINESS_CHECKS.map((c) => c.id)).toEqual([...READINESS_ITEM_IDS]);
    expect(items.map((i) => i.id)).toEqual([...READINESS_ITEM_IDS]);
    const failing = [];
    for (const c of READINESS_CHECKS) failing.push(await run(c, withoutTwo(new PlanNoteBuilder())));
    for (const [i, item] of failing.entries()) expect(item.id).toBe(READINESS_CHECKS[i]!.id);
  });

  it.each([
    ['traceability', traceability],
    ['wbs-coverage', wbsCoverage],
  ] as const)('%s fails with no line when section 2 is missing', async (id, check) => {
    const item = await run(check, withoutTwo(new PlanNoteBuilder()));
    expect(item).toMatchObject({ id, ok: false, line: null, reasons: [MISSING_2] });
  });

  it('traceability fails a section 2 without modules, on its heading', async () => {
    const input = new PlanNoteBuilder().build();
    const start = input.text.indexOf('### 2.1 ');
    const end = input.text.indexOf('## 3. ');
    const text = input.text.slice(0, start) + 'Modules to follow.\n\n' + input.text.slice(end);
    const item = await run(traceability, { ...input, text });
    expect(item.reasons[0]).toBe('Section 2 has no module subsections (2.1, 2.2, …) to trace.');
    expect(text.split('\n')[item.line! - 1]).toMatch(/^## 2\. /);
  });

  it.each([
    ['dependencies', dependencies, '### 1.2 '],
    ['wbs-coverage', wbsCoverage, '## 2. '],
    ['unknown-ids', unknownIds, '## 2. '],
  ] as const)('%s, without a scope, fails on its section heading', async (id, check, heading) => {
    const input = new PlanNoteBuilder().withoutScope().build();
    const item = await run(check, input);
    expect(item).toMatchObject({ id, ok: false });
    expect(input.text.split('\n')[item.line! - 1]!.startsWith(heading)).toBe(true);
  });

  it.each([
    ['dependencies', dependencies, () => new PlanNoteBuilder().withoutScope().withoutPart('1.2').build()],
    ['wbs-coverage', wbsCoverage, () => withoutTwo(new PlanNoteBuilder().withoutScope())],
    ['unknown-ids', unknownIds, () => withoutTwo(new PlanNoteBuilder().withoutScope())],
  ] as const)('%s, without a scope or its section, fails with no line', async (id, check, input) => {
    expect(await run(check, input())).toMatchObject({ id, ok: false, line: null });
  });
});

describe('traceability: which links trace to the meso plan', () => {
  const trace = async (link: string, scoped = true) => {
    let b = new PlanNoteBuilder();
    const mods = b.input().outline.modules.length;
    for (let i = 1; i <= mods; i++) b = b.withBody(`2.${i}.1`, `Covers the work. Traces to ${link}.`);
    if (!scoped) b = b.withoutScope();
    return run(traceability, { ...b.build(), resolveLink: async () => true });
  };

  it.each([
    ['the meso plan by its path with .md', '[[research/project-planning/meso-level-plan.md#4. W2 Billing]]'],
    ['the meso plan in another case', '[[Meso-Level-Plan#4. W2 Billing]]'],
    ['the meso plan with its extension in capitals', '[[Meso-Level-Plan.MD#4. W2 Billing]]'],
  ])('counts a heading link to %s', async (_name, link) => {
    expect((await trace(link)).reasons).toEqual([]);
  });

  it.each([
    ['a heading of another note', '[[PRD#Goals]]'],
    ['a heading of the plan itself', '[[#Overview]]'],
    ['the meso plan without a heading', '[[meso-level-plan]]'],
    ['a note whose name only contains the meso plan’s', '[[old-meso-level-plan#4. W2 Billing]]'],
    ['a note whose name only becomes the meso plan’s without an inner .md', '[[meso.md-level-plan#4. W2 Billing]]'],
    ['a note whose name has the same capitals as the meso plan’s but other letters (ſ for s)', '[[meſo-level-plan#4. W2 Billing]]'],
  ])('does not count %s', async (_name, link) => {
    const item = await trace(link);
    expect(item.ok).toBe(false);
    expect(item.reasons[0]).toMatch(/^Section 2\.1\.1 .* does not link a heading/);
  });

  it('without a scope, counts a heading link to any note, but not one into the plan itself', async () => {
    expect((await trace('[[PRD#Goals]]', false)).ok).toBe(true);
    expect((await trace('[[#Overview]]', false)).ok).toBe(false);
  });

  it('leaves links and citations in the frontmatter alone', async () => {
    const input = new PlanNoteBuilder().edit((t) => t.replace(/^---\n/, '---\nseen: "[[meso-level-plan#Nope]] and [[meso-level-plan]] §9 Nothing"\n')).build();
    const resolveLink: CheckPlanInput['resolveLink'] = async (l, s) => l.subpath !== 'Nope' && input.resolveLink(l, s);
    const item = await run(traceability, { ...input, resolveLink, resolveCitation: async () => false });
    expect(item.reasons).toEqual([]);
  });

  it('does not ask whether a link without a heading reaches one: a note not written yet is no broken heading', async () => {
    const input = new PlanNoteBuilder().withBody('4.1', 'See [[Future note]] and [[PRD]].').build();
    const asked: string[] = [];
    const resolveLink: CheckPlanInput['resolveLink'] = async (l, s) => {
      asked.push(l.raw);
      return l.linkpath === 'Future note' ? false : input.resolveLink(l, s);
    };
    const item = await run(traceability, { ...input, resolveLink });
    expect(asked.filter((raw) => !raw.includes('#'))).toEqual([]);
    expect(item.reasons).toEqual([]);
  });

  it('reports a broken citation on its line', async () => {
    const input = new PlanNoteBuilder().withBody('4.1', 'See [[meso-level-plan]] §9 Nothing.').build();
    const item = await run(traceability, { ...input, resolveCitation: async () => false });
    expect(item.ok).toBe(false);
    expect(input.text.split('\n')[item.line! - 1]).toContain('§9 Nothing');
  });
});
