import { traceability } from '../../../../src/core/checker/items/traceability';
import { buildContext, type CheckPlanInput } from '../../../../src/core/checker/context';
import { parsePlanSections } from '../../../../src/core/plan/parse-plan';
import { findCitedSection, readSections } from '../../../../src/core/markdown/note-sections';
import { MESO_TARGET } from '../../../support/builders/ScopeBuilder';
import { PlanNoteBuilder } from '../../../support/builders/PlanNoteBuilder';

/** A meso plan written the way the upstream prompt's users write it: plain numbered lines. */
const MESO = ['1. Architecture Overview', '- Pattern.', '2. System Decomposition', '2.1 Components', '- Billing service.', '3. Data and Interface Design'].join('\n');

/** Citations resolve against the plain-numbered meso plan above. */
function withCitations(input: CheckPlanInput): CheckPlanInput {
  const sections = readSections(MESO);
  return { ...input, resolveCitation: async (link, number, title) => link.linkpath === MESO_TARGET && findCitedSection(sections, number, title) !== null };
}

const run = async (input: CheckPlanInput) => traceability.check(buildContext(input, parsePlanSections(input.text)));

describe('traceability', () => {
  it('passes when a module cites a numbered section of the meso plan instead of linking a heading', async () => {
    const b = new PlanNoteBuilder();
    const mods = b.input().outline.modules.length;
    for (let i = 1; i <= mods; i++) b.withBody(`2.${i}.1`, `Covers the work. Traces to [[${MESO_TARGET}]] §2.1 Components.`);
    const item = await run(withCitations(b.build()));
    expect(item.reasons).toEqual([]);
    expect(item.ok).toBe(true);
  });

  it('fails a citation that names no section of the note, saying which and where', async () => {
    const b = new PlanNoteBuilder().withBody('4.1', `See [[${MESO_TARGET}]] §9 Traceability Matrix.`);
    const item = await run(withCitations(b.build()));
    expect(item.ok).toBe(false);
    expect(item.reasons.join('\n')).toMatch(/citation \[\[meso-level-plan\]\] §9 Traceability Matrix on line \d+ names no section/);
  });

  it('fails a citation whose title does not match the numbered section', async () => {
    const b = new PlanNoteBuilder().withBody('4.1', `See [[${MESO_TARGET}]] §2.1 Interfaces.`);
    expect((await run(withCitations(b.build()))).ok).toBe(false);
  });

  it('fails every citation when citations cannot be verified', async () => {
    const b = new PlanNoteBuilder().withBody('4.1', `See [[${MESO_TARGET}]] §2.1 Components.`);
    expect((await run(b.build())).ok).toBe(false);
  });

  it('leaves a § without a link before it alone: it points into the plan itself', async () => {
    const b = new PlanNoteBuilder().withBody('4.1', 'See §3.5 below.');
    expect((await run(withCitations(b.build()))).ok).toBe(true);
  });

  it('does not count a citation of another note as tracing to the meso plan', async () => {
    const b = new PlanNoteBuilder().withBody('2.1.1', 'Covers the work. Traces to [[PRD]] §2.1 Components.');
    const input = withCitations(b.build());
    const item = await run({ ...input, resolveCitation: async () => true });
    expect(item.ok).toBe(false);
    expect(item.reasons.join('\n')).toMatch(/2\.1\.1 .* does not link a heading \(or cite a numbered section\) of the meso-level plan/);
  });

  it('does not take a block link into the meso plan for a heading link', async () => {
    const b = new PlanNoteBuilder().withBody('2.1.1', 'Covers W2.1, W2.2. Traces to [[meso-level-plan#^billing-block]].');
    const item = await run(b.build());
    expect(item.ok).toBe(false);
    expect(item.reasons).toEqual(['Section 2.1.1 Purpose and Responsibilities does not link a heading (or cite a numbered section) of the meso-level plan.']);
  });

  it('does not ask whether a block link reaches a heading', async () => {
    const input = new PlanNoteBuilder().withBody('4.1', 'See [[meso-level-plan#^billing-block]].').build();
    const asked: string[] = [];
    const resolveLink = async (l: Parameters<CheckPlanInput['resolveLink']>[0], source: string) => {
      asked.push(l.raw);
      return l.isBlock ? false : input.resolveLink(l, source);
    };
    const item = await run({ ...input, resolveLink });
    expect(asked).not.toContain('[[meso-level-plan#^billing-block]]');
    expect(item.ok).toBe(true);
  });

  it('passes on the heading of section 2', async () => {
    const input = new PlanNoteBuilder().build();
    const item = await run(input);
    expect(item).toMatchObject({ id: 'traceability', ok: true, reasons: [] });
    expect(input.text.split('\n')[item.line! - 1]).toBe('## 2. Module and Component Specifications');
  });

  it('fails a module without its .1 subsection, on the module heading', async () => {
    const input = new PlanNoteBuilder().withoutPart('2.3.1').build();
    const item = await run(input);
    expect(item).toMatchObject({ id: 'traceability', ok: false });
    expect(item.reasons).toEqual(['Section 2.3.1 does not link a heading (or cite a numbered section) of the meso-level plan.']);
    expect(input.text.split('\n')[item.line! - 1]).toBe('### 2.3 Monthly statement export');
  });

  it('points at the first .1 subsection that does not trace', async () => {
    const input = new PlanNoteBuilder().withBody('2.2.1', 'Covers W2.3, W2.4.').withBody('2.3.1', 'Covers W2.5.').build();
    const item = await run(input);
    expect(item.reasons).toHaveLength(2);
    expect(input.text.split('\n')[item.line! - 1]).toBe('#### 2.2.1 Purpose and Responsibilities');
  });

  it('reports every heading link that does not resolve, on its line', async () => {
    const input = new PlanNoteBuilder().withBody('4.1', 'See [[meso-level-plan#Nope]].\n\nAnd [[PRD#Gone]].').build();
    const item = await run(input);
    expect(item.ok).toBe(false);
    const broken = item.reasons.filter((r) => r.startsWith('The link'));
    expect(broken).toHaveLength(2);
    for (const r of broken) {
      const [, raw, line] = /^The link (\S+) on line (\d+) does not reach an existing heading\.$/.exec(r)!;
      expect(input.text.split('\n')[Number(line) - 1]).toContain(raw);
    }
    expect(input.text.split('\n')[item.line! - 1]).toContain('[[meso-level-plan#Nope]]');
  });
});
