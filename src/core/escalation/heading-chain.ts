import type { NoteHeading } from '../contracts/note-meta';

/**
 * The headings that enclose `line`, innermost first: the nearest heading at or above it, then each
 * heading of a lower level above that one. With `strict`, a heading on `line` itself is left out
 * (its ancestors only).
 */
export function enclosingHeadings(headings: readonly NoteHeading[], line: number, strict = false): NoteHeading[] {
  const above = [...headings].filter((h) => h.line <= line).sort((a, b) => b.line - a.line);
  const chain: NoteHeading[] = [];
  let level = 7;
  for (const h of above) {
    if (h.level < level) {
      chain.push(h);
      level = h.level;
    }
  }
  // The heading on the line is taken first so that its ancestors, not the siblings above it, follow it.
  return strict && chain[0]?.line === line ? chain.slice(1) : chain;
}
