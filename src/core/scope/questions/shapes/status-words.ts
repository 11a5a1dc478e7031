/**
 * A question's state written in its own words: `Resolved: …`, `**Decided** — …`, `- [x] …`, a line
 * struck through, `✅`, `Deferred: …`, `Non-blocking: …`; and, in the question's own text (its
 * labelled facts aside, so "Validation: test after the URL is confirmed" settles nothing), "resolved",
 * "decided", "confirmed", "answered", "closed", "non-blocking" unless it says "not yet resolved".
 */
import type { QuestionFacts, QuestionItem } from '../question';
import { FACT_LABEL } from '../regions';
import { lineContent, type QuestionShape } from './shape';

const LEAD_SETTLED = /^(?:\*\*|__)?\s*(?:resolved|decided|answered|closed|done|settled)\b\s*(?:\*\*|__)?\s*(?:[:—–.-]|$)/i;
const LEAD_DEFERRED = /^(?:\*\*|__)?\s*(?:deferred|postponed|parked)\b\s*(?:\*\*|__)?\s*(?:[:—–.-]|$)/i;
const LEAD_NOT_BLOCKING = /^(?:\*\*|__)?\s*(?:not\s+blocking|non[- ]?blocking)\b\s*(?:\*\*|__)?\s*(?:[:—–.-]|$)/i;
/** Settled words in the question's own text… */
const SETTLED = /\b(?:resolved|confirmed|decided|answered|closed|non[- ]?blocking|not\s+blocking)\b/i;
/** …unless it says the opposite. */
const UNSETTLED = /\b(?:unresolved|undecided|unconfirmed|(?:not|never)\s+(?:yet\s+)?(?:resolved|confirmed|decided|answered|closed)|to\s+be\s+(?:resolved|confirmed|decided)|once\s+(?:resolved|confirmed|decided)|until\s+(?:resolved|confirmed|decided))\b/i;
/** Everything from the first inline fact label on: the question's own text ends there. */
const INLINE_LABEL = /(?:[.;!?]\s+|\s[—–]\s*|\()(?:\*\*|__)?\s*(?:blocks?|blocking|not\s+blocking|recommendation|proposed\s+assumption|assumption|validation|validate|mitigation|status|option\s+[a-z])\b/i;

function read(item: QuestionItem): Partial<QuestionFacts> {
  const first = lineContent(item.texts[0] ?? '');
  const line = item.lines[0]!;
  const fact = { text: first, line };
  if (/^\s*(?:[-*+]|\d+[.)])\s+\[[xX]\]/.test(item.texts[0] ?? '') || /^~~.*~~$/.test(first) || /^✅|✔/.test(first)) return { resolved: fact };
  if (LEAD_SETTLED.test(first)) return { resolved: fact };
  if (LEAD_DEFERRED.test(first)) return { deferred: fact };
  if (LEAD_NOT_BLOCKING.test(first)) return { notBlocking: fact };
  // The question's own words: its lines that are not fact lines, each cut at its first inline label.
  const own = item.texts
    .map((t, i) => ({ t: lineContent(t), line: item.lines[i]! }))
    .filter((x, i) => i === 0 || !FACT_LABEL.test(item.texts[i]!))
    .map((x) => ({ ...x, t: x.t.slice(0, x.t.search(INLINE_LABEL) >= 0 ? x.t.search(INLINE_LABEL) : x.t.length) }));
  const text = own.map((x) => x.t).join(' ');
  if (UNSETTLED.test(text) || !SETTLED.test(text)) return {};
  const at = own.find((x) => SETTLED.test(x.t)) ?? own[0]!;
  const settled = { text: at.t, line: at.line };
  return /\b(?:non[- ]?blocking|not\s+blocking)\b/i.test(text) ? { notBlocking: settled } : { resolved: settled };
}

export const statusWords: QuestionShape = { name: 'status-words', read };
