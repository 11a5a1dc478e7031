/**
 * Which workstreams a piece of running text names, the way a careful reader would take it: by id
 * (`W2`, `Workstream 2`, a task id such as `W2.1`), by range (`W1–W3` names W1, W2 and W3), by epic
 * label (`Epic 2`, `Epics 1–3`, `E4`, `Epic B`), or by name; and whether the sentence says the
 * workstream is NOT concerned ("nothing in W1–W3 depends on it", "W2 does not need it").
 */
import type { Wbs } from '../contracts/wbs';
import { WorkstreamResolver } from '../wbs/dependency-refs';
import { scanEpicRefs } from '../wbs/epic-label';
import { scanWorkstreamTokens } from '../wbs/workstream-id';
import { foldName, nameSource } from './workstream-name';

export interface WorkstreamRef {
  /** Normalised id (`W2`). */
  id: string;
  /** Offsets of the reference in the text (a range gives every id the range's offsets). */
  index: number;
  end: number;
  via: 'id' | 'range' | 'label' | 'name';
  /** The clause around it says the workstream is not concerned. */
  negated: boolean;
}

const isWordChar = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}_]/u.test(c);

/** `W1–W3`, `W1 to W3`, `W1..3`, `Workstreams 1–3`, `Epics 1–3`, `E1–E3`, `Epic 1 through Epic 3`. */
const RANGE =
  /(?:\bworkstreams?[ \t]*|\bws[ \t]*[-_]?|\bepics?[ \t]*|\b)(?:w|e)?0*(\d+)[ \t]*(?:–|—|-|\.\.|\bto\b|\bthrough\b|\bthru\b)[ \t]*(?:workstream[ \t]*|ws[ \t]*[-_]?|epic[ \t]*)?(?:w|e)?0*(\d+)(?![\p{L}\p{N}_]|\.\d)/giu;

/** `Epic 2.1`, `task 2.1 of Epic 2`: a task of an epic, which names the epic for what must wait. */
const EPIC_TASK = /\b(?:Epic|EPIC|epic)[ \t]*[-#]?[ \t]*(\d{1,3})\.(\d{1,3})(?![\p{L}\p{N}_]|\.\d)/gu;

/** `Task 2.3`, `Tasks 2.3, 6.4 and 7.1`: tasks named by their bare numbers. */
const TASK_LIST = /\b(?:Tasks?|TASKS?|tasks?)[ \t]+(\d{1,3}\.\d{1,3}(?:\s*(?:,|&|\band\b|\bor\b)\s*\d{1,3}\.\d{1,3})*)(?![\p{L}\p{N}_]|\.\d)/gu;

/** Most ranges this wide are not workstream ranges (years, page numbers): ignore them. */
const MAX_RANGE = 30;

/** Sentence-like clauses: cut after `.`, `;`, `!`, `?` and before "but". */
function clauses(text: string): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  const cut = /[.;!?](?=\s|$)|\s(?=but\s)/gi;
  let start = 0;
  let m: RegExpExecArray | null;
  while ((m = cut.exec(text)) !== null) {
    out.push({ start, end: m.index + m[0].length });
    start = m.index + m[0].length;
  }
  out.push({ start, end: text.length });
  return out;
}

/** A quantifier before the reference in its clause: "nothing in", "none of", "neither … nor", "no task of". */
const QUANTIFIER_BEFORE = /\b(?:nothing|none|neither|nor|no\s+(?:task|work|part|epic|workstream|module|component)s?)\b/i;
/** A negation in words before the reference: "not needed by", "does not block", "independent of", "except". */
const VERBAL_NEGATION_BEFORE = /\b(?:not\s+(?:needed|required|used|blocking|blocked|affected)|do(?:es)?(?:n['’]t|\s+not)\s+block|independent\s+of|unaffected|except(?:\s+for)?|other\s+than)\b/i;
/** A word of depending or waiting: "depends", "needs", "blocked", "relies", "uses", "waits", "affected", "requires". */
const DEPENDING = /\b(?:depend\w*|need\w*|requir\w*|us(?:e|es|ed|ing)|block\w*|wait\w*|affect\w*|rel(?:y|ies|ied|ying)|consum\w*|impact\w*)\b/i;

/** A negation after it: "W2 does not depend on it", "W2 is not blocked", "W2 can proceed". */
const NEGATION_AFTER =
  /^[^]*?\b(?:(?:does|do|is|are|will|would|need|needs)(?:n['’]t|\s+not)\s+(?:depend|need|use|require|block|wait|affect|blocked|affected|needed|required|used)|can\s+(?:proceed|start|continue|go\s+ahead)|may\s+proceed|(?:is|are)\s+(?:unaffected|independent))/i;

function negatedAt(text: string, index: number, end: number, asked: boolean): boolean {
  const clause = clauses(text).find((c) => index >= c.start && index < c.end) ?? { start: 0, end: text.length };
  const before = text.slice(clause.start, index);
  const after = text.slice(end, clause.end);
  if (NEGATION_AFTER.test(after) || VERBAL_NEGATION_BEFORE.test(before)) return true;
  if (!QUANTIFIER_BEFORE.test(before)) return false;
  // In a question's own words "None of the W2 adapters is known: which one?" is about W2's adapters,
  // not about W2 being free of the question: a quantifier counts there only when a word of depending
  // follows in its statement ("nothing in W1–W3 depends on it"), up to a colon or a dash that starts
  // the question proper. A "Blocks:" value needs no such word: the label is it.
  return !asked || DEPENDING.test(after.slice(0, after.search(/:|\s[—–-]\s|$/)));
}

/**
 * Every workstream the text names, in order of appearance (one entry per reference; an id named
 * twice appears twice). Ranges and labels are read from the text alone; names need the WBS.
 * Never throws.
 */
export function workstreamRefs(text: string, wbs?: Wbs, opts: { asked?: boolean } = {}): WorkstreamRef[] {
  const refs: Omit<WorkstreamRef, 'negated'>[] = [];
  const taken: Array<[number, number]> = [];
  const free = (a: number, b: number): boolean => !taken.some(([x, y]) => a < y && x < b);

  const rangeResolver = new WorkstreamResolver(wbs ?? { workstreams: [] });
  RANGE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = RANGE.exec(text)) !== null) {
    const whole = m[0];
    // A range needs a prefix on its first number (`W1–3`, `Epics 1–3`), never two bare numbers (`1–3`).
    if (!/^(?:workstreams?|ws|epics?|w|e)/i.test(whole.trim())) continue;
    if (isWordChar(text[m.index - 1])) continue;
    const a = Number(m[1]);
    const b = Number(m[2]);
    if (!(b > a) || b - a > MAX_RANGE) continue;
    const end = m.index + whole.length;
    // `Epics 1–3` and `E1–E3` go through the epics' labels; `W1–W3` are ids.
    const epic = /^\s*(?:epics?|e)/i.test(whole) ? (/^\s*e\d/i.test(whole) ? 'E' : 'Epic ') : null;
    for (let n = a; n <= b; n++) {
      const id = epic ? (rangeResolver.workstreamsIn(`${epic}${n}`)[0] ?? `W${n}`) : `W${n}`;
      refs.push({ id, index: m.index, end, via: 'range' });
    }
    taken.push([m.index, end]);
  }
  for (const t of scanWorkstreamTokens(text)) {
    if (free(t.index, t.end)) {
      refs.push({ id: t.id, index: t.index, end: t.end, via: 'id' });
      taken.push([t.index, t.end]);
    }
  }
  // Epic labels as the WBS reader resolves them (`Epic 2`, `Epic B`, `E3`, `Epics 2 and 3`), then tasks of epics.
  const resolver = new WorkstreamResolver(wbs ?? { workstreams: [] });
  for (const r of scanEpicRefs(text)) {
    if (r.kind === 'workstream' || !free(r.index, r.end)) continue;
    // One reference per key, even when several share a span (`Epics 2 and 3`).
    const label = r.kind === 'short' ? `E${r.key.n}` : `Epic ${r.key.kind === 'number' ? r.key.n : String.fromCharCode(64 + r.key.n)}`;
    const id = resolver.workstreamsIn(label)[0] ?? (r.key.kind === 'number' ? `W${r.key.n}` : null);
    if (id === null || refs.some((x) => x.id === id && x.index === r.index)) continue;
    refs.push({ id, index: r.index, end: r.end, via: 'label' });
  }
  for (const [a, b] of refs.filter((x) => x.via === 'label').map((x) => [x.index, x.end] as [number, number])) taken.push([a, b]);
  // `Task 2.3, 6.4`, `Tasks 1.1 and 1.2`: the workstreams those tasks belong to.
  TASK_LIST.lastIndex = 0;
  while ((m = TASK_LIST.exec(text)) !== null) {
    const end = m.index + m[0].length;
    if (!free(m.index, end)) continue;
    for (const t of m[1]!.split(/\s*(?:,|&|\band\b|\bor\b)\s*/i)) {
      const owner = resolver.ownerOfTask(t);
      if (owner && !refs.some((x) => x.id === owner && x.index === m!.index)) refs.push({ id: owner, index: m.index, end, via: 'label' });
    }
    taken.push([m.index, end]);
  }
  EPIC_TASK.lastIndex = 0;
  while ((m = EPIC_TASK.exec(text)) !== null) {
    const end = m.index + m[0].length;
    if (!free(m.index, end)) continue;
    const id = resolver.ownerOfTask(`${m[1]}.${m[2]}`) ?? resolver.workstreamsIn(`Epic ${m[1]}`)[0] ?? `W${Number(m[1])}`;
    refs.push({ id, index: m.index, end, via: 'label' });
    taken.push([m.index, end]);
  }
  if (wbs) {
    const named = [...new Map(wbs.workstreams.filter((w) => foldName(w.name) !== '').map((w) => [w.id, w])).values()].sort(
      (x, y) => y.name.length - x.name.length,
    );
    for (const w of named) {
      for (const at of nameHits(text, w.name)) {
        if (free(at.index, at.end)) {
          refs.push({ id: w.id, index: at.index, end: at.end, via: 'name' });
          taken.push([at.index, at.end]);
        }
      }
    }
  }
  return refs.sort((x, y) => x.index - y.index).map((r) => ({ ...r, negated: negatedAt(text, r.index, r.end, opts.asked === true) }));
}

/** Where `name` occurs as whole words: folded for names of several words, as written for one word. */
function nameHits(text: string, name: string): Array<{ index: number; end: number }> {
  const oneWord = !foldName(name).includes(' ');
  const src = oneWord ? name.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : nameSource(name);
  if (!src) return [];
  const re = new RegExp(src, oneWord ? 'gu' : 'giu');
  const out: Array<{ index: number; end: number }> = [];
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    const end = m.index + m[0].length;
    const startOk = !isWordChar(m[0][0]) || !isWordChar(text[m.index - 1]);
    const endOk = !isWordChar(m[0][m[0].length - 1]) || !isWordChar(text[end]);
    if (startOk && endOk) out.push({ index: m.index, end });
  }
  return out;
}

/** The ids the text names positively (not negated), distinct, in order. */
export function namedIds(text: string, wbs?: Wbs): string[] {
  const out: string[] = [];
  for (const r of workstreamRefs(text, wbs)) if (!r.negated && !out.includes(r.id)) out.push(r.id);
  return out;
}
