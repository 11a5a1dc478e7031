import { ScopeBuilder } from '../../support/builders/ScopeBuilder';
import { planParts } from '../../../src/core/plan/render-plan';
import { buildPlanUnits } from '../../../src/core/generation/plan-units';
import type { PlanPart } from '../../../src/core/plan/render-plan';
import { noEndpointsSentence } from '../../../src/core/plan/render-plan';
import { MODULE_SUBSECTIONS } from '../../../src/core/plan/skeleton';
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

  it('names each unit for the resume and the progress line: planner text after the part it starts with, sections after their heading', () => {
    const units = buildPlanUnits(planParts(new ScopeBuilder().buildInput()));
    expect(units.map((u) => [u.key, u.kind, u.label])).toEqual([
      ['core-frontmatter', 'core', 'Planner text'],
      ['section-exec', 'model', 'Executive Summary'],
      ['core-1-rule', 'core', 'Planner text'],
      ['section-1', 'model', 'Section 1. Context and Dependencies'],
      ['core-2', 'core', 'Planner text'],
      ['section-2.1', 'model', 'Section 2.1 Invoice Service'],
      ['section-2.2', 'model', 'Section 2.2 Payment Gateway'],
      ['section-2.3', 'model', 'Section 2.3 Monthly statement export'],
      ...['3. API Contracts', '4. Data Models and Persistence', '5. Configuration and Secrets', '6. Cross-Module Integration', '7. Testing Strategy', '8. Build and Deployment', '9. Documentation and Runbooks', '10. Success Criteria and Definition of Done', '11. Handoff to Work Decomposer'].flatMap((title) => {
        const n = title.split('.')[0]!;
        return [
          [`core-${n}-rule`, 'core', 'Planner text'],
          [`section-${n}`, 'model', `Section ${title}`],
        ];
      }),
      ['core-appendices-rule', 'core', 'Planner text'],
      ['section-appendices', 'model', 'Appendices'],
      ['core-footer', 'core', 'Planner text'],
    ]);
    for (const u of units) expect(u.kind === 'core' ? u.parts : u.coreText).toEqual(u.kind === 'core' ? [] : undefined);
    // The frontmatter and the title block are one run of planner text; a rule alone is one too.
    expect(units[0]!.coreText).toMatch(/^---\ntags: \[workstream-plan, micro-level, W2\][\s\S]*\n# Workstream W2 Micro-Level Plan: Billing\n\n\*\*Project:\*\*/);
    expect(units[2]!.coreText).toBe('---\n\n');
    expect(units[4]!.coreText).toBe('---\n\n## 2. Module and Component Specifications\n\n');
  });

  it('gives each model unit its top heading and level, and its parts with level, owner, hint and the not-applicable sentence', () => {
    const units = buildPlanUnits(planParts(new ScopeBuilder().buildInput()));
    const m1 = units.find((u) => u.key === 'section-2.1')!;
    expect(m1.top).toEqual({ heading: '### 2.1 Invoice Service', level: 3 });
    expect(m1.parts).toEqual(
      MODULE_SUBSECTIONS.map((s) => ({
        number: `2.1.${s.index}`,
        heading: `#### 2.1.${s.index} ${s.title}`,
        level: 4,
        owner: 'model',
        hint: s.hint,
        ...(s.notApplicable ? { notApplicable: s.notApplicable } : {}),
      })),
    );
    expect(m1.parts[3]!.notApplicable).toMatch(/^Not applicable: /);
    expect(units.find((u) => u.key === 'section-exec')!.top).toEqual({ heading: '## Executive Summary', level: 2 });
    expect(units.find((u) => u.key === 'section-1')!.parts.map((p) => [p.number, p.level, p.owner, p.coreBody === undefined])).toEqual([
      ['1.1', 3, 'model', true],
      ['1.2', 3, 'core', false],
      ['1.3', 3, 'core', false],
      ['1.4', 3, 'model', true],
    ]);
  });

  it('writes section 3 as planner text, with no model call, when the workstream has no endpoints', () => {
    const input = new ScopeBuilder().withEndpoints([]).buildInput();
    const units = buildPlanUnits(planParts(input));
    expect(units.map((u) => u.key)).not.toContain('section-3');
    const core3 = units.find((u) => u.key === 'core-3')!;
    expect(core3.coreText).toBe(`---\n\n## 3. API Contracts\n\n${noEndpointsSentence('W2')}\n\n---\n\n`);
    expect(units[units.indexOf(core3) + 1]!.key).toBe('section-4');
  });

  it('streams under a heading that carries planner text of its own, after that text', () => {
    const parts: PlanPart[] = [
      { key: '4', heading: '## 4. Data Models and Persistence', owner: 'core', coreBody: 'Facts the planner knows.\n\n' },
      { key: '4.1', heading: '### 4.1 Database Schemas', owner: 'model', hint: 'Tables.' },
    ];
    const [rule, unit] = buildPlanUnits(parts);
    expect(rule).toMatchObject({ key: 'core-4-rule', coreText: '---\n\n' });
    expect(unit).toMatchObject({ key: 'section-4', kind: 'model', top: { heading: '## 4. Data Models and Persistence\n\nFacts the planner knows.', level: 2 } });
    const t = createSectionTransform(unit!);
    expect(t.push('') + t.end('complete')).toBe('## 4. Data Models and Persistence\n\nFacts the planner knows.\n\n### 4.1 Database Schemas\n\n> [!todo] Not written by the model\n> Tables.\n');
  });

  it('refuses a section whose first part, or any part, has no heading', () => {
    expect(() => buildPlanUnits([{ key: 'footer', heading: null, owner: 'model' }])).toThrow(new Error('Section footer has no heading to stream under'));
    const parts: PlanPart[] = [
      { key: '4', heading: '## 4. Data Models and Persistence', owner: 'core', coreBody: '' },
      { key: '4.1', heading: null, owner: 'model' },
    ];
    expect(() => buildPlanUnits(parts)).toThrow(new Error('Part 4.1 has no heading to write'));
  });

  it('writes a core part without a body as its heading alone', () => {
    const parts: PlanPart[] = [
      { key: 'title', heading: '# Workstream W2 Micro-Level Plan: Billing', owner: 'core' },
      { key: 'exec', heading: '## Executive Summary', owner: 'model' },
    ];
    expect(buildPlanUnits(parts)[0]).toEqual({ key: 'core-title', kind: 'core', coreText: '# Workstream W2 Micro-Level Plan: Billing\n\n---\n\n', parts: [], label: 'Planner text' });
  });

  it('makes no unit of an empty plan', () => {
    expect(buildPlanUnits([])).toEqual([]);
  });

  it('keeps module 2.1 and a section numbered 21 apart', () => {
    const parts: PlanPart[] = [
      { key: '2.1', heading: '### 2.1 Ledger', owner: 'core', coreBody: '' },
      { key: '2.1.1', heading: '#### 2.1.1 Purpose', owner: 'model' },
      { key: '21', heading: '### 21. Extra', owner: 'core', coreBody: '' },
      { key: '21.1', heading: '#### 21.1 More', owner: 'model' },
    ];
    expect(buildPlanUnits(parts).map((u) => [u.key, u.parts.map((p) => p.number)])).toEqual([
      ['section-2.1', ['2.1.1']],
      ['section-21', ['21.1']],
    ]);
  });
});
