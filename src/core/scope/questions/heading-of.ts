import type { NoteHeading } from '../../contracts/note-meta';

/**
 * The text of the innermost heading above `line` (strictly before it), or, with `level`, of the
 * nearest heading at that level or above. Null when none.
 */
export function enclosingHeadingText(headings: readonly NoteHeading[], line: number, level = 6): string | null {
  let found: NoteHeading | null = null;
  for (const h of headings) {
    if (h.line >= line) break;
    if (h.level <= level) found = h;
  }
  return found?.text ?? null;
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
