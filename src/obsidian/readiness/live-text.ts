/**
 * The vault as the checker should see it while a note is being edited: the editor's text for that
 * note, the vault for everything else. Obsidian saves the editor a moment after each change, so
 * without this the panel would check the text from before the last keystrokes. Frontmatter and
 * headings still come from the metadata cache, which catches up after the save.
 */
import { ok } from '../../core/result';
import type { VaultPort } from '../../core/vault/vault-port';
import { delegateVault } from '../../core/vault/delegate';

export function withLiveText(vault: VaultPort, path: string, text: string): VaultPort {
  return delegateVault(vault, { read: async (p) => (p === path ? ok(text) : vault.read(p)) });
}
