import type { NoteHeading } from '../contracts/note-meta';
import { maskCode } from './code-mask';
import { splitFrontmatter } from './frontmatter-block';

/**
 * ATX headings (`## Title`) of a note, as Obsidian's metadata cache lists them: not inside code
 * blocks, not inside the frontmatter. Lines are 1-based.
 */
export function parseHeadings(text: string): NoteHeading[] {
  const { bodyOffset } = splitFrontmatter(text);
  const masked = maskCode(text);
  const originalLines = text.split('\n');
  const headings: NoteHeading[] = [];
  let offset = 0;
  let lineNo = 1;
  for (const rawLine of masked.split('\n')) {
    if (offset >= bodyOffset) {
      const line = rawLine.replace(/\r$/, '');
      const m = /^ {0,3}(#{1,6})(?:[ \t]|$)/.exec(line);
      if (m && m[1]) {
        // Read the text from the original note: masking blanks inline code inside headings.
        const original = (originalLines[lineNo - 1] ?? '').replace(/\r$/, '');
        headings.push({ text: atxHeadingText(original), level: m[1].length, line: lineNo });
      }
    }
    offset += rawLine.length + 1;
    lineNo++;
  }
  return headings;
}

/**
 * The text of an ATX heading line: without the opening hashes, a closing run of hashes, or the
 * spaces around them. Done with plain string steps, not one regex: a lazy `(.*?)` followed by an
 * optional closing sequence backtracks quadratically on a long line of spaces.
 */
export function atxHeadingText(line: string): string {
  const open = /^ {0,3}#{1,6}/.exec(line);
  let rest = (open ? line.slice(open[0].length) : line).trim();
  // A closing sequence is a run of hashes preceded by a space (or the whole rest).
  const close = /(?:^|[ \t])#+$/.exec(rest);
  if (close) rest = rest.slice(0, close.index).trim();
  return rest;
}
