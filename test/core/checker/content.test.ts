import { hasCheckbox, hasCodeBlock, hasLabel, hasList, hasTable, namesId, stripTodoCallouts } from '../../../src/core/checker/content';

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
