import { checkPlan } from '../../../../src/core/checker/check-plan';
import { MAX_COMPLETENESS_REASONS } from '../../../../src/core/checker/items/completeness';
import type { ReadinessItemId, ReadinessReport } from '../../../../src/core/contracts/readiness';
import { setPlanStatus } from '../../../../src/core/writer/plan-status';
import { PlanNoteBuilder } from '../../../support/builders/PlanNoteBuilder';

const failing = (r: ReadinessReport): ReadinessItemId[] => r.items.filter((i) => !i.ok).map((i) => i.id);
const completeness = (r: ReadinessReport) => r.items.find((i) => i.id === 'completeness')!;
const lineOf = (text: string, start: string): number => text.split('\n').findIndex((l) => l.startsWith(start)) + 1;

const TODO = '> [!todo] To be written\n> Common problems and their fixes.';

describe('completeness', () => {
  it('stays quiet on a note written through', async () => {
    const input = new PlanNoteBuilder().build();
    const item = completeness(await checkPlan(input));
    expect(item).toMatchObject({ ok: true, reasons: [] });
    expect(item.line).toBe(lineOf(input.text, '# Workstream W2'));
  });

  it('fails on a [!todo] callout in a section no other item reads, naming the section and its line', async () => {
    const input = new PlanNoteBuilder().withBody('9.2', TODO).build();
    const report = await checkPlan(input);
    const todoLine = lineOf(input.text, '> [!todo]');
    expect(failing(report)).toEqual(['completeness']);
    expect(report.ready).toBe(false);
    expect(completeness(report).reasons).toEqual([`Section 9.2 (Troubleshooting) still holds a [!todo] placeholder (line ${todoLine}).`]);
    expect(completeness(report).line).toBe(todoLine);
  });

  it('counts callouts per section and nested ones too', async () => {
    const input = new PlanNoteBuilder().withBody('exec', `**Purpose:**\n\n${TODO}\n\n**Scope:**\n\n> > [!TODO]- Later\n> > Scope.`).build();
    const item = completeness(await checkPlan(input));
    expect(item.reasons).toHaveLength(1);
    expect(item.reasons[0]).toMatch(/^The Executive Summary section still holds 2 \[!todo\] placeholders \(lines \d+, \d+\)\.$/);
  });

  it('fails while the offline-draft warning is still under the title', async () => {
    const input = new PlanNoteBuilder()
      .edit((t) => t.replace('\n**Project:**', '\n> [!warning] Offline draft\n> Written without a model.\n\n**Project:**'))
      .build();
    const item = completeness(await checkPlan(input));
    const line = lineOf(input.text, '> [!warning] Offline draft');
    expect(item).toMatchObject({ ok: false, line });
    expect(item.reasons).toEqual([`The "Offline draft" warning callout is still in the note (line ${line}); remove it once every part is written.`]);
  });

  it('fails on a numbered section with nothing under its heading', async () => {
    const input = new PlanNoteBuilder().withBody('8.3', '').build();
    const report = await checkPlan(input);
    const line = lineOf(input.text, '### 8.3 ');
    expect(failing(report)).toEqual(['completeness']);
    expect(completeness(report).reasons).toEqual([`Section 8.3 (Migration Procedures) is empty (line ${line}).`]);
  });

  it('names an empty parent alone rather than each of its empty children', async () => {
    const input = new PlanNoteBuilder().withBody('4.1', '').withBody('4.2', '<!-- later -->').withBody('4.3', '').build();
    const item = completeness(await checkPlan(input));
    expect(item.reasons).toEqual([`Section 4 (Data Models and Persistence) is empty (line ${lineOf(input.text, '## 4. ')}).`]);
  });

  it('fails on table cells still marked TODO', async () => {
    const input = new PlanNoteBuilder().withBody('4.1', '| Table | Index |\n|---|---|\n| `invoices` | TODO |').build();
    const report = await checkPlan(input);
    expect(failing(report)).toEqual(['completeness']);
    expect(completeness(report).reasons[0]).toMatch(/^Section 4\.1 \(Database Schemas\) still holds table cells marked TODO \(line \d+\)\.$/);
  });

  it('does not count a [!todo] written inside a code block', async () => {
    const body = '```md\n> [!todo] To be written\n| a | TODO |\n```';
    expect(failing(await checkPlan(new PlanNoteBuilder().withBody('9.1', body).build()))).toEqual([]);
  });

  it('does not count the status callout the writer puts under the title', async () => {
    const base = new PlanNoteBuilder().withBody('9.2', TODO).build();
    const first = await checkPlan(base);
    const text = setPlanStatus(base.text, 'draft', first);
    expect(text).toContain('<!-- wp:status -->');
    const again = completeness(await checkPlan({ ...base, text }));
    expect(again.reasons).toHaveLength(1);
    expect(again.reasons[0]).toMatch(/^Section 9\.2 /);
    expect(again.line).toBe(lineOf(text, '> [!todo]'));
  });

  it(`lists at most ${MAX_COMPLETENESS_REASONS} reasons, then how many more`, async () => {
    const b = new PlanNoteBuilder();
    for (const key of ['1.1', '1.4', '4.1', '4.2', '4.3', '5.2', '7.1', '7.2', '7.3', '8.1', '8.2', '9.1', '9.2']) b.withBody(key, TODO);
    const item = completeness(await checkPlan(b.build()));
    expect(item.reasons).toHaveLength(MAX_COMPLETENESS_REASONS + 1);
    expect(item.reasons[0]).toMatch(/^Section 1\.1 /);
    expect(item.reasons[MAX_COMPLETENESS_REASONS]).toBe('And 3 more sections with placeholders or no content.');
  });
});
