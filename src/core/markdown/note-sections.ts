/**
 * The sections of a planning note as its author meant them: ATX headings (`## 2. System
 * Decomposition`) and also plain numbered lines (`2. System Decomposition`, `2.1 Components`), which
 * is how most notes written with the upstream meso and micro prompts number their twelve or sixteen
 * sections. Obsidian renders such a line as a list item, so there is no heading to link to: a plan
 * cites it as `[[meso-level-plan]] §2.1 Components` instead (see `citeSection` in `vault/`).
 */
import type { NoteHeading } from '../contracts/note-meta';
import { maskCode } from './code-mask';
import { splitFrontmatter } from './frontmatter-block';
import { parseHeadings } from './headings';

/**
 * A section head: a heading, or a plain numbered line read as one. It is a `NoteHeading` (text,
 * level, line), so every reader of headings can take the list as it is.
 */
export interface SectionHead extends NoteHeading {
  /** `heading` for an ATX heading, `numbered` for a plain numbered line. */
  kind: 'heading' | 'numbered';
  /** `2.1` for `2.1 Components` (a trailing dot dropped); null when the heading carries no number. */
  number: string | null;
  /** The words after the number (`Components`), emphasis removed. */
  title: string;
}

/** A top-level plain line: `2. System Decomposition`, `**2. System Decomposition**`. */
const TOP = /^(\d{1,2})\.\s+(.+)$/;
/** A sub-section line: `2.1 Components`, `2.1. Components`, `10.2.3 Retries`. */
const SUB = /^(\d{1,2}(?:\.\d{1,2})+)\.?\s+(.+)$/;
/** Plain top-level runs shorter than this are ordinary lists, not the note's sections. */
const MIN_TOP_RUN = 3;
const MAX_TITLE = 100;

interface Candidate {
  line: number;
  number: string;
  /** Top-level number as an integer (`2` for `2` and for `2.1`). */
  top: number;
  title: string;
  text: string;
  /** False when the next line is indented under it, as a list item's children are; sections run on at the margin. */
  flush: boolean;
}

/**
 * The section heads of a note in line order: its ATX headings (as given, or parsed from the text)
 * and the plain numbered lines that number its sections. Plain top-level lines count only when the
 * note does not number its top-level sections with headings already, and only as the longest run
 * of lines whose numbers increase (so a numbered list elsewhere in the note is not read as
 * sections); a plain `N.M` line counts when it stands inside section `N`. Never throws.
 */
export function readSections(text: string, headings?: readonly NoteHeading[]): SectionHead[] {
  const atx = (headings ?? parseHeadings(text)).map(headingHead);
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  const masked = maskCode(text).split('\n');
  const atxLines = new Set(atx.map((h) => h.line));
  const start = splitFrontmatter(text).bodyStartLine;
  const tops: Candidate[] = [];
  const subs: Candidate[] = [];
  for (let i = start - 1; i < lines.length; i++) {
    const lineNo = i + 1;
    if (atxLines.has(lineNo)) continue;
    const m = masked[i] ?? '';
    // Up to three spaces of indent, as for a heading; code and comments are masked out.
    if (!/^ {0,3}\S/.test(m) || m.trim() === '') continue;
    const c = candidateOf(lines[i]!, lineNo, nextLineIndented(masked, i));
    if (!c) continue;
    (c.number.includes('.') ? subs : tops).push(c);
  }

  const numberedAtxTops = atx.filter((h) => h.number !== null && !h.number.includes('.'));
  const plainTops = numberedAtxTops.length >= 2 ? [] : increasingRun(tops);
  const out: SectionHead[] = [...atx];
  const base = plainTopLevel(atx, plainTops[0]?.line);
  for (const c of plainTops) out.push({ kind: 'numbered', number: c.number, title: c.title, text: c.text, line: c.line, level: base });

  // Where each top-level section (heading or plain) starts and ends.
  const topHeads = [...numberedAtxTops, ...out.filter((h) => h.kind === 'numbered')].sort((a, b) => a.line - b.line);
  const rangeOf = (n: number, line: number): SectionHead | null => {
    const own = topHeads.filter((h) => h.number === String(n) && h.line < line).pop();
    if (!own) return null;
    const next = topHeads.find((h) => h.line > own.line);
    return next && next.line < line ? null : own;
  };
  for (const c of subs) {
    const parent = rangeOf(c.top, c.line);
    if (!parent) continue;
    const depth = c.number.split('.').length - 1;
    out.push({ kind: 'numbered', number: c.number, title: c.title, text: c.text, line: c.line, level: Math.min(6, parent.level + depth) });
  }
  return out.sort((a, b) => a.line - b.line);
}

function headingHead(h: NoteHeading): SectionHead {
  const plain = stripEmphasis(h.text);
  const m = /^(\d+(?:\.\d+)*)\.?(?:\s+(.*))?$/.exec(plain);
  return { text: h.text, level: h.level, line: h.line, kind: 'heading', number: m ? m[1]! : null, title: m ? (m[2] ?? '').trim() : plain };
}

/** A line that could number a section: `N. Title` or `N.M Title`, the title short and title-like. */
function candidateOf(line: string, lineNo: number, indentedNext: boolean): Candidate | null {
  const raw = line.trim();
  // `**2. System Decomposition**` is bold as a whole; `1. **Payment** (BLOCKS: …)` is a list item
  // whose first words are bold, not a section.
  const whole = /^(\*\*|__)(.+)\1$/.exec(raw);
  const body = whole ? whole[2]!.trim() : raw;
  const m = SUB.exec(body) ?? TOP.exec(body);
  if (!m) return null;
  const rest = m[2]!.trim();
  if (/\*\*|__/.test(rest) && !/^(\*\*|__)[^*_]+\1$/.test(rest)) return null;
  const title = stripEmphasis(rest);
  if (title.length === 0 || title.length > MAX_TITLE || !/^[\p{L}\p{N}(]/u.test(title)) return null;
  if (/[.;,:]$/.test(title) || /[.;:]\s/.test(title)) return null;
  const number = m[1]!;
  return { line: lineNo, number, top: Number(number.split('.')[0]), title, text: `${number}${number.includes('.') ? '' : '.'} ${title}`, flush: !indentedNext };
}

/** True when the next non-blank line after index `i` is indented by two spaces or more. */
function nextLineIndented(masked: readonly string[], i: number): boolean {
  for (let j = i + 1; j < masked.length; j++) {
    const l = masked[j]!;
    if (l.trim() === '') continue;
    return /^(?: {2,}|\t)/.test(l);
  }
  return false;
}

function stripEmphasis(s: string): string {
  return s.replace(/\*\*|__/g, '').replace(/\s+/g, ' ').trim();
}

/**
 * The best run of candidates, in line order, whose numbers strictly increase (gaps allowed: a note
 * may skip a section). A candidate followed at the margin weighs twice one with indented children
 * (a list item, such as an epic with its tasks), so the note's sections beat a numbered list inside
 * one of them; among equal runs the later candidates win, since a note's sections follow its
 * preamble (restated inputs, open questions). A run of fewer than `MIN_TOP_RUN` lines: none.
 */
function increasingRun(cands: readonly Candidate[]): Candidate[] {
  const n = cands.length;
  if (n === 0) return [];
  const weight = (c: Candidate): number => (c.flush ? 2 : 1);
  const score = cands.map(weight);
  const len = new Array<number>(n).fill(1);
  const prev = new Array<number>(n).fill(-1);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      if (cands[j]!.top < cands[i]!.top && score[j]! + weight(cands[i]!) >= score[i]!) {
        score[i] = score[j]! + weight(cands[i]!);
        len[i] = len[j]! + 1;
        prev[i] = j;
      }
    }
  }
  let end = 0;
  for (let i = 1; i < n; i++) if (score[i]! >= score[end]!) end = i;
  if (len[end]! < MIN_TOP_RUN) return [];
  const run: Candidate[] = [];
  for (let i = end; i >= 0; i = prev[i]!) run.push(cands[i]!);
  return run.reverse();
}

/** The level plain top-level sections take: one below the last unnumbered heading above the first of them (a note title), else 1. */
function plainTopLevel(atx: readonly SectionHead[], firstLine: number | undefined): number {
  if (firstLine === undefined) return 1;
  const above = atx.filter((h) => h.line < firstLine && h.number === null);
  const min = above.reduce((m, h) => Math.min(m, h.level), 7);
  return min === 1 ? 2 : 1;
}

/** True for a plain numbered line read as a section (not an ATX heading). */
export function isNumberedLine(h: NoteHeading): boolean {
  return (h as Partial<SectionHead>).kind === 'numbered';
}

/** A `§2.1 Components` citation in a plan's text. */
export interface SectionCitation {
  /** `2.1`. */
  number: string;
  /** The title as cited, or '' when only the number is given. */
  title: string;
  /** 1-based line. */
  line: number;
  /** Offset of the `§` in the text. */
  offset: number;
  /** The citation as written (`§2.1 Components`). */
  raw: string;
}

const CITATION = /§\s?(\d{1,2}(?:\.\d{1,2})*)\.?(?:[ \t]+([^\n§[\]|;,)(]*[^\s\n§[\]|;,)(.:—–-]))?/g;

/** Every `§N.M Title` citation outside code, in order. The title runs to the end of the line or to `;`, `,`, `)`, `|`, ` — `. */
export function parseCitations(text: string): SectionCitation[] {
  const masked = maskCode(text);
  const out: SectionCitation[] = [];
  CITATION.lastIndex = 0;
  let m: RegExpExecArray | null;
  let line = 1;
  let scanned = 0;
  while ((m = CITATION.exec(masked)) !== null) {
    for (; scanned < m.index; scanned++) if (masked.charCodeAt(scanned) === 10) line++;
    const raw = text.slice(m.index, m.index + m[0].length);
    const title = (m[2] ?? '').split(/\s[—–-]\s/)[0]!.trim();
    out.push({ number: m[1]!, title: stripEmphasis(title), line, offset: m.index, raw });
  }
  return out;
}

/** Titles compare case-insensitively, without punctuation; a cited title may stop short (`Work Breakdown Structure` for `Work Breakdown Structure (WBS)`). */
function sameTitle(cited: string, actual: string): boolean {
  const n = (s: string): string =>
    s
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();
  const a = n(cited);
  const b = n(actual);
  return a === '' || a === b || b.startsWith(`${a} `) || a.startsWith(`${b} `);
}

/**
 * The section of `sections` a citation names: the one with its number (headings and plain lines
 * alike) whose title agrees with the cited one, or null when the note has no such section.
 */
export function findCitedSection(sections: readonly SectionHead[], number: string, title: string): SectionHead | null {
  const want = number.replace(/\.$/, '');
  return sections.find((s) => s.number === want && sameTitle(title, s.title)) ?? null;
}
