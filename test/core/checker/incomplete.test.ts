/**
 * Edge tables for what the completeness item counts as not written through: which bodies are
 * empty, which sections are checked, how each place is named, and how the reasons are ordered and
 * capped.
 */
import { completeness, MAX_COMPLETENESS_REASONS } from '../../../src/core/checker/items/completeness';
import { buildContext, type CheckPlanInput } from '../../../src/core/checker/context';
import { parsePlanSections } from '../../../src/core/plan/parse-plan';
import { PlanNoteBuilder } from '../../support/builders/PlanNoteBuilder';

const run = async (input: CheckPlanInput) => completeness.check(buildContext(input, parsePlanSections(input.text)));
const lineOf = (text: string, start: string): number => text.split('\n').findIndex((l) => l.startsWith(start)) + 1;
const TODO = '> [!todo] To be written\n> Later.';

describe('completeness: what counts as empty', () => {
  it.each([
    ['nothing', ''],
    ['an HTML comment', '<!-- later -->'],
    ['an Obsidian comment', '%% later %%'],
    ['an Obsidian comment over several lines', '%%\nTo be written.\n%%'],
    ['comments and blank lines', ' <!-- a -->\n\n%% b %%\n'],
    ['a thematic break of stars', '***'],
    ['a spaced thematic break', '- - -'],
    ['a long thematic break of underscores', '_____'],
    ['an indented thematic break', '   ---'],
    ['a thematic break with trailing spaces', '***  \n<!-- later -->'],
    ['the footer lines', '**Status:** Draft\n**Next Step:** Finish it'],
  ])('names a section holding %s as empty', async (_name, body) => {
    const input = new PlanNoteBuilder().withBody('4.1', body).build();
    expect((await run(input)).reasons).toEqual([`Section 4.1 (Database Schemas) is empty (line ${lineOf(input.text, '### 4.1 ')}).`]);
  });

  it.each([
    ['a word', 'x'],
    ['two dashes', '--'],
    ['mixed break characters', '-*-'],
    ['a break indented as code', '    ---'],
    ['text after an HTML comment', '<!-- a --> Text.'],
    ['text after an Obsidian comment', '%% a %% Text.'],
    ['a thematic break with text after it', '--- more'],
    ['a line that names the footer’s label inside it', 'Set the **Status:** field by hand.'],
    ['text between two HTML comments', '<!-- a --> Text. <!-- b -->'],
    ['text between two Obsidian comments', '%% a %% Text. %% b %%'],
  ])('counts %s as content', async (_name, body) => {
    expect(await run(new PlanNoteBuilder().withBody('4.1', body).build())).toMatchObject({ ok: true, reasons: [] });
  });

  it.each([
    ['exec', '## Executive Summary', 'The Executive Summary section'],
    ['appendices', '## Appendices', 'The Appendices section'],
  ])('checks the unnumbered part %s the generator writes', async (key, heading, name) => {
    const input = new PlanNoteBuilder().withBody(key, '').build();
    expect((await run(input)).reasons).toEqual([`${name} is empty (line ${lineOf(input.text, heading)}).`]);
  });

  it('leaves an empty unnumbered section of the author’s own alone', async () => {
    const input = new PlanNoteBuilder().edit((t) => t.replace('## Appendices', '## Notes\n\n## Appendices')).build();
    expect(await run(input)).toMatchObject({ ok: true, reasons: [] });
  });

  it('names a numbered section without a title by its number', async () => {
    const input = new PlanNoteBuilder().edit((t) => t.replace('### 4.3 Data Access Patterns', '### 4.4\n\n### 4.3 Data Access Patterns')).build();
    expect((await run(input)).reasons).toEqual([`Section 4.4 is empty (line ${lineOf(input.text, '### 4.4')}).`]);
  });
});

describe('completeness: where a placeholder stands', () => {
  it('names the text before the first heading', async () => {
    const input = new PlanNoteBuilder().edit((t) => t.replace('\n# Workstream', `\n${TODO}\n\n# Workstream`)).build();
    const line = lineOf(input.text, '> [!todo]');
    expect(await run(input)).toMatchObject({ line, reasons: [`The text before the first heading still holds a [!todo] placeholder (line ${line}).`] });
  });

  it('names the title block', async () => {
    const input = new PlanNoteBuilder().edit((t) => t.replace('\n**Project:**', `\n${TODO}\n\n**Project:**`)).build();
    const line = lineOf(input.text, '> [!todo]');
    expect((await run(input)).reasons).toEqual([`The title block still holds a [!todo] placeholder (line ${line}).`]);
  });

  it('names a section holding both kinds once, with every line', async () => {
    const input = new PlanNoteBuilder().withBody('4.1', `${TODO}\n\n| Table | Index |\n|---|---|\n| invoices | TODO |`).build();
    const lines = [lineOf(input.text, '> [!todo]'), lineOf(input.text, '| invoices | TODO |')];
    expect((await run(input)).reasons).toEqual([
      `Section 4.1 (Database Schemas) still holds a [!todo] placeholder and table cells marked TODO (lines ${lines.join(', ')}).`,
    ]);
  });

  it('names the section a placeholder closes, when it stands on its last line', async () => {
    const input = new PlanNoteBuilder()
      .withBody('4.1', '| Table | Index |\n|---|---|\n| invoices | TODO |')
      .edit((t) => t.replace('| invoices | TODO |\n\n### 4.2', '| invoices | TODO |\n### 4.2'))
      .build();
    expect((await run(input)).reasons[0]).toMatch(/^Section 4\.1 \(Database Schemas\) still holds table cells marked TODO \(line \d+\)\.$/);
  });
});

describe('completeness: order and cap', () => {
  it('lists reasons in document order, empty sections and placeholders alike', async () => {
    const input = new PlanNoteBuilder().withBody('1.1', '').withBody('9.2', TODO).build();
    const item = await run(input);
    expect(item.reasons.map((r) => r.split(' (')[0])).toEqual(['Section 1.1', 'Section 9.2']);
    expect(item.line).toBe(lineOf(input.text, '### 1.1 '));
  });

  const withPlaceholders = (n: number) => {
    const b = new PlanNoteBuilder();
    for (const key of ['1.1', '1.4', '4.1', '4.2', '4.3', '5.2', '7.1', '7.2', '7.3', '8.1', '8.2', '9.1', '9.2'].slice(0, n)) b.withBody(key, TODO);
    return b.build();
  };

  it(`lists exactly ${MAX_COMPLETENESS_REASONS} reasons without a summary line`, async () => {
    const item = await run(withPlaceholders(MAX_COMPLETENESS_REASONS));
    expect(item.reasons).toHaveLength(MAX_COMPLETENESS_REASONS);
    expect(item.reasons.join('\n')).not.toMatch(/^And /m);
  });

  it('sums up one more section in the singular', async () => {
    const item = await run(withPlaceholders(MAX_COMPLETENESS_REASONS + 1));
    expect(item.reasons).toHaveLength(MAX_COMPLETENESS_REASONS + 1);
    expect(item.reasons[MAX_COMPLETENESS_REASONS]).toBe('And 1 more section with placeholders or no content.');
  });
});

describe('completeness: the line of a note written through', () => {
  it('is the title’s, even under another heading first', async () => {
    const input = new PlanNoteBuilder().edit((t) => t.replace('\n# Workstream', '\n## Draft notes\n\nKept.\n\n# Workstream')).build();
    expect(await run(input)).toMatchObject({ id: 'completeness', ok: true, line: lineOf(input.text, '# Workstream') });
  });

  it('is line 1 without a title', async () => {
    const input = new PlanNoteBuilder().edit((t) => t.replace(/\n# Workstream.*\n/, '\n')).build();
    expect(await run(input)).toMatchObject({ ok: true, line: 1 });
  });
});
