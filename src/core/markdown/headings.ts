import type { NoteHeading } from '../vault/vault-port';
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
      const m = /^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/.exec(line) ?? /^ {0,3}(#{1,6})$/.exec(line);
      if (m && m[1]) {
        // Read the text from the original note: masking blanks inline code inside headings.
        const original = originalLines[lineNo - 1] ?? '';
        const om = /^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*\r?$/.exec(original);
        headings.push({ text: (om?.[1] ?? '').trim(), level: m[1].length, line: lineNo });
      }
    }
    offset += rawLine.length + 1;
    lineNo++;
  }
  return headings;
}
