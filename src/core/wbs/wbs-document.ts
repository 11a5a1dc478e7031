/** The overall micro-level plan as the WBS readers see it: its lines, code masked, sections, and where the WBS is. */
import { maskCode } from '../markdown/code-mask';
import { splitFrontmatter } from '../markdown/frontmatter-block';
import { parseHeadings } from '../markdown/headings';
import { readSections, type SectionHead } from '../markdown/note-sections';

export interface WbsDocument {
  text: string;
  /** The note's lines (no `\r`); index 0 is line 1. */
  lines: string[];
  /** The same lines with code blocks, code spans and comments blanked (`maskCode`). */
  masked: string[];
  /** Headings and plain numbered sections (`readSections`). */
  sections: SectionHead[];
  /** Lines of ATX headings. */
  headingLines: Set<number>;
  /** First body line (after the frontmatter), 1-based. */
  bodyStart: number;
  /**
   * The WBS section, 1-based and inclusive (`12. Work Breakdown Structure (WBS)` and its
   * sub-sections), or the whole body when the note has no such section.
   */
  wbs: { start: number; end: number; found: boolean };
}

const WBS_TITLE = /work\s+breakdown|(?:^|[^\p{L}])wbs(?:[^\p{L}]|$)/iu;

export function wbsDocument(text: string): WbsDocument {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  const masked = maskCode(text)
    .split('\n')
    .map((l) => l.replace(/\r$/, ''));
  const headings = parseHeadings(text);
  const sections = readSections(text, headings);
  const bodyStart = splitFrontmatter(text).bodyStartLine;
  return { text, lines, masked, sections, headingLines: new Set(headings.map((h) => h.line)), bodyStart, wbs: wbsRange(sections, bodyStart, lines.length) };
}

/** The first section titled for the WBS, with everything under it; the whole body when there is none. */
function wbsRange(sections: readonly SectionHead[], bodyStart: number, last: number): WbsDocument['wbs'] {
  const head = sections.find((s) => WBS_TITLE.test(s.title));
  if (!head) return { start: bodyStart, end: last, found: false };
  const next = sections.find((s) => s.line > head.line && s.level <= head.level);
  return { start: head.line, end: next ? next.line - 1 : last, found: true };
}

/** Indentation width of a line (a tab counts as four spaces). */
export function indentOf(line: string): number {
  let n = 0;
  for (const c of line) {
    if (c === ' ') n++;
    else if (c === '\t') n += 4;
    else break;
  }
  return n;
}

/** The content of a list item (`- x`, `* x`, `1. x`, `1) x`), without its marker, or null. */
export function itemContent(line: string): { marker: string; content: string } | null {
  const m = /^\s*([-*+]|\d{1,3}[.)])\s+(?:\[[ xX/-]\]\s+)?(.*)$/.exec(line);
  return m ? { marker: m[1]!, content: m[2]! } : null;
}

/** `**Entry Criteria**: Epic 1 complete`, `Exit: builds` → label kind and text; null for other lines. */
export function criteriaLine(line: string): { kind: 'entry' | 'exit'; text: string } | null {
  const t = line
    .replace(/\*\*|__/g, '')
    .replace(/^\s*(?:[-*+]\s+)?/, '')
    .trim();
  const m = /^(?:epic\s+|workstream\s+)?(entry|exit)(?:\s+criteria)?\s*[:—–-]\s*(.*)$/i.exec(t);
  return m ? { kind: m[1]!.toLowerCase() as 'entry' | 'exit', text: m[2]!.trim() } : null;
}
