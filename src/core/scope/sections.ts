import type { NoteHeading } from '../contracts/note-meta';

export interface NoteSection {
  heading: NoteHeading;
  /** 1-based line of the heading. */
  startLine: number;
  /** 1-based last line of the section (the line before the next heading, or the note's last line). */
  endLine: number;
  /** The lines after the heading up to `endLine`, joined with `\n`. */
  body: string;
}

/**
 * The innermost sections of a note: each heading with its text up to the next heading of ANY
 * level. `headings` are the note's own (from `parseHeadings` or the vault's metadata); they are
 * taken in line order, and ones that fall outside the text are dropped.
 */
export function splitSections(text: string, headings: readonly NoteHeading[]): NoteSection[] {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  const sorted = [...headings].filter((h) => h.line >= 1 && h.line <= lines.length).sort((a, b) => a.line - b.line);
  return sorted.map((h, i) => {
    const next = sorted[i + 1];
    const endLine = next ? Math.max(h.line, next.line - 1) : lines.length;
    return { heading: h, startLine: h.line, endLine, body: lines.slice(h.line, endLine).join('\n') };
  });
}

/**
 * The text of a heading's whole section: the heading line and everything up to the next heading of
 * the same or a higher level (sub-sections included), stopping early at a sub-heading for which
 * `stopAt` returns true.
 */
export function sectionText(
  text: string,
  headings: readonly NoteHeading[],
  heading: NoteHeading,
  stopAt: (h: NoteHeading) => boolean = () => false,
): string {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  const after = [...headings].filter((h) => h.line > heading.line).sort((a, b) => a.line - b.line);
  const end = after.find((h) => h.level <= heading.level || stopAt(h));
  return lines.slice(heading.line - 1, end ? end.line - 1 : lines.length).join('\n');
}
