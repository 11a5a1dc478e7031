/**
 * What an open question means for one workstream, read as its author meant it:
 * - a resolved question means nothing any more;
 * - a deferred or not-blocking question never blocks (it is noted when it concerns the workstream);
 * - a question with a proposed assumption blocks only the workstream its validation names ("confirm
 *   … before Epic 2"); otherwise the workstream plans on the assumption, citing it; an assumption
 *   listed on its own (under "Assumptions") never blocks;
 * - any other question blocks the workstream when what it blocks names the workstream (id, range,
 *   epic label, name) or something the workstream's tasks or modules own; a question that states no
 *   "blocks" blocks the workstreams its own text (or its section's heading) names.
 * "Nothing in W1–W3 depends on it" names none of them.
 */
import type { Wbs } from '../../contracts/wbs';
import { workstreamRefs } from '../workstream-refs';
import { foldName } from '../workstream-name';
import type { OpenQuestion, QuestionFact } from './question';

export interface QuestionSubject {
  /** The workstream's normalised id (`W4`). */
  id: string;
  wbs: Wbs;
  /** What the workstream owns, each a phrase: its name, its task titles, its modules' names. */
  owns: readonly string[];
  /** Phrases other workstreams own (their names, task titles, modules), so a match there is theirs. */
  othersOwn?: ReadonlyMap<string, readonly string[]>;
}

export type Verdict =
  /** Planning the workstream now would guess: `because` are the facts that tie the question to it. */
  | { kind: 'blocks'; because: QuestionFact[]; via: 'blocks' | 'validation' | 'text' }
  /** The workstream plans on the question's assumption; `scope` says whether it names the workstream or the whole project. */
  | { kind: 'assumption'; scope: 'workstream' | 'project' }
  /** It concerns the workstream but does not block it (deferred or not blocking). */
  | { kind: 'noted'; reason: 'deferred' | 'not-blocking' }
  | { kind: 'none' };

const STOP = new Set(['the', 'a', 'an', 'of', 'for', 'to', 'in', 'on', 'and', 'or', 'with', 'its', 'their', 'all', 'any', 'final', 'our', 'this', 'that', 'by']);

/** A folded word without a plural ending, so "adapters" and "adapter" compare equal. */
function stem(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

function words(text: string): string[] {
  return foldName(text)
    .split(' ')
    .filter((w) => w !== '')
    .map(stem);
}

/** The significant words of a phrase: its folded, stemmed words without leading or trailing filler. */
function significant(text: string): string[] {
  const w = words(text);
  let a = 0;
  let b = w.length;
  while (a < b && STOP.has(w[a]!)) a++;
  while (b > a && STOP.has(w[b - 1]!)) b--;
  return w.slice(a, b);
}

function containsSeq(hay: string[], needle: string[]): boolean {
  if (needle.length === 0 || needle.length > hay.length) return false;
  for (let i = 0; i + needle.length <= hay.length; i++) {
    if (needle.every((w, k) => hay[i + k] === w)) return true;
  }
  return false;
}

/**
 * Does the phrase name something in `owned`? A phrase of two or more words when they appear in that
 * order in an owned phrase ("billing adapter" in "Billing adapter for hosted checkout"), or an owned
 * phrase of two or more words inside it; a one-word phrase only when it is a whole owned phrase
 * ("Billing"), since single words ("deployment") are everywhere.
 */
export function phraseOwned(phrase: string, owned: readonly string[]): boolean {
  const p = significant(phrase);
  if (p.length === 0) return false;
  return owned.some((o) => {
    const w = significant(o);
    if (w.length === 0) return false;
    if (p.length === 1) return w.length === 1 && w[0] === p[0];
    return containsSeq(w, p) || (w.length >= 2 && containsSeq(p, w));
  });
}

/** The phrases a "blocks" statement lists: `billing adapter, webhook scheme and retries`. */
function phrases(text: string): string[] {
  return text
    .split(/\s*(?:[,;/]|\band\b|\bor\b|\s[—–-]\s)\s*/i)
    .map((s) => s.replace(/\([^)]*\)/g, ' ').trim())
    .filter((s) => s !== '');
}

/** How a statement relates to the subject: names it, names only others, or names no workstream. */
function relation(text: string, subject: QuestionSubject, asked = false): 'it' | 'others' | 'nobody' {
  const refs = workstreamRefs(text, subject.wbs, { asked });
  if (refs.some((r) => r.id === subject.id && !r.negated)) return 'it';
  if (refs.length > 0) return 'others';
  let other = false;
  for (const phrase of phrases(text)) {
    if (phraseOwned(phrase, subject.owns)) return 'it';
    for (const [id, owned] of subject.othersOwn ?? []) if (id !== subject.id && phraseOwned(phrase, owned)) other = true;
  }
  return other ? 'others' : 'nobody';
}

/**
 * The verdict for one question and one workstream. `headingNamesIt`: the heading the question sits
 * under names the workstream (an "Open questions" sub-section of its own section).
 */
export function judgeQuestion(q: OpenQuestion, subject: QuestionSubject, headingNamesIt = false): Verdict {
  if (q.resolved) return { kind: 'none' };
  const stated = q.blocks.filter((b) => b.text.trim() !== '');
  const blocksRel = stated.map((b) => ({ fact: b, rel: relation(b.text, subject) }));
  const ownText = q.standaloneAssumption ? (q.assumption?.text ?? q.text) : q.text;
  const textRel = stated.length > 0 ? null : relation(ownText, subject, true);
  const concerns = blocksRel.some((b) => b.rel === 'it') || textRel === 'it' || (stated.length === 0 && headingNamesIt && textRel !== 'others');
  const elsewhere = !concerns && (blocksRel.some((b) => b.rel === 'others') || textRel === 'others');

  if (q.deferred || q.notBlocking) return concerns ? { kind: 'noted', reason: q.deferred ? 'deferred' : 'not-blocking' } : { kind: 'none' };
  if (q.assumption) {
    // An assumption listed on its own is one the team already adopted: it is carried, never a blocker.
    if (!q.standaloneAssumption && q.validation && workstreamRefs(q.validation.text, subject.wbs).some((r) => r.id === subject.id && !r.negated)) {
      return { kind: 'blocks', because: [q.validation], via: 'validation' };
    }
    if (concerns) return { kind: 'assumption', scope: 'workstream' };
    return elsewhere ? { kind: 'none' } : { kind: 'assumption', scope: 'project' };
  }
  if (q.standaloneAssumption) return { kind: 'none' };
  if (blocksRel.some((b) => b.rel === 'it')) return { kind: 'blocks', because: blocksRel.filter((b) => b.rel === 'it').map((b) => b.fact), via: 'blocks' };
  if (concerns) return { kind: 'blocks', because: [], via: 'text' };
  return { kind: 'none' };
}
