import type { PlannerError } from '../contracts/errors';
import type { Role } from '../contracts/settings';
import { err, ok, type Result } from '../result';
import type { VaultPort } from '../vault/vault-port';
import type { NoteMeta } from '../contracts/note-meta';

export interface LoadedNote {
  path: string;
  /** @unit bytes */
  size: number;
  text: string;
  meta: NoteMeta;
}

/**
 * Reads each note at most once per discovery run: texts and metadata are memoised by path, so a
 * note that is a link target, a tag candidate and the winner of a role costs one read.
 */
export class NoteLoader {
  private readonly notes = new Map<string, Promise<Result<LoadedNote, PlannerError>>>();
  private readonly metas = new Map<string, Promise<NoteMeta>>();

  constructor(private readonly vault: VaultPort) {}

  /** Frontmatter and headings only (for tag scans): does not keep the text. */
  meta(path: string): Promise<NoteMeta> {
    let m = this.metas.get(path);
    if (!m) {
      m = this.vault.meta(path);
      this.metas.set(path, m);
    }
    return m;
  }

  /** The note's text, metadata and size; a missing or unreadable note is an error for `role`. */
  load(path: string, role: Role | null): Promise<Result<LoadedNote, PlannerError>> {
    let n = this.notes.get(path);
    if (!n) {
      n = this.loadUncached(path, role);
      this.notes.set(path, n);
    }
    return n;
  }

  private async loadUncached(path: string, role: Role | null): Promise<Result<LoadedNote, PlannerError>> {
    const entry = await this.vault.stat(path);
    if (entry.kind === 'missing') {
      return role === null ? err({ kind: 'project-not-found', path }) : err({ kind: 'missing-note', role, path });
    }
    if (entry.kind === 'folder') return err({ kind: 'unreadable-note', role, file: path, reason: 'is-folder' });
    const read = await this.vault.read(path);
    if (!read.ok) {
      const e = read.error;
      if (e.kind === 'missing') {
        return role === null ? err({ kind: 'project-not-found', path }) : err({ kind: 'missing-note', role, path });
      }
      return err({ kind: 'unreadable-note', role, file: path, reason: e.kind, ...(e.kind === 'not-utf8' ? { line: e.line } : {}) });
    }
    const meta = await this.meta(path);
    return ok({ path, size: entry.size, text: read.value, meta });
  }
}
