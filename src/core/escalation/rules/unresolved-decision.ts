import type { Escalation } from '../../contracts/escalation';
import { maskCode } from '../../markdown/code-mask';
import { splitFrontmatter } from '../../markdown/frontmatter-block';
import { readSections } from '../../markdown/note-sections';
import { namesWorkstream } from '../../scope/names-workstream';
import { judgeQuestion, type Verdict } from '../../scope/questions/judge';
import type { OpenQuestion } from '../../scope/questions/question';
import { readOpenQuestions } from '../../scope/questions/read-questions';
import { questionSubject } from '../../scope/questions/subject';
import { splitSections } from '../../scope/sections';
import { foldName } from '../../scope/workstream-name';
import type { NoteHeading } from '../../contracts/note-meta';
import type { EscalationContext, EscalationMeso } from '../context';
import { formatWikilink } from '../../vault/wikilinks';
import { escalationFor, headingLink, mesoEvidence, mesoTarget, plannedWorkstreamName, quoteLine, quoted } from '../evidence';
import { enclosingHeadings } from '../heading-chain';
import { liveMarker } from '../open-markers';

export const RULE = 'unresolved-decision';

/** A note the rule reads questions from: the meso plan, and the overall micro-level plan when known. */
interface SourceNote {
  path: string;
  text: string;
  headings: NoteHeading[];
  role: 'meso' | 'micro';
}

interface MarkerHit {
  line: number;
  why: string;
  question: string;
}

/** A question's quoted text (trimmed) as a question for the escalation, without its list or heading marker. */
function asQuestion(text: string): string {
  const t = text.replace(/^(?:[-*+]|\d+[.)]|#{1,6})\s+(?:\[ \]\s*)?/, '');
  return t.endsWith('?') ? t : `What is the decision on: ${t.replace(/[.:;]+$/, '')}?`;
}

/** Does a quoted (trimmed) line start a table row? */
function isRow(quote: string): boolean {
  return /^\|/.test(quote);
}

/** A quoted table row as its cells on one line: `Dashboard tool: Superset or Metabase — Serving — Open`. */
function rowOrLine(quote: string): string {
  if (!isRow(quote)) return quote;
  return quote
    .split('|')
    .map((c) => c.trim())
    .filter((c) => c !== '')
    .join(' — ');
}

/** Where markers are looked for: a meso section, or the text before the first heading (`heading` null). */
interface Span {
  heading: NoteHeading | null;
  startLine: number;
  endLine: number;
}

/** Does the topic come up on this line (folded, whole words)? Topics of one short word are too common to tell. */
function restates(line: string, topic: string): boolean {
  const t = foldName(topic);
  if (t.length < 4) return false;
  return ` ${foldName(line)} `.includes(` ${t} `);
}

/** The section the question is in, as the escalation's "meso-plan section". */
function questionSection(ctx: EscalationContext, meso: EscalationMeso, note: SourceNote, q: OpenQuestion): string {
  const r = q.region;
  if (note.role === 'micro') {
    const where = r.number ? `§${r.number} ${r.title}` : quoted(r.title);
    return `None in the meso plan: the question is in ${note.path}, ${where} (line ${r.line}).`;
  }
  // A heading or a numbered section line is one of the meso plan's section heads: the innermost one
  // the question is under is its section (the question's own heading, for a question written as one).
  if (r.kind !== 'line') return headingLink(ctx, meso, enclosingHeadings(meso.headings, q.line)[0]!);
  return `${formatWikilink(mesoTarget(ctx, meso))} ${quoted(r.title)} (line ${r.line})`;
}

/** A line of the note as quoted in the request, a table row as its cells. Only lines with text are cited. */
function quoteOf(note: SourceNote, line: number): string {
  return rowOrLine(quoteLine(note.text, line)!);
}

function evidenceLine(note: SourceNote, line: number, what: string): string {
  return `${note.path} line ${line}: ${quoted(quoteOf(note, line))} (${what})`;
}

/** The question itself, asked plainly: its own sentence with a `?`, else "What is decided for …?". */
function questionText(q: OpenQuestion, note: SourceNote): string {
  const row = isRow(quoteLine(note.text, q.line)!);
  if (row || (q.blocks.length === 0 && !q.validation && !q.assumption)) return asQuestion(q.lines.map((n) => quoteOf(note, n)).join(' '));
  // Its own words up to the first `?`, without the asides in parentheses (`(BLOCKS: …)`, `(Stripe or Adyen)`).
  const asked = /[^?]*\?/.exec(q.text.replace(/\s*\([^)]*\)/g, ''))?.[0].trim() ?? '';
  return asked.length > 3 ? asked : `What is decided for ${quoted(q.topic)}?`;
}

interface Blocker {
  q: OpenQuestion;
  note: SourceNote;
  verdict: Extract<Verdict, { kind: 'blocks' }>;
  /** Other lines that restate it (markers, the same question in the other note). */
  restated: Array<{ note: SourceNote; line: number; why: string }>;
}

function blockerEscalation(ctx: EscalationContext, meso: EscalationMeso, b: Blocker): Escalation {
  const id = ctx.workstreamId;
  const { q, note, verdict } = b;
  // `judgeQuestion` makes a question with a proposed assumption a blocker only through its validation
  // (`via: 'validation'`, which has both facts), and a question that states no "blocks" one with no facts.
  const evidence = [evidenceLine(note, q.line, 'an open question not marked resolved')];
  if (q.assumption && q.assumption.line !== q.line) evidence.push(evidenceLine(note, q.assumption.line, 'the proposed assumption'));
  for (const f of verdict.because) {
    if (f.line === q.line) continue;
    evidence.push(evidenceLine(note, f.line, verdict.via === 'validation' ? `its assumption is to be validated before ${id}` : `what it blocks`));
  }
  for (const r of b.restated) evidence.push(evidenceLine(r.note, r.line, r.why));

  // `judgeQuestion` only counts "blocks" statements that have text.
  const what = verdict.because.map((f) => f.text);
  const blocker =
    verdict.via === 'validation'
      ? `${quoted(q.topic)} is still open: ${note.path} proposes the assumption ${quoted(q.assumption!.text)} but says to validate it first (${quoted(q.validation!.text)}), which names ${id}.`
      : verdict.via === 'blocks'
        ? `${quoted(q.topic)} is still open, and what ${note.path} says it blocks (${what.map(quoted).join(', ')}) is ${id}'s, so its plan would have to guess.`
        : `The ${note.role === 'meso' ? 'meso' : 'overall micro-level'} plan leaves ${quoted(q.topic)} open, and it concerns ${id}, so its plan would have to guess.`;
  const questions = [questionText(q, note)];
  if (q.assumption) questions.push(`Has the assumption ${quoted(q.assumption.text)} been validated (${q.validation!.text})?`);
  const recommendation =
    verdict.via === 'validation'
      ? `Validate the assumption as ${note.path} line ${q.validation!.line} says, then mark the question Resolved with the outcome (or move the validation after ${id}), and plan again.`
      : `Record the decision on ${quoted(q.topic)} in ${note.path} (mark the question Resolved with its answer); or, if ${id} can go ahead meanwhile, write a **Proposed Assumption** with a **Validation** step that does not have to happen before ${id}, or mark it NOT BLOCKING or deferred; then plan again.`;
  return escalationFor(ctx, RULE, {
    blocker,
    mesoSection: questionSection(ctx, meso, note, q),
    evidence,
    questions,
    recommendation,
    file: note.path,
    line: q.line,
  });
}

/**
 * Escalates when a decision the planned workstream needs is still open, once per blocker:
 * - an open question (in the meso plan or the overall micro-level plan) that blocks it as its author
 *   meant (see `judgeQuestion`): what it says it blocks names the workstream or something it owns,
 *   or, for a question that states no "blocks", its text or its section names the workstream; a
 *   question with a proposed assumption only when its validation names the workstream; deferred,
 *   not-blocking and resolved questions never. Lines elsewhere that restate the question's topic
 *   (a `Payment provider: TBD` in another section, the same question in the other note) are cited in
 *   the same escalation, and never give one of their own;
 * - otherwise, once per innermost meso section: a line carrying TBD, TODO (whole words, any case),
 *   `??` or `[NEEDS DECISION]` outside code, where the line or an enclosing heading names the
 *   workstream.
 * Risk tables and risk items are risks, not questions.
 */
export function unresolvedDecision(ctx: EscalationContext): Escalation[] {
  const meso = ctx.meso;
  if (meso === null) return [];
  const id = ctx.workstreamId;
  const name = plannedWorkstreamName(ctx);
  const subject = questionSubject(ctx.wbs, id);
  const notes: SourceNote[] = [{ path: meso.path, text: meso.text, headings: meso.headings, role: 'meso' }];
  if (ctx.wbsSource && ctx.wbsSource.path !== meso.path) notes.push({ path: ctx.wbsSource.path, text: ctx.wbsSource.text, headings: readSections(ctx.wbsSource.text), role: 'micro' });

  const judged: Array<{ q: OpenQuestion; note: SourceNote; verdict: Verdict }> = [];
  for (const note of notes) {
    for (const q of readOpenQuestions(note)) {
      const headingNamesIt = enclosingHeadings(note.headings, q.line, true).some((h) => namesWorkstream(h.text, id, name));
      judged.push({ q, note, verdict: judgeQuestion(q, subject, headingNamesIt) });
    }
  }
  const covered = new Set<string>();
  for (const j of judged) for (const n of j.q.lines) covered.add(`${j.note.path}\u0000${n}`);

  // One blocker per topic: the same question asked in both notes is one blocker.
  const blockers: Blocker[] = [];
  for (const j of judged) {
    if (j.verdict.kind !== 'blocks') continue;
    const same = blockers.find((b) => foldName(b.q.topic) !== '' && foldName(b.q.topic) === foldName(j.q.topic));
    if (same) same.restated.push({ note: j.note, line: j.q.line, why: 'the same question' });
    else blockers.push({ q: j.q, note: j.note, verdict: j.verdict, restated: [] });
  }
  // Questions that are settled for this workstream (assumed, deferred, not blocking): their
  // restatements as markers elsewhere are settled with them.
  // (Blockers are matched first, so a blocker with an assumption never reaches this list's test.)
  const handled = judged.filter((j) => j.q.resolved || j.q.assumption || j.q.deferred || j.q.notBlocking);

  const masked = maskCode(meso.text).split('\n');
  const { bodyStartLine } = splitFrontmatter(meso.text);
  // The text before the first heading is a span of its own, linked to the note itself (empty when a heading comes first).
  const lead: Span = { heading: null, startLine: 0, endLine: (meso.headings[0]?.line ?? masked.length + 1) - 1 };
  const sections: Span[] = [lead, ...splitSections(meso.text, meso.headings)];
  const mesoNote = notes[0]!;
  const sectionHits: Array<{ section: Span; hits: MarkerHit[] }> = [];
  for (const section of sections) {
    const chain = enclosingHeadings(meso.headings, section.startLine);
    const sectionNamesIt = chain.some((h) => namesWorkstream(h.text, id, name));
    const hits: MarkerHit[] = [];
    for (let n = Math.max(section.startLine, bodyStartLine); n <= section.endLine; n++) {
      if (covered.has(`${meso.path}\u0000${n}`)) continue;
      const line = masked[n - 1]!;
      const label = liveMarker(line);
      if (label === null) continue;
      const restating = blockers.find((b) => restates(line, b.q.topic));
      if (restating) {
        restating.restated.push({ note: mesoNote, line: n, why: `restates it, marked ${label}` });
        continue;
      }
      if (handled.some((j) => restates(line, j.q.topic))) continue;
      if (!sectionNamesIt && !namesWorkstream(line, id, name)) continue;
      const quote = quoteLine(meso.text, n)!;
      hits.push({ line: n, why: `marked ${label}`, question: `What was decided for ${quoted(quote)} (line ${n}, marked ${label})?` });
    }
    if (hits.length > 0) sectionHits.push({ section, hits });
  }

  const out: Escalation[] = blockers.map((b) => blockerEscalation(ctx, meso, b));
  for (const { section, hits } of sectionHits) {
    const heading = section.heading;
    const where = heading ? quoted(heading.text) : 'the opening of the meso plan';
    const count = hits.length === 1 ? 'a decision' : `${hits.length} decisions`;
    out.push(
      escalationFor(ctx, RULE, {
        blocker: `The meso plan leaves ${count} open in ${where} that ${id} depends on, so its plan would have to guess.`,
        mesoSection: heading ? headingLink(ctx, meso, heading) : `${formatWikilink(mesoTarget(ctx, meso))} (before the first heading)`,
        evidence: hits.map((h) => mesoEvidence(meso, h.line, h.why)),
        questions: hits.map((h) => h.question),
        recommendation: `Record the decision${hits.length === 1 ? '' : 's'} in ${where} of ${meso.path}: replace each marker with what was decided, or mark the open question "Resolved:" with its answer (or "non-blocking" if ${id} can proceed without it), then plan again.`,
        file: meso.path,
        line: hits[0]!.line,
      }),
    );
  }
  return out.sort((a, b) => (a.file === b.file ? (a.line ?? 0) - (b.line ?? 0) : a.file === meso.path ? -1 : 1));
}

