/**
 * The narrow view of a vault that the planner needs. Two implementations:
 * `FsVault` (src/cli, a folder on disk, used by the CLI and the tests) and
 * `ObsidianVault` (src/obsidian, over Vault/MetadataCache/FileManager).
 *
 * Paths are vault-relative, use `/`, and carry the `.md` extension.
 * Line numbers are 1-based everywhere in the core (Obsidian's cache is 0-based: the adapter adds 1).
 */
import type { Result } from '../result';
import type { NoteMeta } from '../contracts/note-meta';

// The adapters that implement the port take the note types from here, with the port.
export type { FrontmatterProblem, NoteHeading, NoteMeta } from '../contracts/note-meta';

export type VaultEntry =
  | { kind: 'file'; size: number }
  | { kind: 'folder' }
  | { kind: 'missing' };

export type ReadError =
  | { kind: 'missing'; file: string }
  | { kind: 'is-folder'; file: string }
  | { kind: 'binary'; file: string }
  | { kind: 'not-utf8'; file: string; line: number };

export type WriteError =
  | { kind: 'exists'; file: string }
  | { kind: 'missing'; file: string }
  | { kind: 'bad-frontmatter'; file: string; line: number; detail: string }
  | { kind: 'io'; file: string; detail: string };

export interface VaultPort {
  /** Every markdown note, vault-relative; dot-folders (`.obsidian`, `.backup`, `.trash`) excluded. */
  listMarkdown(): Promise<string[]>;
  stat(path: string): Promise<VaultEntry>;
  exists(path: string): Promise<boolean>;
  read(path: string): Promise<Result<string, ReadError>>;
  /** Frontmatter and headings as the adapter's own parser sees them (gray-matter / metadata cache). */
  meta(path: string): Promise<NoteMeta>;
  /**
   * Resolve a link path (the part of a wikilink before `#` and `|`) from a source note,
   * as Obsidian does. Returns the vault path of the target, or null.
   */
  resolveLink(linkpath: string, sourcePath: string): Promise<string | null>;
  /** Creates the folder and its parents; a folder that exists is fine. */
  createFolder(path: string): Promise<Result<void, WriteError>>;
  /** Creates a note; refuses when something is already at `path`. */
  create(path: string, text: string): Promise<Result<void, WriteError>>;
  append(path: string, text: string): Promise<Result<void, WriteError>>;
  /** Rewrites a whole note atomically (readers see the old text or the new, never half). */
  replace(path: string, text: string): Promise<Result<void, WriteError>>;
  /**
   * Changes the note's frontmatter and nothing else: the body stays byte for byte.
   * Refuses with `bad-frontmatter` when the existing frontmatter does not parse.
   */
  processFrontmatter(
    path: string,
    fn: (frontmatter: Record<string, unknown>) => void,
  ): Promise<Result<void, WriteError>>;
  /**
   * Moves a note the planner created itself to the trash (the app's trash as the user set it up; the
   * vault's `.trash` folder from the CLI), never deleting it outright. Optional: without it the
   * planner leaves such a note in place.
   */
  trash?(path: string): Promise<Result<void, WriteError>>;
}
