import { READINESS_ITEM_IDS, type ReadinessItemId, type ReadinessReport } from '../../../src/core/contracts/readiness';
import { renderReadinessChecklist, replaceReadinessChecklist } from '../../../src/core/checker/readiness-checklist';
import { renderPlan } from '../../support/render-whole-plan';
import { PlanNoteBuilder } from '../../support/builders/PlanNoteBuilder';
import { ScopeBuilder } from '../../support/builders/ScopeBuilder';

const report = (failing: ReadinessItemId[] = []): ReadinessReport => ({
  ready: failing.length === 0,
  items: READINESS_ITEM_IDS.map((id) => ({ id, ok: !failing.includes(id), reasons: [], line: null })),
});
/** A note written through, which the line needing section 2 written is read against. */
const NOTE = new PlanNoteBuilder().text();
const ticks = (text: string): boolean[] => text.split('\n').map((l) => l.startsWith('- [x] '));

describe('renderReadinessChecklist', () => {
  it('ticks all eight lines when every item passes', () => {
    const lines = renderReadinessChecklist(report(), NOTE).split('\n');
    expect(lines).toHaveLength(8);
    expect(lines.every((l) => l.startsWith('- [x] '))).toBe(true);
  });

  it('keeps the seed order: tasks, interfaces, data models, API, errors, tests, variables, dependencies', () => {
    const words = [/WBS task/, /interface/, /data model/, /API contract/, /Error handling/, /Test requirements/, /environment variable/, /dependency/];
    renderReadinessChecklist(report()).split('\n').forEach((l, i) => expect(l).toMatch(words[i]!));
  });

  it.each([
    ['wbs-coverage', 0],
    ['unknown-ids', 0],
    ['traceability', 0],
    ['interfaces', 1],
    ['data-models', 2],
    ['api-contracts', 3],
    ['error-handling', 4],
    ['tests', 5],
    ['env-vars', 6],
    ['dependencies', 7],
  ] as const)('unticks only line %#: a failing %s', (id, index) => {
    const lines = renderReadinessChecklist(report([id]), NOTE).split('\n');
    expect(lines.map((l) => l.startsWith('- [ ] '))).toEqual(lines.map((_, i) => i === index));
  });

  it.each(['frontmatter', 'completeness'] as const)('unticks no line for a failing %s: it maps to none of the eight', (id) => {
    expect(renderReadinessChecklist(report([id]), NOTE)).toBe(renderReadinessChecklist(report(), NOTE));
  });

  it.each([
    ['a [!todo] placeholder', '2.2.4', '> [!todo] To be written\n> Events, states and transitions.'],
    ['TODO cells', '2.1.3', '| Field | Type |\n|---|---|\n| id | TODO |'],
    ['nothing', '2.1.7', ''],
  ])('unticks the WBS-task line when a module subsection still holds %s, though every item passes', (_what, key, body) => {
    const note = new PlanNoteBuilder().withBody(key, body).text();
    expect(ticks(renderReadinessChecklist(report(), note))).toEqual([false, true, true, true, true, true, true, true]);
  });

  it.each([
    ['right under the heading of section 2', (t: string) => t.replace('## 2. Module and Component Specifications\n', '## 2. Module and Component Specifications\n> [!todo] Say how the modules fit.\n')],
    ['on the last line of section 2', (t: string) => t.replace(/\n\n---\n\n## 3\. /, '\n| Module | Owner |\n|---|---|\n| 2.3 | TODO |\n## 3. ')],
  ])('unticks the WBS-task line for a placeholder %s', (_where, edit) => {
    const note = new PlanNoteBuilder().edit(edit).text();
    expect(note).toMatch(/TODO|\[!todo\]/);
    expect(ticks(renderReadinessChecklist(report(), note))).toEqual([false, true, true, true, true, true, true, true]);
  });

  it('keeps the WBS-task line ticked for a placeholder right before section 2', () => {
    const note = new PlanNoteBuilder().withBody('1.4', '> [!todo] List the contracts.').text();
    expect(ticks(renderReadinessChecklist(report(), note)).every(Boolean)).toBe(true);
  });

  it('keeps the WBS-task line ticked for a placeholder right after section 2', () => {
    const note = new PlanNoteBuilder().edit((t) => t.replace('## 3. API Contracts\n', '## 3. API Contracts\n> [!todo] List the endpoints.\n')).text();
    expect(ticks(renderReadinessChecklist(report(), note)).every(Boolean)).toBe(true);
  });

  it('keeps the WBS-task line ticked for a placeholder outside section 2', () => {
    const note = new PlanNoteBuilder().withBody('9.2', '> [!todo] To be written\n> Fixes.').text();
    expect(ticks(renderReadinessChecklist(report(), note)).every(Boolean)).toBe(true);
  });

  it('leaves the WBS-task line unticked for a note without section 2', () => {
    const note = new PlanNoteBuilder().edit((t) => t.slice(0, t.indexOf('## 2. ')) + t.slice(t.indexOf('## 3. '))).text();
    expect(ticks(renderReadinessChecklist(report(), note))).toEqual([false, true, true, true, true, true, true, true]);
  });

  it('leaves the WBS-task line unticked without a note to read section 2 from', () => {
    expect(ticks(renderReadinessChecklist(report()))).toEqual([false, true, true, true, true, true, true, true]);
  });

  it('leaves every line unticked for an empty report', () => {
    expect(renderReadinessChecklist({ ready: false, items: [] })).not.toContain('[x]');
  });
});

describe('replaceReadinessChecklist', () => {
  it('rewrites only the body of 11.1', () => {
    const text = new PlanNoteBuilder().text();
    const next = replaceReadinessChecklist(text, report(['tests']));
    const start = text.indexOf('### 11.1');
    const end = text.indexOf('### 11.2');
    expect(next.slice(0, start)).toBe(text.slice(0, start));
    expect(next.slice(next.indexOf('### 11.2'))).toBe(text.slice(end));
    expect(next.slice(start, next.indexOf('### 11.2'))).toBe(`### 11.1 Readiness Checklist\n\n${renderReadinessChecklist(report(['tests']), text)}\n\n`);
    expect(next).toContain('- [x] Every WBS task of the workstream has a detailed specification');
  });

  it('replaces a hand-edited checklist and is idempotent', () => {
    const text = new PlanNoteBuilder().edit((t) => t.replace('- [ ] Every public interface is fully defined', '- [x] interfaces done!\nextra line')).text();
    const once = replaceReadinessChecklist(text, report());
    expect(once).not.toContain('extra line');
    expect(replaceReadinessChecklist(once, report())).toBe(once);
  });

  it('reads section 2 from the note it rewrites', () => {
    const text = new PlanNoteBuilder().withBody('2.3.2', '> [!todo] To be written\n> Signatures.').text();
    expect(replaceReadinessChecklist(text, report())).toContain('- [ ] Every WBS task of the workstream has a detailed specification');
  });

  it('ends a note whose last section is 11.1 with the list and a blank line', () => {
    const text = new PlanNoteBuilder().text();
    const cut = text.slice(0, text.indexOf('### 11.2')) ;
    expect(replaceReadinessChecklist(cut, report())).toBe(`${cut.slice(0, cut.indexOf('### 11.1'))}### 11.1 Readiness Checklist\n\n${renderReadinessChecklist(report(), cut)}\n`);
  });

  it('returns a note without 11.1 unchanged', () => {
    const text = new PlanNoteBuilder().withoutPart('11.1').text();
    expect(replaceReadinessChecklist(text, report())).toBe(text);
  });
});

describe('a rendered plan ticked by the checker', () => {
  const input = new ScopeBuilder().buildInput();

  it('ticks 11.1 from a report', () => {
    const text = replaceReadinessChecklist(renderPlan(input, () => 'x', 'ready_for_decomposition'), {
      ready: true,
      items: ['wbs-coverage', 'unknown-ids', 'traceability', 'interfaces'].map((id) => ({ id: id as never, ok: true, reasons: [], line: 1 })),
    });
    expect(text).toContain('- [x] Every WBS task of the workstream has a detailed specification\n- [x] Every public interface is fully defined\n- [ ] ');
  });

  it('leaves the WBS-task line of 11.1 unticked while a module subsection is a placeholder', () => {
    const report = { ready: true, items: ['wbs-coverage', 'unknown-ids', 'traceability'].map((id) => ({ id: id as never, ok: true, reasons: [], line: 1 })) };
    const text = replaceReadinessChecklist(renderPlan(input, (p) => (p.key === '2.1.4' ? '> [!todo] To be written\n> States.' : 'x'), 'draft'), report);
    expect(text).toContain('- [ ] Every WBS task of the workstream has a detailed specification\n');
  });
});
