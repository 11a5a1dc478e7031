import type { VaultPort } from './vault-port';

/**
 * A read-only view of the vault that remembers what it read, for a phase that reads the same notes
 * many times and writes nothing (the checker resolves every heading link against the meso plan's
 * headings). Writes pass through and forget everything remembered.
 */
export function withReadCache(vault: VaultPort): VaultPort {
  const memo = new Map<string, Promise<unknown>>();
  const once = <T>(key: string, f: () => Promise<T>): Promise<T> => {
    let p = memo.get(key) as Promise<T> | undefined;
    if (!p) {
      p = f();
      memo.set(key, p);
    }
    return p;
  };
  const forget = <A extends unknown[], R>(f: (...a: A) => Promise<R>) => (...a: A): Promise<R> => {
    memo.clear();
    return f(...a);
  };
  return {
    listMarkdown: () => once('list', () => vault.listMarkdown()),
    stat: (p) => once(`stat:${p}`, () => vault.stat(p)),
    exists: (p) => once(`exists:${p}`, () => vault.exists(p)),
    read: (p) => once(`read:${p}`, () => vault.read(p)),
    meta: (p) => once(`meta:${p}`, () => vault.meta(p)),
    resolveLink: (l, s) => once(`link:${s}\u0000${l}`, () => vault.resolveLink(l, s)),
    createFolder: forget((p: string) => vault.createFolder(p)),
    create: forget((p: string, t: string) => vault.create(p, t)),
    append: forget((p: string, t: string) => vault.append(p, t)),
    replace: forget((p: string, t: string) => vault.replace(p, t)),
    processFrontmatter: forget((p: string, fn: (fm: Record<string, unknown>) => void) => vault.processFrontmatter(p, fn)),
  };
}
