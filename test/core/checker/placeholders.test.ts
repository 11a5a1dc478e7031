/** Which marks findPlaceholders takes for placeholders, and which it leaves alone. */
import { findPlaceholders, type PlaceholderKind } from '../../../src/core/checker/placeholders';
import type { ReadinessReport } from '../../../src/core/contracts/readiness';
import { setPlanStatus } from '../../../src/core/writer/plan-status';
import { PlanNoteBuilder } from '../../support/builders/PlanNoteBuilder';

/** The note: a frontmatter of two lines, a title, then `body` from line 6 on. */
const note = (body: string): string => `---\ntags: [workstream-plan]\n---\n# Plan\n\n${body}\n`;
const kinds = (body: string): Array<[PlaceholderKind, number]> => findPlaceholders(note(body)).map((p) => [p.kind, p.line]);

describe('findPlaceholders', () => {
  it.each([
    ['a todo callout', '> [!todo] Write this', [['todo-callout', 6]]],
    ['a folded todo callout in capitals', 'Text.\n> [!TODO]- Write this', [['todo-callout', 7]]],
    ['a todo callout indented by three spaces', '   > [!todo] Write this', [['todo-callout', 6]]],
    ['a nested todo callout', '> [!note] Outer\n> > [!todo] Inner', [['todo-callout', 7]]],
    ['the offline-draft warning', '> [!warning] Offline draft\n> Written without a model.', [['draft-banner', 6]]],
    ['the offline-draft warning folded, in lower case', '> [!WARNING]- offline draft: fill every part', [['draft-banner', 6]]],
    ['a TODO cell', '| a | b |\n|---|---|\n| x | TODO |', [['todo-cell', 8]]],
    ['a todo callout under a line that carries the status mark outside a callout', 'Copied <!-- wp:status --> here\n> [!todo] Write this', [['todo-callout', 7]]],
    ['a TODO cell without outer pipes', 'a | b\n--|--\nTODO | x', [['todo-cell', 8]]],
    ['a todo callout without a space after the quote marks', '>[!todo] Write this\n>>[!todo] And this', [['todo-callout', 6], ['todo-callout', 7]]],
    ['a todo callout after the status callout and a line with an arrow', '> [!note] Status <!-- wp:status -->\n> Draft.\nA->B\n> [!todo] Write this', [['todo-callout', 9]]],
    ['a todo callout under an arrow and the status mark outside a callout', '=> <!-- wp:status -->\n> [!todo] Write this', [['todo-callout', 7]]],
  ] as const)('finds %s', (_name, body, expected) => {
    expect(kinds(body)).toEqual(expected);
  });

  it.each([
    ['another callout type', '> [!note] Write this'],
    ['another warning', '> [!warning] Offline mode is slow'],
    ['a warning that only mentions the draft', '> [!warning] Not an Offline draft'],
    ['a longer word than the banner title', '> [!warning] Offline drafting notes'],
    ['an offline-draft note that is not a warning', '> [!note] Offline draft'],
    ['a quote that names [!todo] later on', '> See [!todo] callouts below.'],
    ['a callout type holding a space', '> [!to do] Write this'],
    ['a todo callout indented as code', '    > [!todo] Write this'],
    ['a TODO in prose', 'TODO'],
    ['a cell that only starts with TODO', '| a | b |\n|---|---|\n| x | TODO later |'],
    ['TODO in a code span', '| a | b |\n|---|---|\n| x | `TODO` |'],
    ['a todo callout in a code block', '```md\n> [!todo] Write this\n```'],
  ])('leaves alone %s', (_name, body) => {
    expect(kinds(body)).toEqual([]);
  });

  it('finds a todo callout on the first line of the body', () => {
    expect(findPlaceholders('> [!todo] Write this')).toEqual([{ kind: 'todo-callout', line: 1 }]);
    expect(findPlaceholders('---\na: 1\n---\n> [!todo] Write this')).toEqual([{ kind: 'todo-callout', line: 4 }]);
  });

  it('leaves the frontmatter alone', () => {
    expect(findPlaceholders('---\nnote: a | TODO | b\n---\n# Plan\n')).toEqual([]);
  });

  it('leaves alone what the status callout quotes, and finds what follows it', () => {
    const report: ReadinessReport = {
      ready: false,
      items: [{ id: 'frontmatter', ok: false, line: 2, reasons: ['project must be a quoted wikilink; found "a | TODO | b".'] }],
    };
    const text = setPlanStatus(new PlanNoteBuilder().withBody('9.2', '> [!todo] To be written\n> Fixes.').text(), 'draft', report);
    expect(text).toMatch(/^> - \*\*frontmatter\*\*: .*\| TODO \|/m);
    const lines = text.split('\n');
    expect(findPlaceholders(text)).toEqual([{ kind: 'todo-callout', line: lines.indexOf('> [!todo] To be written') + 1 }]);
  });
});
