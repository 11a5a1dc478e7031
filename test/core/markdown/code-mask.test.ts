import fc from 'fast-check';
import { maskCode } from '../../../src/core/markdown/code-mask';

const lineCount = (s: string): number => s.split('\n').length;

describe('maskCode', () => {
  it('blanks fenced blocks with backticks and tildes, keeping the lines', () => {
    const text = 'a\n```js\nx [[L]]\n```\nb\n~~~~\ny\n~~~~\nc';
    const masked = maskCode(text);
    expect(masked.split('\n')).toEqual(['a', '     ', '       ', '   ', 'b', '    ', ' ', '    ', 'c']);
  });

  it('needs a closing fence of the same character and at least the same length', () => {
    const masked = maskCode('````\n```\nstill code\n~~~\n````\nafter');
    expect(masked).not.toContain('still code');
    expect(masked.endsWith('after')).toBe(true);
  });

  it('blanks an unclosed fence to the end of the note', () => {
    expect(maskCode('text\n```\ncode\nmore').trim()).toBe('text');
  });

  it('blanks fences inside blockquotes', () => {
    expect(maskCode('> ```\n> [[X]]\n> ```')).not.toContain('[[X]]');
  });

  it('blanks inline code spans of matching backtick runs', () => {
    expect(maskCode('a `x` b ``y ` z`` c')).toBe(`a${' '.repeat(5)}b${' '.repeat(11)}c`);
  });

  it('leaves unmatched backticks and spans across a blank line alone', () => {
    expect(maskCode('a `x b')).toBe('a `x b');
    expect(maskCode('a `x\n\ny` b')).toBe('a `x\n\ny` b');
  });

  it('blanks HTML comments', () => {
    expect(maskCode('a <!-- [[X]]\n --> b')).toBe(`a${' '.repeat(11)}\n${' '.repeat(4)} b`);
  });

  it('does not treat a backtick line with backticks in its info string as a fence', () => {
    // CommonMark: ``` foo ``` on one line is an inline span, not an opening fence.
    expect(maskCode('``` foo ```\n[[Kept]]')).toContain('[[Kept]]');
  });

  it('keeps CRLF line breaks', () => {
    expect(maskCode('```\r\ncode\r\n```\r\nok')).toBe('   \r\n    \r\n   \r\nok');
  });

  it('preserves length and line count on arbitrary text, without throwing', () => {
    const alphabet = fc.constantFrom('`', '~', '\n', '\r', ' ', '>', 'a', '<', '!', '-');
    for (const arb of [fc.string(), fc.string({ unit: alphabet, maxLength: 200 })]) {
      fc.assert(
        fc.property(arb, (s) => {
          const m = maskCode(s);
          expect(m.length).toBe(s.length);
          expect(lineCount(m)).toBe(lineCount(s));
        }),
      );
    }
  });

  it('handles a 5 MB note full of backticks', () => {
    const chunk = 'para with `code` and ``stray ` ticks\n```\nfenced\n```\n';
    const text = chunk.repeat(Math.ceil((5 * 1024 * 1024) / chunk.length));
    const masked = maskCode(text);
    expect(masked.length).toBe(text.length);
    expect(masked).not.toContain('fenced');
  });
});
