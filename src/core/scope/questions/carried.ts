/**
 * The open questions a workstream's plan carries instead of escalating: the assumptions it plans on
 * (the question's own proposed assumption, or one listed among the open questions) and the questions
 * that concern it but are deferred or not blocking. Each is cited by its note and line.
 */
import type { CitationAnchor, ScopeAssumption } from '../../contracts/scope';
import { isNumberedLine, type SectionHead } from '../../markdown/note-sections';
import { citeSection } from '../../vault/cite-section';
import { formatWikilink } from '../../vault/wikilinks';
import { enclosingHeading, headingChain } from './heading-of';
import { judgeQuestion, type QuestionSubject } from './judge';
import type { OpenQuestion } from './question';
import { readOpenQuestions, type QuestionNote } from './read-questions';

export interface CarriedNote extends QuestionNote {
  /** Wikilink target of the note from the plan's folder (its basename, or its path when basenames clash). */
  linkTarget: string;
}

/** The link to the question's section, and the line its citations count from. */
function citation(note: CarriedNote, q: OpenQuestion): { link: string; anchor: CitationAnchor | null } {
  const heading = enclosingHeading(note.headings, q.line);
  if (heading) {
    const anchor: CitationAnchor = isNumberedLine(heading)
      ? { kind: 'numbered', line: heading.line, label: (heading as SectionHead).number ?? (heading as SectionHead).title }
      : { kind: 'heading', line: heading.line, label: heading.text };
    return { link: citeSection(note.linkTarget, heading), anchor };
  }
  // A block titled by a plain line ("Open Questions and Blocked Decisions" at the top of the note, as
  // the upstream prompts write it) cannot be linked to, but its title can be found.
  const r = q.region;
  const anchor: CitationAnchor | null = r.kind === 'line' && r.line < q.line ? { kind: 'line', line: r.line, label: r.title } : null;
  return { link: formatWikilink(note.linkTarget), anchor };
}

/**
 * Where in its note a carried question's statement is, counted from the section it is cited by, so
 * that the citation stays right when lines are added above that section (the planner's own link
 * back adds lines to the meso plan's frontmatter each time a plan is written): "4 lines below the
 * heading". Without a section to count from, the line of the note as it was read.
 */
export function whereInNote(line: number, anchor: CitationAnchor | null | undefined): string {
  if (!anchor || anchor.line >= line) return `line ${line}`;
  const n = line - anchor.line;
  const lines = `${n} line${n === 1 ? '' : 's'} below`;
  if (anchor.kind === 'heading') return `${lines} the heading`;
  // Not "the §8 line": a `§` after the note link would read as a second section citation.
  if (anchor.kind === 'numbered') return `${lines} the section title`;
  return `${lines} the line “${anchor.label}”`;
}

/**
 * The questions of `notes` carried by the workstream `subject` describes, in note order. A question
 * that blocks it is not here (it escalates); nor is one that concerns only other workstreams.
 * `namesIt` says whether a heading text names the workstream (questions under its own heading).
 */
export function carriedQuestions(notes: readonly CarriedNote[], subject: QuestionSubject, namesIt: (heading: string) => boolean): ScopeAssumption[] {
  const out: ScopeAssumption[] = [];
  for (const note of notes) {
    for (const q of readOpenQuestions(note)) {
      const headingNamesIt = headingChain(note.headings, q.line).some((h) => namesIt(h.text));
      const v = judgeQuestion(q, subject, headingNamesIt);
      const base = { topic: q.topic, file: note.path, questionLine: q.line, ...citation(note, q) };
      if (v.kind === 'assumption' && q.assumption) {
        out.push({ ...base, kind: 'assumption', reach: v.scope, statement: q.assumption.text, validation: q.validation?.text ?? null, line: q.assumption.line });
      } else if (v.kind === 'noted') {
        const fact = (v.reason === 'deferred' ? q.deferred : q.notBlocking) ?? { text: q.text, line: q.line };
        out.push({ ...base, kind: v.reason, reach: 'workstream', statement: fact.text, validation: null, line: fact.line });
      }
    }
  }
  return out;
}

/**
 * One carried question as a Markdown list item's text, e.g. `**Hold length**: assumed “15-minute
 * holds”. To validate: pilot review. Source: [[meso-level-plan#Open Questions]], 4 lines below the heading.` An
 * assumption listed on its own (its topic is its statement) is not named twice.
 */
export function describeCarried(a: ScopeAssumption): string {
  const statement = `“${a.statement.replace(/[.\s]+$/, '')}”`;
  const source = `Source: ${a.link}, ${whereInNote(a.line, a.anchor)}.`;
  const reach = a.reach === 'project' ? ' (project-wide)' : '';
  const sameAsTopic = a.topic === '' || a.statement.toLowerCase().startsWith(a.topic.replace(/…$/, '').toLowerCase());
  const label = a.topic === '' || /^[A-Z]{1,2}\d{1,3}$/.test(a.topic) ? (a.topic || 'Assumption') : null;
  if (a.kind !== 'assumption') return `**${a.topic}** (${a.kind === 'deferred' ? 'deferred' : 'not blocking'}): ${statement}. ${source}`;
  const head = label ? `**${label}**${reach}: ${statement}.` : sameAsTopic ? `**Assumption**${reach}: ${statement}.` : `**${a.topic}**${reach}: assumed ${statement}.`;
  const v = a.validation?.replace(/[.\s]+$/, '') ?? '';
  // "Validate with branch managers" reads as it is; anything else is what to validate by.
  const check = v === '' ? '' : /^(?:validate|validation|verify|confirm|check|test)\b/i.test(v) ? ` ${v.charAt(0).toUpperCase()}${v.slice(1)}.` : ` To validate: ${v}.`;
  return `${head}${check} ${source}`;
}
