import type { Escalation } from '../contracts/escalation';
import type { MesoMention, Wbs } from '../contracts/wbs';
import type { NoteHeading } from '../contracts/note-meta';

/** The meso-level plan as the rules see it. */
export interface EscalationMeso {
  /** Vault-relative path, with `.md`. */
  path: string;
  /** The whole note, frontmatter included, so line numbers match the file. */
  text: string;
  /** In document order (as `parseHeadings` and Obsidian's metadata cache give them). */
  headings: NoteHeading[];
}

/**
 * Everything the escalation rules read. Built once by the planner before any model call; every rule
 * is a pure function of it.
 */
export interface EscalationContext {
  /** The workstream being planned, normalised (`W2`). */
  workstreamId: string;
  wbs: Wbs;
  mesoMentions: MesoMention[];
  /** Null when no meso-level plan was found. */
  meso: EscalationMeso | null;
  /** The wikilink target for the meso plan (`research/project-planning/meso-level-plan`); null falls back to its path. */
  mesoLinkTarget: string | null;
  /**
   * The overall micro-level plan the WBS was parsed from. Optional: when given, evidence names the
   * file and quotes the WBS line; when absent it says "the overall micro-level plan" and leaves `file` unset.
   */
  wbsSource?: { path: string; text: string };
  /**
   * Set when discovery found a meso-level plan but dropped it as empty (its `empty-note` warning):
   * the note's vault path. With `meso` null, `meso-missing` then says the note is empty rather than
   * that none was found.
   */
  mesoEmptyPath?: string;
}

/** One escalation rule: pure, never throws on odd input, returns nothing when it has nothing to say. */
export type EscalationRule = (ctx: EscalationContext) => Escalation[];
