import type { NoteHeading } from '../../contracts/note-meta';

/** The innermost heading (or section head) above `line`, strictly before it; null when none. */
export function enclosingHeading(headings: readonly NoteHeading[], line: number): NoteHeading | null {
  let found: NoteHeading | null = null;
  for (const h of [...headings].sort((a, b) => a.line - b.line)) {
    if (h.line >= line) break;
    found = h;
  }
  return found;
}

/** The headings enclosing `line` (strictly above it), innermost first, each of a lower level than the last. */
export function headingChain(headings: readonly NoteHeading[], line: number): NoteHeading[] {
  const chain: NoteHeading[] = [];
  let level = 7;
  for (const h of [...headings].filter((x) => x.line < line).sort((a, b) => b.line - a.line)) {
    if (h.level < level) {
      chain.push(h);
      level = h.level;
    }
  }
  return chain;
}
