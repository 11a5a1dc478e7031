import type { VaultPort } from './vault-port';

/** A vault that behaves like `vault` except for the methods given in `overrides`. */
export function delegateVault(vault: VaultPort, overrides: Partial<VaultPort>): VaultPort {
  return {
    listMarkdown: () => vault.listMarkdown(),
    stat: (p) => vault.stat(p),
    exists: (p) => vault.exists(p),
    read: (p) => vault.read(p),
    meta: (p) => vault.meta(p),
    resolveLink: (l, s) => vault.resolveLink(l, s),
    createFolder: (p) => vault.createFolder(p),
    create: (p, t) => vault.create(p, t),
    append: (p, t) => vault.append(p, t),
    replace: (p, t) => vault.replace(p, t),
    processFrontmatter: (p, fn) => vault.processFrontmatter(p, fn),
    ...(vault.trash ? { trash: (p: string) => vault.trash!(p) } : {}),
    ...overrides,
  };
}
