/**
 * Markers of a decision left open, found per occurrence so a settled mention does not hide a live
 * one on the same line. TBD and TODO as whole words, any case; code is masked by the caller.
 * No lookbehind: iOS before 16.4 lacks it.
 */
const MARKERS: Array<{ re: RegExp; label: string }> = [
  { re: /\[\s*needs\s+decision\s*\]/gi, label: '[NEEDS DECISION]' },
  { re: /(?:^|[^\p{L}\p{N}_])(tbd)(?![\p{L}\p{N}_])/giu, label: 'TBD' },
  { re: /(?:^|[^\p{L}\p{N}_])(todo)(?![\p{L}\p{N}_])/giu, label: 'TODO' },
  { re: /\?\?+/g, label: '??' },
];

/** A sentence that says the point is settled: "no longer TBD", "decided: …", "marker removed". */
const SETTLED_SENTENCE = /\b(?:no\s+longer|any\s?more|nothing\b[^.]*\bis|no\s+(?:tbd|todo)s?|not\s+(?:tbd|todo)|decided|resolved|settled|removed|was\s+(?:tbd|todo))\b/i;
/**
 * …unless it says it still has to be: "to be decided" (also "needs to be", "has to be", "yet to be"),
 * "not yet resolved", "never decided".
 */
const STILL_OPEN = /\b(?:(?:to|must|should|will)\s+be|not(?:\s+yet)?|never|once)\s+(?:decided|resolved|settled|removed)\b/i;
/** `TODO list`, `TODO app`, `TODO items`: the noun, not a marker. */
const TODO_NOUN = /^[\s-]*(?:lists?|apps?|applications?|items?)\b/i;
/** What answers a `word??` question on the same line: `validated?? yes`. */
const ANSWERED = /^\s*(?:[-—–:→=>]+\s*)?(?:yes|no|done|ok|okay|confirmed|decided|resolved|answered|n\/a)\b/i;

/** The sentence around `index`: from after the previous `. ! ? ;` + space to the next one. */
function sentenceAround(line: string, index: number, end: number): string {
  let start = 0;
  const before = /[.!;?]\s+/g;
  let m: RegExpExecArray | null;
  while ((m = before.exec(line)) !== null && m.index + m[0].length <= index) start = m.index + m[0].length;
  const after = /[.!;]\s|[.!;]$/.exec(line.slice(end));
  return line.slice(start, after ? end + after.index : line.length);
}

/** The first marker on the line that still stands for an open decision, or null. */
export function liveMarker(line: string): string | null {
  let first: { at: number; label: string } | null = null;
  for (const { re, label } of MARKERS) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(line)) !== null) {
      const at = m[1] !== undefined ? m.index + m[0].length - m[1].length : m.index;
      const end = m.index + m[0].length;
      if (first && first.at <= at) break;
      const sentence = sentenceAround(line, at, end);
      if (SETTLED_SENTENCE.test(sentence) && !STILL_OPEN.test(sentence)) continue;
      if (label === 'TODO' && TODO_NOUN.test(line.slice(end))) continue;
      if (label === '??' && /[\p{L}\p{N}_)]/u.test(line[at - 1] ?? '') && ANSWERED.test(line.slice(end))) continue;
      first = { at, label };
      break;
    }
  }
  return first?.label ?? null;
}
