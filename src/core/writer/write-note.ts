import type { Result } from '../result';
import { err, ok } from '../result';
import type { VaultPort, WriteError } from '../vault/vault-port';
import type { Settings } from '../contracts/settings';
import type { Clock } from '../clock';
import { backupPath } from './note-paths';

function parentFolder(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

/**
 * Copies the note at `path` to the backup folder and returns the copy's path.
 * Reading or writing failures are returned, and the caller then must not touch the original.
 */
export async function backupNote(
  vault: VaultPort,
  settings: Settings,
  path: string,
  clock: Clock,
): Promise<Result<string, WriteError>> {
  const read = await vault.read(path);
  if (!read.ok) return err({ kind: 'io', file: path, detail: `could not be read for the backup (${read.error.kind})` });
  const first = backupPath(settings, path, clock);
  const folder = await vault.createFolder(parentFolder(first));
  if (!folder.ok) return folder;
  // Two backups in the same second get -2, -3…: a backup never replaces another.
  for (let n = 1; n < 100; n++) {
    const target = n === 1 ? first : first.replace(/\.md$/, `-${n}.md`);
    if (await vault.exists(target)) continue;
    const made = await vault.create(target, read.value);
    if (!made.ok) return made;
    return ok(target);
  }
  return err({ kind: 'io', file: first, detail: 'too many backups in the same second' });
}

/** Writes a new note, creating its folder; refuses when a note is already there. */
export async function createNote(vault: VaultPort, path: string, text: string): Promise<Result<void, WriteError>> {
  const folder = parentFolder(path);
  if (folder !== '') {
    const made = await vault.createFolder(folder);
    if (!made.ok) return made;
  }
  return vault.create(path, text);
}
