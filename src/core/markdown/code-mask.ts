/**
 * Blanks out fenced code blocks, inline code spans and HTML comments, keeping every line break and
 * the length of the text, so scanners for links, headings and markers can run over the result and
 * report offsets and lines that still match the original note.
 */
export function maskCode(text: string): string {
  const out = text.split('');
  const blank = (from: number, to: number): void => {
    for (let i = from; i < to; i++) if (out[i] !== '\n' && out[i] !== '\r') out[i] = ' ';
  };

  // Fenced blocks: a line opening with ``` or ~~~ (up to 3 spaces of indent, possibly inside a
  // blockquote) runs to a closing fence of the same character and at least the same length.
  const lines = text.split('\n');
  let offset = 0;
  let fence: { ch: string; len: number } | null = null;
  let blockStart = 0;
  for (const line of lines) {
    const m = /^(?:>\s?)*\s{0,3}(`{3,}|~{3,})/.exec(line);
    if (fence === null) {
      // A backtick fence's info string cannot hold a backtick (` ``` a ``` ` is an inline span).
      if (m && m[1] && !(m[1][0] === '`' && line.slice(m[0].length).includes('`'))) {
        fence = { ch: m[1][0]!, len: m[1].length };
        blockStart = offset;
      }
    } else if (m && m[1] && m[1][0] === fence.ch && m[1].length >= fence.len && /^(?:>\s?)*\s{0,3}[`~]+\s*$/.test(line)) {
      blank(blockStart, offset + line.length);
      fence = null;
    }
    offset += line.length + 1;
  }
  if (fence !== null) blank(blockStart, text.length);

  // Inline code spans on what is left: a run of N backticks closes at the next run of exactly N.
  const masked = out.join('');
  const res = masked.split('');
  const re = /(`+)/g;
  let m: RegExpExecArray | null;
  // Once a run length has no closer to the end of the note, later runs of that length have none
  // either: remembering it keeps a note full of stray backticks linear rather than quadratic.
  const unclosable = new Set<number>();
  while ((m = re.exec(masked)) !== null) {
    const ticks = m[1]!;
    if (unclosable.has(ticks.length)) continue;
    const close = findClosingRun(masked, m.index + ticks.length, ticks.length);
    if (!close) {
      unclosable.add(ticks.length);
      continue;
    }
    // A code span never crosses a blank line.
    const inner = masked.slice(m.index, close.index + ticks.length);
    if (/\n\s*\n/.test(inner)) continue;
    for (let i = m.index; i < close.index + ticks.length; i++) if (res[i] !== '\n' && res[i] !== '\r') res[i] = ' ';
    re.lastIndex = close.index + ticks.length;
  }

  // HTML comments.
  const withSpans = res.join('');
  return withSpans.replace(/<!--[\s\S]*?-->/g, (c) => c.replace(/[^\r\n]/g, ' '));
}

/** The next run of exactly `n` backticks at or after `from` (no lookbehind: iOS before 16.4 lacks it). */
function findClosingRun(s: string, from: number, n: number): { index: number } | null {
  const re = /`+/g;
  re.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s)) !== null) if (m[0].length === n) return { index: m.index };
  return null;
}
