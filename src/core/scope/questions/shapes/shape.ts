import type { QuestionFacts, QuestionItem } from '../question';

/** One way authors write a question's facts: reads an item and reports what it sees (nothing when it is not that shape). */
export interface QuestionShape {
  /** The file's name, for tests and for reading the list. */
  name: string;
  read: (item: QuestionItem) => Partial<QuestionFacts>;
}

/** An item's line with its list marker, checkbox and quote markers removed. */
export function lineContent(line: string): string {
  return line
    .replace(/^\s*(?:>\s*)*/, '')
    .replace(/^(?:[-*+]|\d+[.)])\s+/, '')
    .replace(/^\[[ xX/-]\]\s*/, '')
    .trim();
}

/** Emphasis markers removed and spaces collapsed. */
export function unemphasised(s: string): string {
  return s.replace(/\*\*|__/g, '').replace(/\s+/g, ' ').trim();
}

/** Words that say a point is put off rather than decided now. */
export const DEFERRAL = /\bdefer(?:red|ring|s)?\b|\bpostpone(?:d|s)?\b|\bpost[- ]?(?:mvp|launch|release|deployment)\b|\b(?:later|future)\s+(?:phase|release|iteration)\b|\bout\s+of\s+scope\s+for\s+(?:the\s+)?mvp\b/i;
/** A value that says "nothing": `Blocks: none`, `Blocks: No MVP decision`, `Blocks: n/a`. */
export const NOTHING = /^(?:no\b|none\b|nothing\b|n\/a\b|-+$|—$)/i;
/** A status that settles the question. */
export const SETTLED_STATUS = /^(?:resolved|decided|closed|answered|done|confirmed|agreed|accepted|settled)\b/i;
/** A status or value that says it is still open. */
export const OPEN_VALUE = /^(?:open|pending|tbd|todo|unresolved|undecided|unknown|\?+|in\s+progress|under\s+discussion)\b/i;
