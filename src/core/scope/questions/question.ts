/**
 * An open question as the upstream planning prompts have their authors write it: a topic, what it
 * blocks, whether it is deferred, not blocking or resolved, and the assumption proposed meanwhile
 * with how to validate it. Each fact keeps the line it was read from, so escalations and plans can
 * cite it.
 */

/** One stated fact of a question, with the 1-based line of the note it is on. */
export interface QuestionFact {
  text: string;
  line: number;
}

/** Where the question was found: the title of its open-questions block. */
export interface QuestionRegion {
  /** The title as written, without `#`, numbering or emphasis: "Open Questions and Blocked Decisions". */
  title: string;
  /** 1-based line of the title. */
  line: number;
  /** An ATX heading, a numbered section line (`8. Risks, …`), or a plain line. */
  kind: 'heading' | 'numbered' | 'line';
  /** The section number of a numbered title (`8`, `2.1`), else null. */
  number: string | null;
  /** The title also holds risks and assumptions ("Risks, Assumptions, and Open Questions"). */
  combined: boolean;
}

/** The raw item a shape reads: its lines and, for a table row, its cells. */
export interface QuestionItem {
  /** 1-based lines of the item, first line first (continuation and nested lines included). */
  lines: number[];
  /** The text of each line, code masked, in the same order. */
  texts: string[];
  kind: 'list' | 'table' | 'line';
  /** A table row's header cells (as written) and its own cells; empty otherwise. */
  header: string[];
  cells: string[];
  /** What the group the item sits in holds: questions, assumptions, or neither (risks, plans). */
  group: 'question' | 'assumption' | 'mixed';
  region: QuestionRegion;
}

/** What the shapes read from an item (every field optional: a shape reports what it sees). */
export interface QuestionFacts {
  /** What the question says it blocks (`BLOCKS:`, `**Blocks**:`, `Blocks:`), one fact per statement. */
  blocks: QuestionFact[];
  /** A statement that it does not block (`NOT BLOCKING: …`, `non-blocking`). */
  notBlocking: QuestionFact | null;
  /** A statement that it is put off (`Recommendation: Defer …`, `Deferred`, `post-MVP`). */
  deferred: QuestionFact | null;
  /** A statement that it is settled (`Resolved`, `[x]`, struck through, `Decision: …`). */
  resolved: QuestionFact | null;
  /** The assumption proposed meanwhile (`Proposed Assumption:`, `Assumption:`, a recommendation to go ahead). */
  assumption: QuestionFact | null;
  /** How the assumption is to be validated (`Validation: confirm … before Epic 2`). */
  validation: QuestionFact | null;
}

export interface OpenQuestion extends QuestionFacts {
  /** Vault path of the note. */
  file: string;
  /** 1-based first line. */
  line: number;
  lines: number[];
  /** Short subject: "Payment provider". */
  topic: string;
  /** The item's text, lines joined with spaces, list marker removed. */
  text: string;
  region: QuestionRegion;
  /** An assumption listed on its own (`A1: …` under "Assumptions"), not a question. */
  standaloneAssumption: boolean;
}

export const NO_FACTS: QuestionFacts = {
  blocks: [],
  notBlocking: null,
  deferred: null,
  resolved: null,
  assumption: null,
  validation: null,
};
