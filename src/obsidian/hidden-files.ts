/**
 * Notes in dot-folders (the plan backups in `Planning/.backup/`). Obsidian's vault API does not see
 * them: `getAbstractFileByPath` is null for a file that exists, and `create` writes one but returns
 * null (obsidianmd/obsidian-developer-docs#186), so a check through the vault would always say "free"
 * and a second backup in the same second would overwrite the first. Here they go through
 * `vault.adapter` instead, which reads, writes and checks any path on every platform.
 */
import type { DataAdapter } from 'obsidian';
import { err, ok, type Result } from '../core/result';
import type { ReadError, VaultEntry, WriteError } from '../core/vault/vault-port';

/** True for a path with a segment starting with `.`, which the vault API does not see. */
export function isHiddenPath(path: string): boolean {
  return path.split('/').some((seg) => seg.startsWith('.'));
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export class HiddenFiles {
  constructor(private readonly adapter: DataAdapter) {}

  async exists(path: string): Promise<boolean> {
    return this.adapter.exists(path);
  }

  async stat(path: string): Promise<VaultEntry> {
    const st = await this.adapter.stat(path);
    if (!st) return { kind: 'missing' };
    return st.type === 'folder' ? { kind: 'folder' } : { kind: 'file', size: st.size };
  }

  async read(path: string): Promise<Result<string, ReadError>> {
    const st = await this.adapter.stat(path);
    if (!st) return err({ kind: 'missing', file: path });
    if (st.type === 'folder') return err({ kind: 'is-folder', file: path });
    return ok(await this.adapter.read(path));
  }

  /** Makes `path` (every segment of it that is missing). */
  async createFolder(path: string): Promise<Result<void, WriteError>> {
    let prefix = '';
    for (const seg of path.split('/')) {
      prefix = prefix ? `${prefix}/${seg}` : seg;
      const st = await this.adapter.stat(prefix);
      if (st?.type === 'folder') continue;
      if (st) return err({ kind: 'exists', file: prefix });
      try {
        await this.adapter.mkdir(prefix);
      } catch (e) {
        return err({ kind: 'io', file: prefix, detail: messageOf(e) });
      }
    }
    return ok(undefined);
  }

  async create(path: string, text: string): Promise<Result<void, WriteError>> {
    if (await this.adapter.exists(path)) return err({ kind: 'exists', file: path });
    return this.write(path, text);
  }

  async write(path: string, text: string): Promise<Result<void, WriteError>> {
    try {
      await this.adapter.write(path, text);
      return ok(undefined);
    } catch (e) {
      return err({ kind: 'io', file: path, detail: messageOf(e) });
    }
  }

  async append(path: string, text: string): Promise<Result<void, WriteError>> {
    if (!(await this.adapter.exists(path))) return err({ kind: 'missing', file: path });
    try {
      await this.adapter.append(path, text);
      return ok(undefined);
    } catch (e) {
      return err({ kind: 'io', file: path, detail: messageOf(e) });
    }
  }
}
