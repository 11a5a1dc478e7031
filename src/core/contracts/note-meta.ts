/**
 * What the planner knows of a note besides its text: frontmatter and headings, as the adapter's
 * own parser sees them (gray-matter in the CLI, the metadata cache in Obsidian). A contract
 * between the `VaultPort` and the readers in the core, so the Markdown readers need not depend
 * on the vault.
 *
 * Line numbers are 1-based everywhere in the core (Obsidian's cache is 0-based: the adapter adds 1).
 */
export interface NoteHeading {
  /** Heading text as written, without the leading hashes and trailing hashes. */
  text: string;
  /** 1 to 6. */
  level: number;
  /** 1-based line of the heading in the note. */
  line: number;
}

export interface FrontmatterProblem {
  /** 1-based line in the note where the YAML parser gave up. */
  line: number;
  detail: string;
}

export interface NoteMeta {
  /** Parsed frontmatter; null when the note has none or when it did not parse. */
  frontmatter: Record<string, unknown> | null;
  /** Set when the note has a frontmatter block that did not parse: never write into it. */
  frontmatterError: FrontmatterProblem | null;
  /** 1-based line on which the body starts (1 when there is no frontmatter). */
  bodyStartLine: number;
  headings: NoteHeading[];
}
