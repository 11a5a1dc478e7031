import fc from 'fast-check';
import { parseHeadings } from '../../../src/core/markdown/headings';

describe('parseHeadings', () => {
  it('reads ATX headings with their level, text and 1-based line', () => {
    const text = '# Title\n\ntext\n## Sub one ##\n   ### Indented\n###### Six';
    expect(parseHeadings(text)).toEqual([
      { text: 'Title', level: 1, line: 1 },
      { text: 'Sub one', level: 2, line: 4 },
      { text: 'Indented', level: 3, line: 5 },
      { text: 'Six', level: 6, line: 6 },
    ]);
  });

  it('skips headings in the frontmatter and in code blocks', () => {
    const text = '---\ntitle: x\n# not a heading\n---\n# Real\n```\n# In code\n```\n## After';
    expect(parseHeadings(text).map((h) => [h.text, h.line])).toEqual([
      ['Real', 5],
      ['After', 9],
    ]);
  });

  it('rejects what is not a heading', () => {
    expect(parseHeadings('#tag\n####### seven\n    # four spaces\n#\tTab ok')).toEqual([{ text: 'Tab ok', level: 1, line: 4 }]);
  });

  it('keeps inline code in the heading text and reads CRLF notes', () => {
    expect(parseHeadings('## Use `npm ci`\r\nbody\r\n# Two\r\n')).toEqual([
      { text: 'Use `npm ci`', level: 2, line: 1 },
      { text: 'Two', level: 1, line: 3 },
    ]);
  });

  it('reads an empty heading as empty text', () => {
    expect(parseHeadings('##\n')).toEqual([{ text: '', level: 2, line: 1 }]);
  });

  it('never throws on arbitrary text and reports lines inside the note', () => {
    const unit = fc.constantFrom('#', ' ', '\n', '`', '-', 'a', '~', '\r');
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit, maxLength: 200 })), (s) => {
        const lines = s.split('\n').length;
        for (const h of parseHeadings(s)) {
          expect(h.level).toBeGreaterThanOrEqual(1);
          expect(h.level).toBeLessThanOrEqual(6);
          expect(h.line).toBeGreaterThanOrEqual(1);
          expect(h.line).toBeLessThanOrEqual(lines);
        }
      }),
    );
  });

  it('parses a 5 MB note and finds every heading', () => {
    const section = '## Section\n\nSome text with `code` and [[Link]].\n\n```\n# not a heading\n```\n\n';
    const count = Math.ceil((5 * 1024 * 1024) / section.length);
    const headings = parseHeadings(section.repeat(count));
    expect(headings).toHaveLength(count);
    expect(headings[count - 1]).toEqual({ text: 'Section', level: 2, line: (count - 1) * 8 + 1 });
  });
});

describe('parseHeadings on hostile lines', () => {
  it('reads a heading with a very long run of spaces in one pass (no backtracking blow-up)', () => {
    const line = `## a${' '.repeat(200_000)}b ##`;
    expect(parseHeadings(`${line}\n`)).toEqual([{ text: `a${' '.repeat(200_000)}b`, level: 2, line: 1 }]);
  });

  it('keeps a hash that is part of the text, and drops a closing run', () => {
    expect(parseHeadings('## C#\n### Title ###\n#hashtag\n').map((h) => h.text)).toEqual(['C#', 'Title']);
  });
});
