import fc from 'fast-check';
import { countLines, splitFrontmatter } from '../../../src/core/markdown/frontmatter-block';

describe('splitFrontmatter', () => {
  it('finds the YAML between the fences and where the body starts', () => {
    const text = '---\ntitle: A\ntags: [x]\n---\n# Body\n';
    const block = splitFrontmatter(text);
    expect(block.yaml).toBe('title: A\ntags: [x]\n');
    expect(text.slice(block.bodyOffset)).toBe('# Body\n');
    expect(block.bodyStartLine).toBe(5);
  });

  it('accepts an empty block and a closing fence at the end of the note', () => {
    expect(splitFrontmatter('---\n---\nbody')).toEqual({ yaml: '', bodyOffset: 8, bodyStartLine: 3 });
    expect(splitFrontmatter('---\na: 1\n---')).toEqual({ yaml: 'a: 1\n', bodyOffset: 12, bodyStartLine: 3 });
  });

  it('reads CRLF notes and trailing spaces on the fences', () => {
    const text = '---  \r\na: 1\r\n--- \r\nbody';
    const block = splitFrontmatter(text);
    expect(block.yaml).toBe('a: 1\r\n');
    expect(text.slice(block.bodyOffset)).toBe('body');
    expect(block.bodyStartLine).toBe(4);
  });

  it('finds no frontmatter unless the very first line is a fence and a later line closes it', () => {
    const none = { yaml: null, bodyOffset: 0, bodyStartLine: 1 };
    expect(splitFrontmatter('\n---\na: 1\n---\n')).toEqual(none);
    expect(splitFrontmatter('---\na: 1\nno close')).toEqual(none);
    expect(splitFrontmatter('----\na: 1\n----\n')).toEqual(none);
    expect(splitFrontmatter('--- x\na: 1\n---\n')).toEqual(none);
    expect(splitFrontmatter('')).toEqual(none);
  });

  it('does not close on a longer dash line', () => {
    expect(splitFrontmatter('---\na: 1\n----\nb: 2\n---\nbody').yaml).toBe('a: 1\n----\nb: 2\n');
  });

  it('never throws and keeps its offsets consistent on arbitrary text', () => {
    const unit = fc.constantFrom('-', '\n', '\r', ' ', 'a', ':', '\t');
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit, maxLength: 100 })), (s) => {
        const b = splitFrontmatter(s);
        expect(b.bodyOffset).toBeGreaterThanOrEqual(0);
        expect(b.bodyOffset).toBeLessThanOrEqual(s.length);
        expect(b.bodyStartLine).toBe(countLines(s.slice(0, b.bodyOffset)) + 1);
        if (b.yaml !== null) expect(s.startsWith('---')).toBe(true);
      }),
    );
  });
});

describe('countLines', () => {
  it('counts line feeds', () => {
    expect(countLines('')).toBe(0);
    expect(countLines('a\nb\r\nc\n')).toBe(3);
  });
});
