import type { Escalation } from '../../contracts/escalation';
import { maskCode } from '../../markdown/code-mask';
import { splitFrontmatter } from '../../markdown/frontmatter-block';
import { namesWorkstream } from '../../scope/names-workstream';
import { splitSections, type NoteSection } from '../../scope/sections';
import type { NoteHeading } from '../../contracts/note-meta';
import type { EscalationContext, EscalationMeso } from '../context';
import { formatWikilink } from '../../vault/wikilinks';
import { escalationFor, headingLink, mesoEvidence, mesoTarget, plannedWorkstreamName, quoteLine, quoted } from '../evidence';
import { enclosingHeadings } from '../heading-chain';
import { liveMarker } from '../open-markers';

export const RULE = 'unresolved-decision';

/**
 * Headings whose items are open questions: "Open questions", "Open issues", "Open decisions",
 * "Unresolved questions", "Outstanding issues", "Pending decisions" (any level, any case).
 */
const OPEN_HEADING = /\b(?:open|unresolved|outstanding|pending)\s+(?:questions?|issues?|decisions?|items?)\b/i;

/** An item stated as settled: it says resolved, confirmed, decided, answered, closed or non-blocking. */
const SETTLED = /\b(?:resolved|confirmed|decided|answered|closed|non[- ]?blocking|not\s+blocking)\b/i;
/** …unless it says the opposite. */
const UNSETTLED = /\b(?:unresolved|undecided|unconfirmed|(?:not|never)\s+(?:yet\s+)?(?:resolved|confirmed|decided|answered|closed))\b/i;
/** An item that is only "None" / "N/A" / "Nothing open". */
const EMPTY_ITEM = /^(?:none|n\/a|nothing(?:\s+open)?)\b[\s.!]*$/i;

const LIST_ITEM = /^(\s*)(?:[-*+]|\d+[.)])\s+(.*)$/;
const TABLE_ROW = /^\s*\|.*\|\s*$/;
const TABLE_SEPARATOR = /^\s*\|?(?:\s*:?-{2,}:?\s*\|)+\s*:?-*:?\s*\|?\s*$/;

/** A quoted line as prose: a table row becomes its cells. */
function rowOrLine(line: string): string {
  return TABLE_ROW.test(line) ? tableRowText(line) : line;
}

/** A table row's cells as one line of text: `Dashboard tool: Superset or Metabase — Serving — Open`. */
function tableRowText(line: string): string {
  return line
    .trim()
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((c) => c.trim())
    .filter((c) => c !== '')
    .join(' — ');
}

interface Hit {
  line: number;
  why: string;
  /** The question to ask about it. */
  question: string;
}

interface Item {
  line: number;
  /** First line and continuation lines, code masked, joined with spaces. */
  text: string;
  lines: number[];
}

/**
 * The top-level items of an open-questions section: list items at the section's outermost indent
 * (nested lines belong to their item), and plain lines that ask something (contain `?`).
 */
function itemsOf(section: NoteSection, masked: string[]): Item[] {
  const items: Item[] = [];
  let indent: number | null = null;
  let current: Item | null = null;
  for (let n = section.startLine + 1; n <= section.endLine; n++) {
    const line = masked[n - 1] ?? '';
    if (line.trim() === '') continue;
    // A decisions table: each data row is an item (its header row and the separator are not).
    if (TABLE_ROW.test(line)) {
      current = null;
      const next = masked[n] ?? '';
      if (TABLE_SEPARATOR.test(line) || TABLE_SEPARATOR.test(next)) continue;
      items.push({ line: n, text: tableRowText(line), lines: [n] });
      continue;
    }
    const lead = line.length - line.trimStart().length;
    const isItem = LIST_ITEM.test(line);
    if (isItem && (indent === null || lead <= indent)) {
      indent = lead;
      current = { line: n, text: line.trim(), lines: [n] };
      items.push(current);
    } else if (current && indent !== null && lead > indent) {
      current.text += ` ${line.trim()}`;
      current.lines.push(n);
    } else {
      // A plain line at the items' indent ends the list; it is a question of its own if it asks one.
      current = null;
      if (line.includes('?')) items.push({ line: n, text: line.trim(), lines: [n] });
    }
  }
  return items;
}

function isSettled(item: Item): boolean {
  if (/^\s*(?:[-*+]|\d+[.)])\s+\[[xX]\]/.test(item.text)) return true;
  const content = item.text.replace(/^\s*(?:[-*+]|\d+[.)])\s+(?:\[ \]\s*)?/, '');
  if (/^~~.*~~$/.test(content.trim())) return true;
  if (EMPTY_ITEM.test(content.trim())) return true;
  if (UNSETTLED.test(content)) return false;
  return SETTLED.test(content);
}

/** An open question's text as a question for the escalation. */
function asQuestion(text: string): string {
  const t = text.replace(/^\s*(?:[-*+]|\d+[.)])\s+(?:\[ \]\s*)?/, '').trim();
  return t.endsWith('?') ? t : `What is the decision on: ${t.replace(/[.:;]+$/, '')}?`;
}

/** All unsettled markers and open questions of one innermost section that concern the workstream. */
function hitsIn(
  ctx: EscalationContext,
  meso: EscalationMeso,
  section: NoteSection,
  masked: string[],
  bodyStartLine: number,
  name: string,
): Hit[] {
  const id = ctx.workstreamId;
  const chain = enclosingHeadings(meso.headings, section.startLine);
  const sectionNamesIt = chain.some((h) => namesWorkstream(h.text, id, name));
  const hits: Hit[] = [];
  const skip = new Set<number>();

  if (chain.some((h) => OPEN_HEADING.test(h.text))) {
    for (const item of itemsOf(section, masked)) {
      if (isSettled(item)) {
        item.lines.forEach((n) => skip.add(n));
        continue;
      }
      if (!sectionNamesIt && !namesWorkstream(item.text, id, name)) continue;
      item.lines.forEach((n) => skip.add(n));
      hits.push({ line: item.line, why: 'an open question not marked resolved', question: asQuestion(item.lines.map((n) => rowOrLine(quoteLine(meso.text, n) ?? '')).join(' ')) });
    }
  }

  for (let n = Math.max(section.startLine, bodyStartLine); n <= section.endLine; n++) {
    if (skip.has(n)) continue;
    const line = masked[n - 1] ?? '';
    const label = liveMarker(line);
    if (label === null) continue;
    const marker = { label };
    if (!sectionNamesIt && !namesWorkstream(line, id, name)) continue;
    const quote = quoteLine(meso.text, n) ?? '';
    hits.push({
      line: n,
      why: `marked ${marker.label}`,
      question: `What was decided for ${quoted(quote)} (line ${n}, marked ${marker.label})?`,
    });
  }
  return hits.sort((a, b) => a.line - b.line);
}

/** Text before the first heading: its own section, linked to the note itself. */
function leadSection(text: string, headings: readonly NoteHeading[]): NoteSection | null {
  const first = Math.min(...headings.map((h) => h.line), text.split('\n').length + 1);
  if (first <= 1) return null;
  return { heading: { text: '', level: 0, line: 0 }, startLine: 0, endLine: first - 1, body: '' };
}

/**
 * Escalates, once per innermost meso section, when a decision the planned workstream needs is still
 * open there:
 * - a line carrying TBD, TODO (whole words, any case), `??` or `[NEEDS DECISION]` outside code,
 *   where the line or an enclosing heading names the workstream (its id as a whole word, or its name);
 * - an item under an open-questions heading ("Open questions", "Open issues", … at any level) that
 *   names the workstream (or sits under a heading that does) and is not ticked (`- [x]`), struck
 *   through, "None", or stated as resolved, confirmed, decided, answered, closed or non-blocking.
 * Items that are settled are not scanned for markers either.
 */
export function unresolvedDecision(ctx: EscalationContext): Escalation[] {
  const meso = ctx.meso;
  if (meso === null) return [];
  const id = ctx.workstreamId;
  const name = plannedWorkstreamName(ctx);
  const masked = maskCode(meso.text).split('\n');
  const { bodyStartLine } = splitFrontmatter(meso.text);
  const lead = leadSection(meso.text, meso.headings);
  const sections = [...(lead ? [lead] : []), ...splitSections(meso.text, meso.headings)];

  const out: Escalation[] = [];
  for (const section of sections) {
    const hits = hitsIn(ctx, meso, section, masked, bodyStartLine, name);
    if (hits.length === 0) continue;
    const isLead = section.heading.level === 0;
    const where = isLead ? 'the opening of the meso plan' : quoted(section.heading.text);
    const count = hits.length === 1 ? 'a decision' : `${hits.length} decisions`;
    out.push(
      escalationFor(ctx, RULE, {
        blocker: `The meso plan leaves ${count} open in ${where} that ${id} depends on, so its plan would have to guess.`,
        mesoSection: isLead ? `${formatWikilink(mesoTarget(ctx, meso))} (before the first heading)` : headingLink(ctx, meso, section.heading),
        evidence: hits.map((h) => mesoEvidence(meso, h.line, h.why)),
        questions: hits.map((h) => h.question),
        recommendation: `Record the decision${hits.length === 1 ? '' : 's'} in ${where} of ${meso.path}: replace each marker with what was decided, or mark the open question "Resolved:" with its answer (or "non-blocking" if ${id} can proceed without it), then plan again.`,
        file: meso.path,
        line: hits[0]!.line,
      }),
    );
  }
  return out;
}
