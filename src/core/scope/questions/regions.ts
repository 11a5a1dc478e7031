/**
 * Finds the blocks of a planning note that hold open questions and cuts them into items. The
 * upstream prompts ask for "Open Questions and Blocked Decisions" before the numbered sections when
 * inputs are missing, and for "Risks, Assumptions, and Open Questions" as a numbered section; authors
 * write these as headings, numbered lines or plain lines, with list items, numbered items or tables.
 */
import { splitFrontmatter } from '../../markdown/frontmatter-block';
import type { NoteHeading } from '../../contracts/note-meta';
import { isNumberedLine, type SectionHead } from '../../markdown/note-sections';
import { withoutFences } from '../section-entries';
import type { QuestionItem, QuestionRegion } from './question';

/** A title that announces open questions ("Open Questions", "Blocked Decisions", "Pending decisions"…). */
export const OPEN_TITLE = /\b(?:open|unresolved|outstanding|pending)\s+(?:questions?|issues?|decisions?|items?)\b|\bblocked\s+decisions?\b/i;
const COMBINED = /\brisks?\b|\bassumptions?\b/i;

const LIST_ITEM = /^(\s*)(?:[-*+]|\d+[.)])\s+(.*)$/;
/** Plain titles that sort the questions of one block ("Requirements", "Constraints & NFRs", "Assumptions (provisional)"). */
const GROUP_TITLE =
  /^(?:(?:top|key|open|other|technical|product|business|general|proposed|provisional|working|blocked)\s+)*(?:requirements?|nfrs?|non-functional|constraints?|dependencies|risks?|assumptions?|validation|questions?|decisions?|scope|data|security|privacy|ux|design|infrastructure|operations|ops|hosting|delivery|testing|performance|integrations?|mitigations?)\b/i;
const TABLE_ROW = /^\s*\|.*\|\s*$/;
const TABLE_SEPARATOR = /^\s*\|?(?:\s*:?-{2,}:?\s*\|)+\s*:?-*:?\s*\|?\s*$/;
const RULE = /^\s{0,3}(?:[-*_]\s*){3,}$/;

/** Text without emphasis markers and a trailing colon. */
function plain(s: string): string {
  return s
    .replace(/\*\*|__/g, '')
    .replace(/^[*_]|[*_]$/g, '')
    .trim()
    .replace(/:$/, '')
    .trim();
}

/** A line that reads as a title rather than a sentence: short, no question mark, no sentence end. */
function titleLike(s: string): boolean {
  const t = plain(s);
  return t.length > 0 && t.length <= 80 && !/[?]/.test(t) && !/[.!]$/.test(t);
}

/**
 * The region a line opens, if it is an open-questions title: a section head (an ATX heading or a
 * numbered line that `readSections` reads as a section), or a plain or bold line of its own.
 */
function regionAt(line: string, lineNo: number, heading: NoteHeading | undefined): QuestionRegion | null {
  if (heading) {
    const numbered = isNumberedLine(heading);
    const s = heading as Partial<SectionHead>;
    const m = /^(\d+(?:\.\d+)*)\.?\s+(.*)$/.exec(plain(heading.text));
    const title = plain(s.title ?? (m ? m[2]! : heading.text));
    if (!OPEN_TITLE.test(title)) return null;
    const number = s.number ?? (m ? m[1]! : null);
    return { title, line: lineNo, kind: numbered ? 'numbered' : 'heading', number, combined: COMBINED.test(title) };
  }
  const t = line.trim();
  if (t === '' || /^\s/.test(line) || TABLE_ROW.test(line) || LIST_ITEM.test(line)) return null;
  if (OPEN_TITLE.test(t) && titleLike(t)) {
    const title = plain(t);
    return { title, line: lineNo, kind: 'line', number: null, combined: COMBINED.test(title) };
  }
  return null;
}

/** A label that sorts the items after it: "Requirements", "Assumptions (provisional)", "Risks", "**Risks**". */
function groupOf(label: string, region: QuestionRegion): QuestionItem['group'] | 'skip' {
  const t = plain(label).toLowerCase();
  if (/^(?:top\s+|key\s+)?risks?\b/.test(t) || /^mitigations?\b/.test(t) || /^validation\s+plan\b/.test(t)) return 'skip';
  if (/^(?:key\s+|working\s+|proposed\s+)?assumptions?\b/.test(t)) return 'assumption';
  if (OPEN_TITLE.test(t) || /^(?:questions?|decisions?)\b/.test(t)) return 'question';
  return region.combined ? 'mixed' : 'question';
}

/** An item's content that is only a group label ("- Risks", "- **Assumptions:**"). */
const LABEL_ONLY = /^(?:\*\*|__)?\s*(?:top\s+|key\s+|working\s+|proposed\s+)?(?:risks?|assumptions?|open\s+questions?|questions|decisions|blocked\s+decisions|mitigations?)(?:\s*\([^)]*\))?\s*(?:\*\*|__)?\s*:?\s*(?:\*\*|__)?\s*$/i;

/** A line that starts with one of the labels a question's facts are written under. */
export const FACT_LABEL =
  /^\s*(?:[-*+]\s+|\d+[.)]\s+)?(?:\*\*|__)?\s*(?:blocks?|blocking|blocked(?:\s+decisions?)?|recommendations?|proposed\s+assumptions?|assumptions?|validation|validate|status|resolution|decision|decided|answer|mitigation|impact|owner|options?(?:\s+[A-Z])?|context|question|notes?)\s*(?:\*\*|__)?\s*:/i;

/** Conventions that make a plain line a question: `(BLOCKS: …)`, `(NOT BLOCKING: …)`, a fact label. */
const QUESTION_CONVENTION = /\((?:not\s+|non[- ]?)?blocking\b|\(blocks\s*:|\*\*\s*(?:blocks|proposed\s+assumption)\s*\*\*\s*:/i;

/**
 * Every item of every open-questions block of a note, in document order. `headings` are the note's
 * section heads (`readSections`: ATX headings and plain numbered section lines). Items are:
 * - list items at the block's outermost indent (deeper lines belong to them), except that the
 *   nested items of a label-only item ("- Risks", "- **Assumptions:**") are items of that group;
 * - under a heading title, a sub-heading that is one question (followed by prose or by fact lines
 *   such as `**Blocks**:`), with its body;
 * - plain lines that carry a question convention (`(BLOCKS: …)`), with the fact lines after them;
 * - data rows of tables, except risk tables (a "Risk" column and no "Question" column);
 * - plain lines that ask something.
 * Plain title-like lines ("Requirements", "Assumptions (provisional)", "Risks") sort what follows;
 * risks and validation plans are skipped. Never throws.
 */
export function questionItems(text: string, headings: readonly NoteHeading[]): QuestionItem[] {
  // Fenced blocks go; code spans stay, so an assumption such as `frame-src 'self'` is quoted whole.
  const masked = withoutFences(text);
  const headingAt = new Map(headings.map((h) => [h.line, h]));
  const start = splitFrontmatter(text).bodyStartLine;
  const items: QuestionItem[] = [];

  let region: QuestionRegion | null = null;
  let regionLevel = 7;
  let group: QuestionItem['group'] | 'skip' = 'question';
  /** Indent of the current items; -1 while a heading item takes every line up to the next heading. */
  let indent: number | null = null;
  let current: QuestionItem | null = null;
  /** Inside a label-only item: its indent and group; its nested items are items. */
  let labelled: { indent: number; group: QuestionItem['group'] | 'skip' } | null = null;
  let header: string[] | null = null;
  let riskTable = false;
  let blankBefore = false;

  const reset = (): void => {
    current = null;
    indent = null;
    labelled = null;
    header = null;
  };
  const push = (item: QuestionItem): QuestionItem => {
    items.push(item);
    return item;
  };

  for (let n = start; n <= masked.length; n++) {
    const line = masked[n - 1] ?? '';
    const heading = headingAt.get(n);
    const opened = regionAt(line, n, heading);
    if (opened) {
      reset();
      region = opened;
      regionLevel = heading ? heading.level : 7;
      group = opened.combined ? 'mixed' : 'question';
      blankBefore = false;
      continue;
    }
    if (region === null) continue;
    const r: QuestionRegion = region;
    if (heading) {
      // A section head at the block's level or above ends it (any one ends a block without one).
      if (r.kind === 'line' || heading.level <= regionLevel) {
        reset();
        region = null;
        continue;
      }
      reset();
      const title = headTitle(heading);
      const label = groupOf(title, r);
      if (isGroupLabel(title) || !startsQuestionBody(masked, n)) {
        group = label;
        continue;
      }
      current = group === 'skip' ? null : push(newItem(n, line, group === 'mixed' ? 'question' : group, r));
      indent = -1;
      continue;
    }
    if (RULE.test(line) && !TABLE_SEPARATOR.test(line)) {
      reset();
      region = null;
      continue;
    }
    if (line.trim() === '') {
      blankBefore = true;
      continue;
    }
    const wasBlank = blankBefore;
    blankBefore = false;

    if (TABLE_ROW.test(line)) {
      if (indent !== -1) current = null;
      const next = masked[n] ?? '';
      if (TABLE_SEPARATOR.test(line)) continue;
      const cells = splitRow(line);
      if (TABLE_SEPARATOR.test(next)) {
        header = cells;
        const h = cells.map((c) => plain(c).toLowerCase());
        riskTable = h.some((c) => /\brisks?\b/.test(c)) && !h.some((c) => /\b(?:questions?|decisions?)\b/.test(c));
        continue;
      }
      if (riskTable || group === 'skip') continue;
      push({ lines: [n], texts: [line], kind: 'table', header: header ?? [], cells, group, region: r });
      continue;
    }
    header = null;
    riskTable = false;

    const cur: QuestionItem | null = current;
    if (indent === -1) {
      if (cur) {
        cur.lines.push(n);
        cur.texts.push(line);
      }
      continue;
    }
    const lead = line.length - line.trimStart().length;
    const m = LIST_ITEM.exec(line);
    if (m) {
      const content = m[2]!;
      if (labelled && lead <= labelled.indent) labelled = null;
      if (labelled) {
        // Nested items of a label-only item are items of that group.
        if (indent === null || indent <= labelled.indent || lead <= indent) {
          indent = lead;
          current = labelled.group === 'skip' ? null : push(newItem(n, line, labelled.group, r));
        } else if (cur) {
          cur.lines.push(n);
          cur.texts.push(line);
        }
        continue;
      }
      if (indent === null || lead <= indent) {
        // A fact line written as a list item right under a plain question line belongs to it.
        if (cur && cur.kind === 'line' && FACT_LABEL.test(line)) {
          cur.lines.push(n);
          cur.texts.push(line);
          continue;
        }
        indent = lead;
        if (LABEL_ONLY.test(content)) {
          labelled = { indent: lead, group: groupOf(content, r) };
          current = null;
          continue;
        }
        current = group === 'skip' ? null : push(newItem(n, line, group, r));
        continue;
      }
    }
    if (cur && indent !== null && (lead > indent || (cur.kind === 'line' && FACT_LABEL.test(line)))) {
      cur.lines.push(n);
      cur.texts.push(line);
      continue;
    }
    current = null;
    labelled = null;
    if (!m && QUESTION_CONVENTION.test(line)) {
      indent = lead;
      current = group === 'skip' ? null : push({ lines: [n], texts: [line], kind: 'line', header: [], cells: [], group: group === 'mixed' ? 'question' : group, region: r });
      continue;
    }
    // After a blank line, a plain title that is no group of questions ("Received Inputs Summary")
    // starts the note's next part: a block titled by a plain line ends there.
    if (!m && r.kind === 'line' && wasBlank && titleLike(line) && !GROUP_TITLE.test(plain(line))) {
      reset();
      region = null;
      continue;
    }
    // A plain title-like line sorts the items after it ("Requirements", "Risks").
    if (!m && titleLike(line) && (wasBlank || !line.includes(':') || /:\s*$/.test(line))) {
      group = groupOf(line, r);
      indent = null;
      continue;
    }
    if (group !== 'skip' && line.includes('?')) push({ lines: [n], texts: [line], kind: 'line', header: [], cells: [], group, region: r });
  }
  return items;
}

/** A section head's words without its number: `Risks` for `8.1 Risks`. */
function headTitle(h: NoteHeading): string {
  const s = h as Partial<SectionHead>;
  return plain(s.title ?? h.text.replace(/^\d+(?:\.\d+)*\.?\s+/, ''));
}

/** "Risks", "Assumptions", "Open questions", "Decisions": a heading or line that only sorts items. */
function isGroupLabel(text: string): boolean {
  return LABEL_ONLY.test(text.trim()) || OPEN_TITLE.test(text);
}

/**
 * Does the body under the heading on line `n` read as one question (prose, or fact lines such as
 * `- **Blocks**: …`) rather than a list of separate questions?
 */
function startsQuestionBody(masked: string[], n: number): boolean {
  for (let i = n; i < masked.length; i++) {
    const line = masked[i]!;
    if (line.trim() === '') continue;
    if (/^\s{0,3}#{1,6}(?:\s|$)/.test(line)) return true;
    return !LIST_ITEM.test(line) || FACT_LABEL.test(line);
  }
  return true;
}

function newItem(n: number, line: string, group: QuestionItem['group'], region: QuestionRegion): QuestionItem {
  return { lines: [n], texts: [line], kind: 'list', header: [], cells: [], group, region };
}

/** A table row's cells, trimmed (the outer pipes dropped). */
export function splitRow(line: string): string[] {
  return line
    .trim()
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((c) => c.trim());
}
