/**
 * The vault as the checker should see it while a note is being edited: the editor's text for that
 * note, the vault for everything else. Obsidian saves the editor a moment after each change, so
 * without this the panel would check the text from before the last keystrokes. Frontmatter and
 * headings still come from the metadata cache, which catches up after the save.
 */
import { ok } from '../../core/result';
import type { VaultPort } from '../../core/vault/vault-port';

export function withLiveText(vault: VaultPort, path: string, text: string): VaultPort {
  return {
    listMarkdown: () => vault.listMarkdown(),
    stat: (p) => vault.stat(p),
    exists: (p) => vault.exists(p),
    read: async (p) => (p === path ? ok(text) : vault.read(p)),
    meta: (p) => vault.meta(p),
    resolveLink: (l, s) => vault.resolveLink(l, s),
    createFolder: (p) => vault.createFolder(p),
    create: (p, t) => vault.create(p, t),
    append: (p, t) => vault.append(p, t),
    replace: (p, t) => vault.replace(p, t),
    processFrontmatter: (p, fn) => vault.processFrontmatter(p, fn),
  };
}
