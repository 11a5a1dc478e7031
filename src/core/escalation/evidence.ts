/**
 * Shared phrasing for the rules: where a piece of evidence is, quoted so the reader can find it,
 * and which meso-plan section it belongs to. Kept in one place so every rule words them the same way.
 */
import type { Escalation } from '../contracts/escalation';
import { citeSection } from '../vault/cite-section';
import { formatWikilink } from '../vault/wikilinks';
import type { NoteHeading } from '../contracts/note-meta';
import type { EscalationContext, EscalationMeso } from './context';

/** Quotes longer than this are cut with an ellipsis so evidence stays one readable line. */
const MAX_QUOTE = 160;

/** The planned workstream's name: the WBS's first, else the meso plan's, else empty. */
export function plannedWorkstreamName(ctx: EscalationContext): string {
  const fromWbs = ctx.wbs.workstreams.find((w) => w.id === ctx.workstreamId && w.name.trim() !== '');
  if (fromWbs) return fromWbs.name.trim();
  const fromMeso = ctx.mesoMentions.find((m) => m.id === ctx.workstreamId && m.name && m.name.trim() !== '');
  // `find` kept only mentions with a name.
  return fromMeso ? fromMeso.name!.trim() : '';
}

/** `W2: Inspection API`, or `W2` when no name is known. */
export function workstreamLabel(id: string, name: string): string {
  return name ? `${id}: ${name}` : id;
}

/** Fills the fields every escalation of the planned workstream shares. */
export function escalationFor(
  ctx: EscalationContext,
  rule: string,
  fields: Omit<Escalation, 'rule' | 'workstreamId' | 'workstreamName'>,
): Escalation {
  const out: Escalation = {
    rule,
    workstreamId: ctx.workstreamId,
    workstreamName: plannedWorkstreamName(ctx),
    blocker: fields.blocker,
    mesoSection: fields.mesoSection,
    evidence: fields.evidence,
    questions: fields.questions,
    recommendation: fields.recommendation,
  };
  if (fields.file !== undefined) out.file = fields.file;
  if (fields.line !== undefined) out.line = fields.line;
  return out;
}

/** One line of a note, trimmed and shortened, or null when the line does not exist. */
export function quoteLine(text: string, line: number): string | null {
  const raw = text.split('\n')[line - 1];
  if (raw === undefined) return null;
  const trimmed = raw.trim();
  if (trimmed === '') return null;
  return trimmed.length > MAX_QUOTE ? `${trimmed.slice(0, MAX_QUOTE - 1)}…` : trimmed;
}

/**
 * Text in quotation marks for evidence: `"…"`, or `“…”` when the text holds a straight double quote
 * itself, so a title such as `"Send invoice" endpoint` never reads as `""Send invoice" endpoint"`.
 */
export function quoted(text: string): string {
  return text.includes('"') ? `“${text}”` : `"${text}"`;
}

/** Where the WBS is, for prose: `the WBS in <path>` when its file is known. */
export function wbsPlace(ctx: EscalationContext): string {
  return ctx.wbsSource ? `the WBS in ${ctx.wbsSource.path}` : 'the WBS of the overall micro-level plan';
}

/**
 * Evidence pointing at a WBS line: `<path> line 40: "<the line>"` when the WBS text is known,
 * else `overall micro-level plan, line 40: <what>`.
 */
export function wbsEvidence(ctx: EscalationContext, line: number, what: string): string {
  const quote = ctx.wbsSource ? quoteLine(ctx.wbsSource.text, line) : null;
  if (ctx.wbsSource && quote) return `${ctx.wbsSource.path} line ${line}: ${quoted(quote)} (${what})`;
  const where = ctx.wbsSource ? ctx.wbsSource.path : 'overall micro-level plan,';
  return `${where} line ${line}: ${what}`;
}

/** Evidence quoting a meso-plan line: `<path> line 12: "<the line>"`. */
export function mesoEvidence(meso: EscalationMeso, line: number, what?: string): string {
  const quote = quoteLine(meso.text, line);
  const tail = what ? ` (${what})` : '';
  return quote ? `${meso.path} line ${line}: ${quoted(quote)}${tail}` : `${meso.path} line ${line}${tail}`;
}

/** The link target of the meso plan: the one the caller chose, else its path without `.md`. */
export function mesoTarget(ctx: EscalationContext, meso: EscalationMeso): string {
  return ctx.mesoLinkTarget ?? meso.path.replace(/\.md$/i, '');
}

/** `[[<meso>#<heading>]]`, or `[[<meso>]] §2.1 Components` for a plain numbered section. */
export function headingLink(ctx: EscalationContext, meso: EscalationMeso, heading: NoteHeading): string {
  return citeSection(mesoTarget(ctx, meso), heading);
}

/** The innermost heading at or above `line`, or null when the line comes before every heading. */
export function headingAt(headings: NoteHeading[], line: number): NoteHeading | null {
  let found: NoteHeading | null = null;
  for (const h of headings) {
    if (h.line <= line) found = h;
    else break;
  }
  return found;
}

/** A link to the section holding `line`, or to the note itself when no heading precedes it. */
export function sectionLinkAt(ctx: EscalationContext, meso: EscalationMeso, line: number): string {
  const h = headingAt(meso.headings, line);
  return h ? headingLink(ctx, meso, h) : formatWikilink(mesoTarget(ctx, meso));
}

/** `file` and `line` for an escalation whose evidence is a WBS line (`file` only when the WBS path is known). */
export function wbsAt(ctx: EscalationContext, line: number): { file?: string; line: number } {
  return ctx.wbsSource ? { file: ctx.wbsSource.path, line } : { line };
}
