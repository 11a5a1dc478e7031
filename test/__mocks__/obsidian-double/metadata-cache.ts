/**
 * `MetadataCache` over the double's vault. Ledger:
 * - Indexing happens after the write, not in it: right after `create`/`modify` the old cache (or none)
 *   is still there; `changed` fires later, then `resolved` (obsidian.d.ts:4447 "Called when a file has
 *   been indexed, and its (updated) cache is now available"; luiisca/obsidian-periodic-notes-calendar#16:
 *   the cache updates after the `modify` event, so read it on `changed`). Here: the next macrotask;
 *   `settle()` waits for it.
 * - A rename moves the cache and fires no `changed` (obsidian.d.ts:4449 "This is not called when a
 *   file is renamed for performance reasons. You must hook the vault rename event for those.").
 * - `resolved` (the event) fires after every later modification too (obsidian.d.ts:4468).
 * - `resolved` (the flag) is the app's internal "all files resolved" flag (not in obsidian.d.ts) that
 *   plugins read before waiting for the event.
 * - Dot-paths are not indexed (the vault does not see them, see vault.ts).
 */
import type { CachedMetadata } from 'obsidian';
import { Events } from './events';
import { TAbstractFile, TFile } from './files';
import { computeMetadata } from './markdown-cache';
import { basename, dirname, normalizePath } from './paths';
import type { Vault } from './vault';

export class MetadataCache extends Events {
  resolvedLinks: Record<string, Record<string, number>> = {};
  unresolvedLinks: Record<string, Record<string, number>> = {};
  /** The app's internal "all files resolved" flag. */
  resolved = false;
  private readonly caches = new Map<string, CachedMetadata>();
  /** Paths whose cache is a hand-written fixture: re-indexing leaves them alone. */
  private readonly pinned = new Set<string>();
  private pending: Promise<void> | null = null;
  private readonly dirty = new Set<string>();

  constructor(private readonly vault: Vault) {
    super();
    vault.on('create', (f: TAbstractFile) => this.schedule(f.path));
    vault.on('modify', (f: TAbstractFile) => this.schedule(f.path));
    vault.on('rename', (f: TAbstractFile, oldPath: string) => {
      const c = this.caches.get(oldPath);
      this.caches.delete(oldPath);
      if (c) this.caches.set(f.path, c);
      // A write still waiting to be indexed is indexed under the new path.
      if (this.dirty.delete(oldPath)) this.dirty.add(f.path);
      this.scheduleResolve();
    });
    vault.on('delete', (f: TAbstractFile) => {
      const prev = this.caches.get(f.path) ?? null;
      this.caches.delete(f.path);
      delete this.resolvedLinks[f.path];
      delete this.unresolvedLinks[f.path];
      if (f instanceof TFile) this.trigger('deleted', f, prev);
    });
  }

  getFileCache(file: TFile): CachedMetadata | null {
    return this.getCache(file.path);
  }

  getCache(path: string): CachedMetadata | null {
    return this.caches.get(path) ?? null;
  }

  /**
   * The app's resolution: an empty linkpath is the source note; `./` and `../` are relative to the
   * source's folder; then the exact vault path, as written or with `.md`; then every file whose path
   * ends with the linkpath (case-insensitive, with or without `.md`), the one closest to the source
   * folder first (fewest folder steps between them, then the shorter path, then alphabetical).
   */
  getFirstLinkpathDest(linkpath: string, sourcePath: string): TFile | null {
    if (linkpath === '') return this.vault.getFileByPath(sourcePath);
    const sourceDir = dirname(sourcePath);
    if (/^\.\.?\//.test(linkpath)) {
      const parts = sourceDir === '' ? [] : sourceDir.split('/');
      for (const seg of linkpath.split('/')) {
        if (seg === '..') parts.pop();
        else if (seg !== '.') parts.push(seg);
      }
      linkpath = parts.join('/');
    }
    const path = normalizePath(linkpath);
    const exact = this.vault.getFileByPath(path) ?? this.vault.getFileByPath(`${path}.md`);
    if (exact) return exact;
    const want = path.toLowerCase();
    const name = basename(want);
    const candidates = this.vault.getFiles().filter((f) => {
      const p = f.path.toLowerCase();
      const n = f.name.toLowerCase();
      if (n !== name && n !== `${name}.md`) return false;
      return p === want || p === `${want}.md` || p.endsWith(`/${want}`) || p.endsWith(`/${want}.md`);
    });
    candidates.sort(
      (a, b) =>
        folderSteps(sourceDir, dirname(a.path)) - folderSteps(sourceDir, dirname(b.path)) ||
        a.path.length - b.path.length ||
        (a.path < b.path ? -1 : a.path > b.path ? 1 : 0),
    );
    return candidates[0] ?? null;
  }

  fileToLinktext(file: TFile, sourcePath: string, omitMdExtension = true): string {
    const name = omitMdExtension && file.extension === 'md' ? file.basename : file.name;
    return this.getFirstLinkpathDest(name, sourcePath) === file
      ? name
      : omitMdExtension && file.extension === 'md' ? file.path.slice(0, -3) : file.path;
  }

  /** Double only: index every note now and fire `resolved`. */
  indexAll(): void {
    for (const f of this.vault.getMarkdownFiles()) this.index(f, false);
    this.resolveAll();
  }

  /** Double only: replace a note's cache with a hand-written one; later writes do not overwrite it. */
  setFixture(path: string, cache: CachedMetadata): void {
    this.caches.set(path, cache);
    this.pinned.add(path);
    this.resolveLinksOf(path);
  }

  /** Double only: wait until every pending write has been indexed and `resolved` has fired. */
  async settle(): Promise<void> {
    while (this.pending) await this.pending;
  }

  private schedule(path: string): void {
    const file = this.vault.getFileByPath(path);
    if (!file || file.extension !== 'md') return;
    this.dirty.add(path);
    this.scheduleResolve();
  }

  /** Indexes the dirty notes and resolves links on the next macrotask. */
  private scheduleResolve(): void {
    this.resolved = false;
    this.pending ??= new Promise<void>((done) =>
      setTimeout(() => {
        for (const p of [...this.dirty]) {
          const f = this.vault.getFileByPath(p);
          if (f) this.index(f, true);
        }
        this.dirty.clear();
        this.pending = null;
        this.resolveAll();
        done();
      }, 0),
    );
  }

  private index(file: TFile, announce: boolean): void {
    const text = this.vault.peek(file.path) ?? '';
    if (!this.pinned.has(file.path)) this.caches.set(file.path, computeMetadata(text));
    const cache = this.caches.get(file.path)!;
    if (announce) this.trigger('changed', file, text, cache);
  }

  private resolveAll(): void {
    this.resolvedLinks = {};
    this.unresolvedLinks = {};
    for (const path of this.caches.keys()) this.resolveLinksOf(path);
    this.resolved = true;
    this.trigger('resolved');
  }

  private resolveLinksOf(path: string): void {
    const cache = this.caches.get(path);
    const resolved: Record<string, number> = {};
    const unresolved: Record<string, number> = {};
    for (const ref of [...(cache?.links ?? []), ...(cache?.embeds ?? []), ...(cache?.frontmatterLinks ?? [])]) {
      const linkpath = ref.link.split('#')[0]!;
      const dest = this.getFirstLinkpathDest(linkpath, path);
      const bucket = dest ? resolved : unresolved;
      const key = dest ? dest.path : linkpath;
      bucket[key] = (bucket[key] ?? 0) + 1;
    }
    this.resolvedLinks[path] = resolved;
    this.unresolvedLinks[path] = unresolved;
  }
}

/** Folder steps from one folder to another through their common ancestor. */
function folderSteps(from: string, to: string): number {
  const a = from === '' ? [] : from.split('/');
  const b = to === '' ? [] : to.split('/');
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common++;
  return a.length - common + (b.length - common);
}
