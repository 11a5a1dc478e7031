import { hasCheckbox, hasCodeBlock, hasLabel, hasList, hasTable, namesId, prose, stripTodoCallouts, tables, withoutFrontmatter } from '../../../src/core/checker/content';

describe('content', () => {
  it('blanks todo callouts, keeping the line count', () => {
    const text = 'a\n> [!todo] x\n> ```ts\n> y\n> ```\nb';
    const out = stripTodoCallouts(text);
    expect(out.split('\n')).toEqual(['a', '', '', '', '', 'b']);
    expect(hasCodeBlock(text)).toBe(false);
  });

  it('counts code in other callouts', () => {
    expect(hasCodeBlock('> [!example]\n> ```ts\n> x\n> ```')).toBe(true);
  });

  it('finds tables, lists and checkboxes outside code only', () => {
    expect(hasTable('| a | b |\n|---|---|\n| 1 | 2 |')).toBe(true);
    expect(hasTable('```\n| a | b |\n|---|---|\n```')).toBe(false);
    expect(hasList('1. first')).toBe(true);
    expect(hasList('plain prose')).toBe(false);
    expect(hasCheckbox('* [x] done')).toBe(true);
    expect(hasCheckbox('- done')).toBe(false);
  });

  it.each([
    ['**Request:**', 'Request', true],
    ['*request*', 'Request', true],
    ['#### Status Codes', 'Status codes', true],
    ['- STATUS CODES: 200', 'Status codes', true],
    ['Response (Success):', 'Response', true],
    ['The handler logs every request it gets.', 'Request', false],
    ['`Authentication:` in code', 'Authentication', false],
  ])('reads %j as label %s: %s', (text, label, expected) => {
    expect(hasLabel(text, label)).toBe(expected);
  });

  it('matches task ids as whole tokens', () => {
    expect(namesId('covers W2.1.', 'W2.1')).toBe(true);
    expect(namesId('covers W2.10', 'W2.1')).toBe(false);
    expect(namesId('covers W12.1', 'W2.1')).toBe(false);
    expect(namesId('section W2.1.3', 'W2.1')).toBe(false);
  });
});

describe('content at the edges', () => {
  it.each([
    ['a todo callout indented by three spaces', '   > [!todo] x\n   > y\nz', ['', '', 'z']],
    ['a todo callout without a space after the quote mark', '>[!TODO] x\n>y', ['', '']],
    ['a nested todo callout', '> [!note] n\n> > [!todo] x\n> > y\nz', ['> [!note] n', '', '', 'z']],
    ['a quote of another type', '> [!note] x\n> y', ['> [!note] x', '> y']],
    ['a todo callout indented as code', '    > [!todo] x', ['    > [!todo] x']],
    ['a callout whose type only starts with todo', '> [!todos] x', ['> [!todos] x']],
    ['the lines after a todo callout', '> [!todo] x\n\n> y', ['', '', '> y']],
    ['a line with a quote mark inside it, which ends the callout', '> [!todo] x\nafter > b', ['', 'after > b']],
  ])('stripTodoCallouts: %s', (_name, text, lines) => {
    expect(stripTodoCallouts(text).split('\n')).toEqual(lines);
  });

  it.each([
    ['a backtick fence on the first line', '```ts\nx\n```', true],
    ['a tilde fence', 'Text:\n~~~\nx\n~~~', true],
    ['a fence indented by three spaces', '   ```\nx', true],
    ['a fence in a nested quote', '> > ```\n> > x', true],
    ['a fence right after the quote mark', '>```\nx', true],
    ['a fence indented by three spaces inside a quote', '>    ```\n>    x', true],
    ['a quote mark after a word', 'see> ```ts', false],
    ['two backticks', '``x``', false],
    ['two tildes', '~~x~~', false],
    ['a fence indented as code', '    ```\n    x', false],
    ['a fence inside a nested todo callout', '> > [!todo] x\n> > ```ts\n> > y\n> > ```', false],
  ])('hasCodeBlock: %s → %s', (_name, text, expected) => {
    expect(hasCodeBlock(text)).toBe(expected);
  });

  it.each([
    ['outer pipes', '| a | b |\n|---|---|', true],
    ['no outer pipes', 'a | b\n---|---', true],
    ['aligned columns', '| a | b |\n|:--|--:|', true],
    ['centred columns without pipes', 'a | b\n:-: | :-:', true],
    ['one dash per column', '| a | b |\n| - | - |', true],
    ['one column', '| a |\n| --- |', true],
    ['a table in a quote', '> | a | b |\n> |---|---|', true],
    ['a table right after the quote marks', '>| a | b |\n>|---|---|', true],
    ['a rule row with spaces after it', '| a | b |\n|---|---|  ', true],
    ['one column without spaces', '|a|\n|---|', true],
    ['one column, a rule row with spaces after it', '| a |\n| --- |  ', true],
    ['one column right after the quote marks', '>| a |\n>| --- |', true],
    ['a header without a pipe', 'a\n---|---', false],
    ['a thematic break under a pipe', 'a | b\n---', false],
    ['one column with only a leading pipe', '| a\n| ---', false],
    ['a rule row with text after it', '| a | b |\n|---|---| x', false],
    ['a rule row of equals signs', '| a | b |\n|===|===|', false],
    ['a rule row with text before it', 'a | b\nx---|---', false],
    ['a rule row with text right after the quote mark', '> a | b\n>x---|---', false],
    ['one column, a rule row with text before it', '| a |\nx| --- |', false],
    ['one column, a rule row with text right after the quote mark', '> | a |\n>x| --- |', false],
  ])('hasTable: %s → %s', (_name, text, expected) => {
    expect(hasTable(text)).toBe(expected);
  });

  it('tables: reads header and rows, cells trimmed, pipes in code or escaped kept in their cell', () => {
    const text = ['| Name | Value |', '|---|---|', '| `a|b` | x \\| y |', '| c | |', 'After.'].join('\n');
    expect(tables(text)).toEqual([{ header: ['Name', 'Value'], rows: [['`a|b`', 'x \\| y'], ['c', '']] }]);
  });

  it('tables: reads a table without outer pipes, and one in a quote', () => {
    expect(tables('a | b\n--|--\n1 | 2')).toEqual([{ header: ['a', 'b'], rows: [['1', '2']] }]);
    expect(tables('> | a | b |\n> |---|---|\n> | 1 | 2 |\n>\n> | 3 | 4 |')).toEqual([{ header: ['a', 'b'], rows: [['1', '2']] }]);
  });

  it.each([
    ['only a trailing pipe', 'a | b |\n--|--|\n1 | 2 |'],
    ['only a leading pipe', '| a | b\n|--|--\n| 1 | 2'],
    ['spaces after the last pipe', '| a | b |  \n|---|---|\n| 1 | 2 | '],
    ['quote marks without a space', '>| a | b |\n>|---|---|\n>| 1 | 2 |'],
    ['quote marks and no outer pipes', '>a | b\n>--|--\n>1 | 2'],
    ['two spaces after the quote marks', '>  | a | b |\n>  |---|---|\n>  | 1 | 2 |'],
  ])('tables: reads the cells of a table with %s', (_name, text) => {
    expect(tables(text)).toEqual([{ header: ['a', 'b'], rows: [['1', '2']] }]);
  });

  it('tables: reads every table in order, each ending at its first line without a pipe', () => {
    const text = ['| a |', '| --- |', '| 1 |', '', '| b | c |', '|---|---|', '| 2 | 3 |', '|', 'text | more'].join('\n');
    expect(tables(text)).toEqual([
      { header: ['a'], rows: [['1']] },
      { header: ['b', 'c'], rows: [['2', '3'], [], ['text', 'more']] },
    ]);
  });

  it('tables: takes a separator row inside a table for a row, not for the start of another table', () => {
    expect(tables('| a | b |\n|---|---|\n| 1 | 2 |\n|---|---|\n| 3 | 4 |')).toEqual([{ header: ['a', 'b'], rows: [['1', '2'], ['---', '---'], ['3', '4']] }]);
  });

  it('tables: leaves tables in code and todo callouts alone', () => {
    expect(tables('```\n| a | b |\n|---|---|\n```\n> [!todo] x\n> | a | b |\n> |---|---|')).toEqual([]);
  });

  it.each([
    ['"-"', '- a', true],
    ['"*"', '* a', true],
    ['"+"', '+ a', true],
    ['a number and a dot', '12. a', true],
    ['a number and a parenthesis', '3) a', true],
    ['a quoted item', '> - a', true],
    ['an indented item', '   - a', true],
    ['an item right after the quote mark', '>- a', true],
    ['a marker without a space', '-a', false],
    ['an empty item', '- ', false],
    ['a number without a space', '1.a', false],
    ['a dash in quoted prose', '>a - b', false],
    ['bold text', '**a** b', false],
    ['an item in a code block', '```\n- a\n```', false],
  ])('hasList: %s → %s', (_name, text, expected) => {
    expect(hasList(text)).toBe(expected);
  });

  it.each([
    ['an open box', '- [ ] a', true],
    ['a ticked box', '- [x] a', true],
    ['a ticked box in capitals', '+ [X] a', true],
    ['a numbered box', '1. [ ] a', true],
    ['a quoted box', '> * [ ] a', true],
    ['a box right after the quote mark', '>- [ ] a', true],
    ['a box after a two-digit number', '12. [ ] a', true],
    ['a box two spaces after the marker', '-  [ ] a', true],
    ['a box without text', '- [ ]', false],
    ['a box of another mark', '- [y] a', false],
    ['a box without a space after it', '- [ ]a', false],
    ['a box without a list marker', '[ ] a', false],
    ['a box in prose', 'See - [ ] a', false],
    ['a box after a word', 'x- [ ] a', false],
    ['a box after a dash in quoted prose', '>a - [ ] b', false],
  ])('hasCheckbox: %s → %s', (_name, text, expected) => {
    expect(hasCheckbox(text)).toBe(expected);
  });

  it.each([
    ['1. Request body', 'Request', true],
    ['> Request', 'Request', true],
    ['###### Request', 'Request', true],
    ['Requests are batched', 'Request', true],
    ['+ Request', 'Request', true],
    ['The request (JSON): a body', 'Request', true],
    ['Bad-Request: never', 'Request', true],
    ['__Status  codes__', 'Status codes', true],
    ['Requestor', 'Request', false],
    ['XRequest: a', 'Request', false],
    ['####### Request', 'Request', false],
    ['Status-codes: 200', 'Status codes', false],
    ['> [!todo] Request:', 'Request', false],
  ])('hasLabel(%j, %s) → %s', (text, label, expected) => {
    expect(hasLabel(text, label)).toBe(expected);
  });

  it.each([
    ['W2.1 first', true],
    ['(W2.1)', true],
    ['ends with W2.1.', true],
    ['xW2.1', false],
    ['_W2.1', false],
    ['W2.1_', false],
    ['W2.1x', false],
    ['v.W2.1', false],
    ['W2x1', false],
    ['> [!todo] W2.1', false],
  ])('namesId(%j, W2.1) → %s', (text, expected) => {
    expect(namesId(text, 'W2.1')).toBe(expected);
  });

  it('withoutFrontmatter: empties the frontmatter, keeping its line breaks', () => {
    expect(withoutFrontmatter('---\na: 1\n---\nBody\n')).toBe('\n\n\nBody\n');
    expect(withoutFrontmatter('No frontmatter\n---\n')).toBe('No frontmatter\n---\n');
  });

  it('prose: blanks code and placeholders, keeping the lines', () => {
    expect(prose('a `b` c\n> [!todo] d\ne').split('\n')).toEqual(['a     c', '', 'e']);
  });
});
