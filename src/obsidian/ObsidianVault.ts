/**
 * The core's `VaultPort` over Obsidian: `app.vault` for files, `app.metadataCache` for headings,
 * frontmatter and links, `app.fileManager.processFrontMatter` for frontmatter writes. No Node
 * built-ins and no gray-matter here, so it runs on mobile too.
 *
 * The metadata cache is updated after a write, not during it: right after our own write,
 * `getFileCache` still gives the old note. So every write through this class marks the path, and
 * `meta()` waits for the cache's `changed` event for it (at most `indexTimeoutMs`) before reading.
 * Paths in dot-folders (backups) go through `vault.adapter` (see hidden-files.ts): the vault API does
 * not see them.
 */
import {
  getFrontMatterInfo,
  getLinkpath,
  normalizePath,
  TFile,
  TFolder,
  type App,
  type CachedMetadata,
  type MetadataCache,
} from 'obsidian';
import { err, ok, type Result } from '../core/result';
import { HiddenFiles, isHiddenPath } from './hidden-files';
import type { NoteHeading, NoteMeta, ReadError, VaultEntry, VaultPort, WriteError } from '../core/vault/vault-port';

/** How long `meta()` waits for the cache to catch up with a write, in milliseconds. */
const DEFAULT_INDEX_TIMEOUT_MS = 2000;

const OPENS_FRONTMATTER = /^---[ \t]*\r?\n/;

/** Obsidian reports no position for YAML it cannot parse, so the error points at the opening `---`. */
const UNPARSED_DETAIL =
  'Obsidian could not read the properties (YAML frontmatter) of this note. It does not say where the problem is, so the line given is the opening ---.';

export class ObsidianVault implements VaultPort {
  private readonly pending = new Map<string, Promise<void>>();
  private readonly hidden: HiddenFiles;

  constructor(
    private readonly app: App,
    private readonly indexTimeoutMs = DEFAULT_INDEX_TIMEOUT_MS,
  ) {
    this.hidden = new HiddenFiles(app.vault.adapter);
  }

  async listMarkdown(): Promise<string[]> {
    return this.app.vault
      .getMarkdownFiles()
      .map((f) => f.path)
      .filter((p) => !p.split('/').some((seg) => seg.startsWith('.')))
      .sort();
  }

  async stat(path: string): Promise<VaultEntry> {
    if (isHiddenPath(normalizePath(path))) return this.hidden.stat(normalizePath(path));
    const entry = this.app.vault.getAbstractFileByPath(normalizePath(path));
    if (entry instanceof TFile) return { kind: 'file', size: entry.stat.size };
    if (entry instanceof TFolder) return { kind: 'folder' };
    return { kind: 'missing' };
  }

  async exists(path: string): Promise<boolean> {
    if (isHiddenPath(normalizePath(path))) return this.hidden.exists(normalizePath(path));
    return this.app.vault.getAbstractFileByPath(normalizePath(path)) !== null;
  }

  async read(path: string): Promise<Result<string, ReadError>> {
    const p = normalizePath(path);
    let text: string;
    if (isHiddenPath(p)) {
      const r = await this.hidden.read(p);
      if (!r.ok) return r;
      text = r.value;
    } else {
      const entry = this.app.vault.getAbstractFileByPath(p);
      if (entry instanceof TFolder) return err({ kind: 'is-folder', file: p });
      if (!(entry instanceof TFile)) return err({ kind: 'missing', file: p });
      text = await this.app.vault.read(entry);
    }
    // Obsidian decodes as UTF-8 and replaces bad bytes with U+FFFD; a NUL means a binary file.
    if (text.includes('\u0000')) return err({ kind: 'binary', file: p });
    const bad = text.indexOf('\uFFFD');
    if (bad !== -1) return err({ kind: 'not-utf8', file: p, line: lineAt(text, bad) });
    return ok(text);
  }

  async meta(path: string): Promise<NoteMeta> {
    const p = normalizePath(path);
    const file = this.app.vault.getFileByPath(p);
    if (!file) return { frontmatter: null, frontmatterError: null, bodyStartLine: 1, headings: [] };
    const cache = await this.freshCache(file);
    const text = await this.app.vault.cachedRead(file);
    return metaFrom(text, cache);
  }

  async resolveLink(linkpath: string, sourcePath: string): Promise<string | null> {
    const dest = this.app.metadataCache.getFirstLinkpathDest(getLinkpath(linkpath), normalizePath(sourcePath));
    return dest ? dest.path : null;
  }

  async createFolder(path: string): Promise<Result<void, WriteError>> {
    const p = normalizePath(path);
    if (p === '/') return ok(undefined);
    if (isHiddenPath(p)) return this.hidden.createFolder(p);
    let prefix = '';
    for (const seg of p.split('/')) {
      prefix = prefix ? `${prefix}/${seg}` : seg;
      const entry = this.app.vault.getAbstractFileByPath(prefix);
      if (entry instanceof TFolder) continue;
      if (entry) return err({ kind: 'exists', file: prefix });
      try {
        await this.app.vault.createFolder(prefix);
      } catch (e) {
        // Someone else may have made it between our check and our call.
        if (this.app.vault.getFolderByPath(prefix)) continue;
        return err({ kind: 'io', file: prefix, detail: messageOf(e) });
      }
    }
    return ok(undefined);
  }

  async create(path: string, text: string): Promise<Result<void, WriteError>> {
    const p = normalizePath(path);
    if (isHiddenPath(p)) {
      const slash = p.lastIndexOf('/');
      if (slash > 0) {
        const parent = await this.createFolder(p.slice(0, slash));
        if (!parent.ok) return parent;
      }
      return this.hidden.create(p, text);
    }
    if (this.app.vault.getAbstractFileByPath(p)) return err({ kind: 'exists', file: p });
    const slash = p.lastIndexOf('/');
    if (slash > 0) {
      const parent = await this.createFolder(p.slice(0, slash));
      if (!parent.ok) return parent;
    }
    this.expectIndex(p);
    try {
      await this.app.vault.create(p, text);
      return ok(undefined);
    } catch (e) {
      this.pending.delete(p);
      if (this.app.vault.getAbstractFileByPath(p) || /already exists/i.test(messageOf(e))) {
        return err({ kind: 'exists', file: p });
      }
      return err({ kind: 'io', file: p, detail: messageOf(e) });
    }
  }

  async append(path: string, text: string): Promise<Result<void, WriteError>> {
    // `vault.append` writes only the new text: streaming a plan costs O(its size), not O(size²).
    const p = normalizePath(path);
    if (isHiddenPath(p)) return text === '' ? ok(undefined) : this.hidden.append(p, text);
    const file = this.app.vault.getFileByPath(p);
    if (!file) return err({ kind: 'missing', file: p });
    if (text === '') return ok(undefined);
    try {
      this.expectIndex(p);
      await this.app.vault.append(file, text);
      return ok(undefined);
    } catch (e) {
      this.pending.delete(p);
      return err({ kind: 'io', file: p, detail: messageOf(e) });
    }
  }

  async replace(path: string, text: string): Promise<Result<void, WriteError>> {
    const p = normalizePath(path);
    if (isHiddenPath(p)) return (await this.hidden.exists(p)) ? this.hidden.write(p, text) : err({ kind: 'missing', file: p });
    return this.rewrite(path, () => text);
  }

  /** `FileManager.trashFile` (obsidian.d.ts: "Remove a file or a folder from the vault according the user's preferred 'trash' options"). */
  async trash(path: string): Promise<Result<void, WriteError>> {
    const p = normalizePath(path);
    const file = this.app.vault.getFileByPath(p);
    if (!file) return err({ kind: 'missing', file: p });
    try {
      await this.app.fileManager.trashFile(file);
      return ok(undefined);
    } catch (e) {
      return err({ kind: 'io', file: p, detail: messageOf(e) });
    }
  }

  /**
   * Rewrites the note from its current text, atomically: `change` gets what the file holds at the
   * moment of writing (text the user's autosave wrote a moment ago included), never an earlier read.
   */
  async process(path: string, change: (current: string) => string): Promise<Result<void, WriteError>> {
    return this.rewrite(path, change);
  }

  async processFrontmatter(
    path: string,
    fn: (frontmatter: Record<string, unknown>) => void,
  ): Promise<Result<void, WriteError>> {
    const p = normalizePath(path);
    const file = this.app.vault.getFileByPath(p);
    if (!file) return err({ kind: 'missing', file: p });
    const current = await this.meta(p);
    if (current.frontmatterError) {
      return err({ kind: 'bad-frontmatter', file: p, ...current.frontmatterError });
    }
    let thrownByFn: { error: unknown } | null = null;
    this.expectIndex(p);
    try {
      await this.app.fileManager.processFrontMatter(file, (fm: Record<string, unknown>) => {
        try {
          fn(fm);
        } catch (e) {
          thrownByFn = { error: e };
          throw e;
        }
      });
      return ok(undefined);
    } catch (e) {
      this.pending.delete(p);
      if (thrownByFn) throw (thrownByFn as { error: unknown }).error; // a bug in the caller, not a vault failure
      if (isYamlParseError(e)) return err({ kind: 'bad-frontmatter', file: p, line: yamlErrorLine(e), detail: messageOf(e) });
      return err({ kind: 'io', file: p, detail: messageOf(e) });
    }
  }

  /** Body changes go through `vault.process`: atomic, and no write when nothing changes. */
  private async rewrite(path: string, change: (old: string) => string): Promise<Result<void, WriteError>> {
    const p = normalizePath(path);
    const file = this.app.vault.getFileByPath(p);
    if (!file) return err({ kind: 'missing', file: p });
    try {
      await this.app.vault.process(file, (old) => {
        const next = change(old);
        if (next !== old) this.expectIndex(p);
        return next;
      });
      return ok(undefined);
    } catch (e) {
      this.pending.delete(p);
      return err({ kind: 'io', file: p, detail: messageOf(e) });
    }
  }

  /** Remembers that the cache of `path` is about to change, so `meta()` waits for it. */
  private expectIndex(path: string): void {
    if (this.pending.has(path)) return;
    const cache: MetadataCache = this.app.metadataCache;
    const done = new Promise<void>((resolve) => {
      const finish = (): void => {
        cache.offref(ref);
        window.clearTimeout(timer);
        if (this.pending.get(path) === done) this.pending.delete(path);
        resolve();
      };
      const ref = cache.on('changed', (file) => {
        if (file.path === path) finish();
      });
      const timer = window.setTimeout(finish, this.indexTimeoutMs);
    });
    this.pending.set(path, done);
  }

  private async freshCache(file: TFile): Promise<CachedMetadata | null> {
    await this.pending.get(file.path);
    const cache = this.app.metadataCache.getFileCache(file);
    if (cache) return cache;
    // Not indexed yet (created by someone else a moment ago): wait once for it.
    this.expectIndex(file.path);
    await this.pending.get(file.path);
    return this.app.metadataCache.getFileCache(file);
  }
}

/** Builds the port's view of a note from its text and Obsidian's cache (0-based lines → 1-based). */
export function metaFrom(text: string, cache: CachedMetadata | null): NoteMeta {
  const headings: NoteHeading[] = (cache?.headings ?? []).map((h) => ({
    text: h.heading.replace(/[ \t]+#+[ \t]*$/, '').trim(),
    level: h.level,
    line: h.position.start.line + 1,
  }));
  const info = getFrontMatterInfo(text);
  const bodyStartLine = cache?.frontmatterPosition
    ? cache.frontmatterPosition.end.line + 2
    : info.exists ? lineAt(text, info.contentStart) : 1;
  if (cache?.frontmatter) {
    return { frontmatter: { ...cache.frontmatter }, frontmatterError: null, bodyStartLine, headings };
  }
  if (info.exists && info.frontmatter.trim() === '') {
    return { frontmatter: {}, frontmatterError: null, bodyStartLine, headings };
  }
  if (OPENS_FRONTMATTER.test(text)) {
    return { frontmatter: null, frontmatterError: { line: 1, detail: UNPARSED_DETAIL }, bodyStartLine, headings };
  }
  return { frontmatter: null, frontmatterError: null, bodyStartLine, headings };
}

/** 1-based line of a character offset. */
function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function isYamlParseError(e: unknown): e is Error & { linePos?: Array<{ line: number }> } {
  return e instanceof Error && e.name === 'YAMLParseError';
}

/** The YAML parser counts lines within the block; the block starts on the note's line 2. */
function yamlErrorLine(e: Error & { linePos?: Array<{ line: number }> }): number {
  const line = e.linePos?.[0]?.line;
  return typeof line === 'number' ? line + 1 : 1;
}

/**
 * Resolves once Obsidian has resolved every link (`metadataCache.resolved`, an internal flag that
 * obsidian.d.ts does not declare): at once if it already has, else on the next `resolved` event,
 * whose listener is removed afterwards. When the flag is missing (a future app), it does not wait.
 */
export function waitForMetadataResolved(app: App): Promise<void> {
  const cache = app.metadataCache as MetadataCache & { resolved?: boolean };
  if (cache.resolved !== false) return Promise.resolve();
  return new Promise((resolve) => {
    const ref = cache.on('resolved', () => {
      cache.offref(ref);
      resolve();
    });
  });
}
