import { ScopeBuilder } from '../../support/builders/ScopeBuilder';
import { planParts } from '../../../src/core/plan/render-plan';
import { buildPlanUnits } from '../../../src/core/generation/plan-units';
import { createSectionTransform } from '../../../src/core/generation/section-transform';
import { parsePlanSections, flattenSections } from '../../../src/core/plan/parse-plan';

/** Writes every unit as the engine would, with `modelText(unit)` as each call's whole answer. */
function assemble(input: ReturnType<ScopeBuilder['buildInput']>, modelText: (key: string) => string): string {
  const units = buildPlanUnits(planParts(input, 'in_progress'));
  let out = '';
  for (const u of units) {
    if (u.kind === 'core') out += u.coreText!;
    else {
      const t = createSectionTransform(u);
      const text = t.push(modelText(u.key)) + t.end('complete');
      out += (out.endsWith('\n\n') ? '' : '\n') + text;
    }
  }
  return out;
}

describe('buildPlanUnits', () => {
  it('makes one model call per top-level section and one per module', () => {
    const input = new ScopeBuilder().buildInput();
    const units = buildPlanUnits(planParts(input));
    const model = units.filter((u) => u.kind === 'model').map((u) => u.key);
    const modules = input.outline.modules.length;
    expect(model).toEqual([
      'section-exec',
      'section-1',
      ...input.outline.modules.map((_, i) => `section-2.${i + 1}`),
      'section-3',
      'section-4',
      'section-5',
      'section-6',
      'section-7',
      'section-8',
      'section-9',
      'section-10',
      'section-11',
      'section-appendices',
    ]);
    expect(model.length).toBe(12 + modules);
  });

  it('keeps the dependency facts and the checklist with the core, not the model', () => {
    const units = buildPlanUnits(planParts(new ScopeBuilder().buildInput()));
    const s1 = units.find((u) => u.key === 'section-1')!;
    expect(s1.parts.map((p) => [p.number, p.owner])).toEqual([
      ['1.1', 'model'],
      ['1.2', 'core'],
      ['1.3', 'core'],
      ['1.4', 'model'],
    ]);
    expect(s1.parts[1]!.coreBody).toContain('W1');
    const s11 = units.find((u) => u.key === 'section-11')!;
    expect(s11.parts.map((p) => p.owner)).toEqual(['core', 'model', 'model']);
  });

  it('assembles every heading of the skeleton exactly once, in order, even when the model writes nothing', () => {
    const input = new ScopeBuilder().buildInput();
    const text = assemble(input, () => '');
    const expected = planParts(input).filter((p) => p.heading !== null).map((p) => p.heading!);
    const lines = text.split('\n');
    const seen = lines.filter((l) => expected.includes(l));
    expect(seen).toEqual(expected);
    const numbers = flattenSections(parsePlanSections(text)).map((s) => s.number).filter(Boolean);
    expect(new Set(numbers).size).toBe(numbers.length);
    // Two frontmatter fences, a rule before each of the 13 level-2 headings, one before the footer.
    expect(text.match(/^---$/gm)!.length).toBe(2 + 13 + 1);
  });

  it('puts a model heading that would break the skeleton below it', () => {
    const input = new ScopeBuilder().buildInput();
    const text = assemble(input, (key) => (key === 'section-4' ? '## 4.1 Database Schemas\nTables.\n## Rogue\nx' : ''));
    expect(text).toContain('### 4.1 Database Schemas\n\nTables.');
    expect(text).not.toMatch(/^## Rogue$/m);
  });
});
