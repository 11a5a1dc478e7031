/**
 * The open questions of a planning note, read as the upstream prompts have their authors write them
 * (see `regions.ts` for where they are found and `shapes/` for how their facts are written).
 */
import type { NoteHeading } from '../../contracts/note-meta';
import { NO_FACTS, type OpenQuestion, type QuestionFact, type QuestionFacts, type QuestionItem } from './question';
import { questionItems } from './regions';
import { QUESTION_SHAPES } from './shapes';
import { lineContent, unemphasised } from './shapes/shape';

export interface QuestionNote {
  path: string;
  /** The whole note, frontmatter included, so lines match the file. */
  text: string;
  headings: readonly NoteHeading[];
}

/** `Risks: …`, `Mitigations: …`: an item that is a risk, not a question. */
const RISK_LABEL = /^(?:\*\*|__)?\s*(?:top\s+|key\s+)?(?:risks?|mitigations?)\s*(?:\*\*|__)?\s*:/i;
/** `Assumptions: …`: an item that states assumptions. */
const ASSUMPTION_LABEL = /^(?:\*\*|__)?\s*(?:key\s+|working\s+|proposed\s+)?assumptions?\s*(?:\*\*|__)?\s*:\s*(?:\*\*|__)?\s*/i;
/** `Open questions: see "Open Questions and Blocked Decisions."`, `Assumptions: see above`: a pointer to the real list. */
const POINTER =
  /^(?:\*\*|__)?\s*(?:(?:open\s+)?questions?|(?:key\s+|working\s+)?assumptions?)\s*(?:\*\*|__)?\s*:\s*(?:\*\*|__)?\s*(?:see\b|consolidate|refer\b|as\s+(?:listed|above|below)|listed\s+(?:above|below|in)|(?:none|n\/a|nothing)\b)/i;
/** An item that says there is nothing open: "None", "N/A", "None — traffic classified as Low", "None critical." */
const EMPTY_ITEM = /^(?:none|n\/a|nothing(?:\s+open)?|no\s+open\s+questions?)\b(?:[\s.!]*$|\s*(?:[—–:-]|critical\b))/i;

function merge(parts: Array<Partial<QuestionFacts>>): QuestionFacts {
  const out: QuestionFacts = { ...NO_FACTS, blocks: [] };
  for (const p of parts) {
    for (const b of p.blocks ?? []) if (!out.blocks.some((x) => x.line === b.line && x.text === b.text)) out.blocks.push(b);
    out.notBlocking ??= p.notBlocking ?? null;
    out.deferred ??= p.deferred ?? null;
    out.resolved ??= p.resolved ?? null;
    out.assumption ??= p.assumption ?? null;
    out.validation ??= p.validation ?? null;
  }
  return out;
}

/** The question's subject: its bold lead, its first table cell, or its text up to the first `:`, `(`, `?` or dash. */
export function topicOf(item: QuestionItem): string {
  if (item.kind === 'table') {
    const heads = item.header.map((h) => unemphasised(h).toLowerCase());
    const at = heads.findIndex((h) => /\b(?:questions?|topic|decisions?|issue|item)\b/.test(h));
    const cell = item.cells[at >= 0 ? at : item.cells.findIndex((c) => !/^#?\s*[A-Z]?\d*$/.test(c.trim()) && c.trim() !== '')] ?? '';
    return cutTopic(unemphasised(cell));
  }
  const first = lineContent(item.texts[0] ?? '').replace(/^#{1,6}\s+/, '');
  const bold = /^(?:\*\*|__)(.+?)(?:\*\*|__)/.exec(first);
  if (bold) return cutTopic(bold[1]!.replace(/:$/, ''));
  return cutTopic(unemphasised(first));
}

function cutTopic(s: string): string {
  const t = s.replace(/^\d+(?:\.\d+)*[.)]?\s+/, '').replace(/^[A-Z]\d+\s*[:.)-]\s*/, '').trim();
  const cut = t.search(/:\s|\s\(|\?|\s[—–-]\s|\.\s/);
  const topic = (cut > 0 ? t.slice(0, cut) : t).replace(/[.:;,]+$/, '').trim();
  return topic.length > 80 ? `${topic.slice(0, 79)}…` : topic;
}

function textOf(item: QuestionItem): string {
  if (item.kind === 'table') return item.cells.map(unemphasised).filter((c) => c !== '').join(' — ');
  return item.texts.map((t) => unemphasised(lineContent(t).replace(/^#{1,6}\s+/, ''))).join(' ');
}

/**
 * Every open question (and every assumption listed among them) of the note, in document order.
 * Risks, pointers to another list ("see above") and empty items are left out. Never throws.
 */
export function readOpenQuestions(note: QuestionNote): OpenQuestion[] {
  const out: OpenQuestion[] = [];
  for (const item of questionItems(note.text, note.headings)) {
    const first = lineContent(item.texts[0] ?? '');
    if (item.kind !== 'table' && (RISK_LABEL.test(first) || POINTER.test(first) || EMPTY_ITEM.test(unemphasised(first)))) continue;
    const facts = merge(QUESTION_SHAPES.map((s) => s.read(item)));
    const base = { file: note.path, line: item.lines[0]!, lines: [...item.lines], region: item.region, text: textOf(item) };
    const labelledAssumption = item.kind !== 'table' && ASSUMPTION_LABEL.test(first);
    if (item.group === 'assumption' || labelledAssumption) {
      const own = unemphasised(item.kind === 'table' ? (item.cells[0] ?? '') : first.replace(ASSUMPTION_LABEL, ''));
      // `A1: Presets are global for MVP. Validate with data owners.`: an id, the statement, how to validate it.
      const id = /^([A-Z]{1,2}\d{1,3})\s*[:.)—–-]\s*/.exec(own);
      const body = id ? own.slice(id[0].length) : own;
      const cut = /(?:^|[.;]\s+)((?:validate|validation|to\s+validate|verify|confirm)\b[^]*)$/i.exec(body);
      const statement: QuestionFact = facts.assumption && item.kind === 'table' ? facts.assumption : { text: (cut ? body.slice(0, cut.index) : body).trim(), line: item.lines[0]! };
      const validation = facts.validation ?? (cut ? { text: cut[1]!.replace(/[.\s]+$/, ''), line: item.lines[0]! } : null);
      out.push({ ...base, ...facts, assumption: statement, validation, topic: id ? id[1]! : '', standaloneAssumption: true });
      continue;
    }
    // In a section that also holds risks and assumptions, an unlabelled item counts only when it
    // asks something or is written with a question's conventions.
    const hasFacts = facts.blocks.length > 0 || facts.notBlocking || facts.deferred || facts.assumption || facts.validation;
    if (item.group === 'mixed' && !hasFacts && !base.text.includes('?')) continue;
    out.push({ ...base, ...facts, topic: topicOf(item), standaloneAssumption: false });
  }
  return out;
}
