/**
 * An in-memory `Vault`. Ledger — behaviour copied from the app where our code depends on it:
 * - `create` throws "File already exists." and needs the parent folder; `createFolder` throws
 *   "Folder already exists." and creates missing parents, like `adapter.mkdir` (obsidian.d.ts:7386,
 *   :7404; the app's messages).
 * - `process(file, fn)` hands `fn` the file's current text and writes what it returns, once and
 *   atomically (obsidian.d.ts:7496-7510; docs "Vault": compute the new text from the data `process`
 *   gives, not from an earlier read). Every write triggers `modify`.
 * - Dot-paths (a segment starting with `.`) are invisible to the vault API: `getAbstractFileByPath`,
 *   `getFileByPath` and the file lists never return them; `create`, `createFolder` and `copy` write
 *   them but return null, and `create` on one that exists throws "File already exists."
 *   (obsidianmd/obsidian-developer-docs#186; logancyang/obsidian-copilot#2204). Only `vault.adapter`
 *   reads, lists and checks them.
 */
import { Events } from './events';
import { TAbstractFile, TFile, TFolder, setPath, type FileStats } from './files';
import { dirname, isHiddenPath, normalizePath } from './paths';

const encoder = new TextEncoder();
const byteLength = (s: string): number => encoder.encode(s).length;

export interface DataWriteOptions {
  ctime?: number;
  mtime?: number;
}

export class Vault extends Events {
  configDir = '.obsidian';
  readonly adapter: VaultAdapter;
  private readonly root: TFolder;
  private readonly entries = new Map<string, TAbstractFile>();
  private readonly contents = new Map<string, string>();
  /** Hidden files (dot-folders), reachable only through `adapter`. */
  readonly hidden = new Map<string, string>();
  /** Hidden folders, reachable only through `adapter`. */
  readonly hiddenFolders = new Set<string>();
  /** Double only: a fake clock for `stat.mtime`, so tests are deterministic. */
  private clock = 1_700_000_000_000;
  /** Double only: every write, in order, as `[operation, path]`. */
  readonly writes: Array<[string, string]> = [];

  constructor(private readonly vaultName = 'Test vault') {
    super();
    this.root = new TFolder();
    this.root.vault = this;
    setPath(this.root, '/');
    this.entries.set('/', this.root);
    this.adapter = new VaultAdapter(this);
  }

  getName(): string {
    return this.vaultName;
  }

  getRoot(): TFolder {
    return this.root;
  }

  getAbstractFileByPath(path: string): TAbstractFile | null {
    return this.entries.get(path) ?? null;
  }

  getFileByPath(path: string): TFile | null {
    const f = this.entries.get(path);
    return f instanceof TFile ? f : null;
  }

  getFolderByPath(path: string): TFolder | null {
    const f = this.entries.get(path);
    return f instanceof TFolder ? f : null;
  }

  getAllLoadedFiles(): TAbstractFile[] {
    return [...this.entries.values()];
  }

  getAllFolders(includeRoot = false): TFolder[] {
    return [...this.entries.values()].filter(
      (f): f is TFolder => f instanceof TFolder && (includeRoot || !f.isRoot()),
    );
  }

  getFiles(): TFile[] {
    return [...this.entries.values()].filter((f): f is TFile => f instanceof TFile);
  }

  getMarkdownFiles(): TFile[] {
    return this.getFiles().filter((f) => f.extension === 'md');
  }

  static recurseChildren(root: TFolder, cb: (file: TAbstractFile) => unknown): void {
    cb(root);
    for (const child of root.children) {
      if (child instanceof TFolder) Vault.recurseChildren(child, cb);
      else cb(child);
    }
  }

  async create(path: string, data: string, options?: DataWriteOptions): Promise<TFile> {
    return this.createSync(path, data, options);
  }

  /** Double only: the synchronous body of `create`, used to seed a vault. */
  createSync(path: string, data: string, options?: DataWriteOptions): TFile {
    path = normalizePath(path);
    if (isHiddenPath(path)) {
      // Written, kept out of the file tree, and no TFile comes back (developer-docs#186).
      if (this.hidden.has(path)) throw new Error('File already exists.');
      this.hidden.set(path, data);
      this.writes.push(['create', path]);
      return null as unknown as TFile;
    }
    if (this.entries.has(path)) throw new Error('File already exists.');
    const parent = this.getFolderByPath(dirname(path) || '/');
    if (!parent) throw new Error(`ENOENT: no such file or directory, open '${path}'`);
    const file = new TFile();
    file.vault = this;
    setPath(file, path);
    this.attach(file, parent);
    this.contents.set(path, data);
    const now = this.tick();
    file.stat = { ctime: options?.ctime ?? now, mtime: options?.mtime ?? now, size: byteLength(data) };
    this.writes.push(['create', path]);
    this.trigger('create', file);
    return file;
  }

  async createFolder(path: string): Promise<TFolder> {
    return this.createFolderSync(path);
  }

  /** Double only: the synchronous body of `createFolder`. */
  createFolderSync(path: string): TFolder {
    path = normalizePath(path);
    if (isHiddenPath(path)) {
      // Made on disk, not in the tree; null comes back (developer-docs#186).
      for (let p = path; p !== '' && isHiddenPath(p); p = dirname(p)) this.hiddenFolders.add(p);
      const visibleParent = [...path.split('/')].findIndex((seg) => seg.startsWith('.'));
      const parent = path.split('/').slice(0, visibleParent).join('/');
      if (parent !== '' && !this.entries.has(parent)) this.createFolderSync(parent);
      return null as unknown as TFolder;
    }
    if (this.entries.has(path)) throw new Error('Folder already exists.');
    const parentPath = dirname(path) || '/';
    const parent = this.getFolderByPath(parentPath) ?? this.createFolderSync(parentPath);
    const folder = new TFolder();
    folder.vault = this;
    setPath(folder, path);
    this.attach(folder, parent);
    this.writes.push(['createFolder', path]);
    this.trigger('create', folder);
    return folder;
  }

  async read(file: TFile): Promise<string> {
    return this.text(file);
  }

  // Binary files: the double keeps text; bytes go through UTF-8, which is all the plugin's notes need.
  async readBinary(file: TFile): Promise<ArrayBuffer> {
    return new TextEncoder().encode(this.text(file)).buffer as ArrayBuffer;
  }

  async createBinary(path: string, data: ArrayBuffer, options?: DataWriteOptions): Promise<TFile> {
    return this.createSync(path, new TextDecoder().decode(data), options);
  }

  async modifyBinary(file: TFile, data: ArrayBuffer, options?: DataWriteOptions): Promise<void> {
    this.write(file, new TextDecoder().decode(data), 'modify', options);
  }

  async appendBinary(file: TFile, data: ArrayBuffer, options?: DataWriteOptions): Promise<void> {
    this.write(file, this.text(file) + new TextDecoder().decode(data), 'append', options);
  }

  async cachedRead(file: TFile): Promise<string> {
    return this.text(file);
  }

  async modify(file: TFile, data: string, options?: DataWriteOptions): Promise<void> {
    this.write(file, data, 'modify', options);
  }

  async append(file: TFile, data: string, options?: DataWriteOptions): Promise<void> {
    this.write(file, this.text(file) + data, 'append', options);
  }

  async process(file: TFile, fn: (data: string) => string, options?: DataWriteOptions): Promise<string> {
    const next = fn(this.text(file));
    if (typeof next !== 'string') throw new Error('Vault.process: fn must return a string.');
    this.write(file, next, 'process', options);
    return next;
  }

  async delete(file: TAbstractFile, force = false): Promise<void> {
    if (file instanceof TFolder && file.children.length > 0 && !force) {
      throw new Error('Folder is not empty.');
    }
    this.remove(file);
  }

  async trash(file: TAbstractFile, _system: boolean): Promise<void> {
    this.remove(file);
  }

  async rename(file: TAbstractFile, newPath: string): Promise<void> {
    newPath = normalizePath(newPath);
    if (this.entries.has(newPath)) throw new Error('Destination file already exists!');
    const parent = this.getFolderByPath(dirname(newPath) || '/');
    if (!parent) throw new Error(`ENOENT: no such file or directory, rename '${file.path}'`);
    const oldPath = file.path;
    this.detach(file);
    this.move(file, newPath);
    this.attach(file, parent);
    this.writes.push(['rename', newPath]);
    this.trigger('rename', file, oldPath);
  }

  async copy<T extends TAbstractFile>(file: T, newPath: string): Promise<T> {
    // Into a dot-folder: written, but null comes back (as from `create`).
    if (file instanceof TFile) return (await this.create(newPath, this.text(file))) as unknown as T;
    throw new Error('Vault.copy of folders is not supported by the double.');
  }

  getResourcePath(file: TFile): string {
    return `app://local/${file.path}`;
  }

  /** Double only: the current text of a path, or undefined. */
  peek(path: string): string | undefined {
    return this.contents.get(path) ?? this.hidden.get(path);
  }

  private text(file: TFile): string {
    const data = this.contents.get(file.path);
    if (data === undefined || this.entries.get(file.path) !== file) {
      throw new Error(`ENOENT: no such file or directory, open '${file.path}'`);
    }
    return data;
  }

  private write(file: TFile, data: string, op: string, options?: DataWriteOptions): void {
    this.text(file); // throws for a deleted file, as the app does
    this.contents.set(file.path, data);
    file.stat = { ...file.stat, mtime: options?.mtime ?? this.tick(), size: byteLength(data) };
    this.writes.push([op, file.path]);
    this.trigger('modify', file);
  }

  private remove(file: TAbstractFile): void {
    if (file instanceof TFolder) for (const child of [...file.children]) this.remove(child);
    this.detach(file);
    this.entries.delete(file.path);
    this.contents.delete(file.path);
    this.writes.push(['delete', file.path]);
    this.trigger('delete', file);
  }

  private attach(file: TAbstractFile, parent: TFolder): void {
    file.parent = parent;
    parent.children.push(file);
    this.entries.set(file.path, file);
  }

  private detach(file: TAbstractFile): void {
    if (file.parent) file.parent.children = file.parent.children.filter((c) => c !== file);
    file.parent = null;
  }

  private move(file: TAbstractFile, newPath: string): void {
    const oldPath = file.path;
    this.entries.delete(oldPath);
    const data = this.contents.get(oldPath);
    this.contents.delete(oldPath);
    setPath(file, newPath);
    this.entries.set(newPath, file);
    if (data !== undefined) this.contents.set(newPath, data);
    if (file instanceof TFolder) for (const child of file.children) this.move(child, `${newPath}/${child.name}`);
  }

  private tick(): number {
    this.clock += 1000;
    return this.clock;
  }

  /** Double only: stats for the adapter. */
  statOf(path: string): (FileStats & { type: 'file' | 'folder' }) | null {
    const f = this.entries.get(path);
    if (f instanceof TFile) return { type: 'file', ...f.stat };
    if (f instanceof TFolder) return { type: 'folder', ctime: 0, mtime: 0, size: 0 };
    const h = this.hidden.get(path);
    if (h !== undefined) return { type: 'file', ctime: 0, mtime: 0, size: byteLength(h) };
    return this.hiddenFolders.has(path) ? { type: 'folder', ctime: 0, mtime: 0, size: 0 } : null;
  }
}

/** The minimal `DataAdapter` over the same store; hidden files live only here. */
export class VaultAdapter {
  constructor(private readonly vault: Vault) {}

  getName(): string {
    return this.vault.getName();
  }

  async exists(path: string): Promise<boolean> {
    return this.vault.statOf(normalizePath(path)) !== null;
  }

  async stat(path: string): Promise<ReturnType<Vault['statOf']>> {
    return this.vault.statOf(normalizePath(path));
  }

  async read(path: string): Promise<string> {
    const data = this.vault.peek(normalizePath(path));
    if (data === undefined) throw new Error(`ENOENT: no such file or directory, open '${path}'`);
    return data;
  }

  async write(path: string, data: string): Promise<void> {
    path = normalizePath(path);
    if (isHiddenPath(path)) {
      this.vault.hidden.set(path, data);
      return;
    }
    const file = this.vault.getFileByPath(path);
    if (file) await this.vault.modify(file, data);
    else await this.vault.create(path, data);
  }

  async append(path: string, data: string): Promise<void> {
    path = normalizePath(path);
    const current = this.vault.peek(path);
    if (current === undefined) throw new Error(`ENOENT: no such file or directory, open '${path}'`);
    if (isHiddenPath(path)) this.vault.hidden.set(path, current + data);
    else await this.vault.append(this.vault.getFileByPath(path)!, data);
  }

  async list(path: string): Promise<{ files: string[]; folders: string[] }> {
    const p = normalizePath(path);
    const folder = this.vault.getFolderByPath(p);
    const files: string[] = [];
    const folders: string[] = [];
    for (const c of folder?.children ?? []) (c instanceof TFolder ? folders : files).push(c.path);
    const inside = (x: string): boolean => dirname(x) === (p === '/' ? '' : p);
    for (const h of this.vault.hidden.keys()) if (inside(h)) files.push(h);
    for (const h of this.vault.hiddenFolders) if (inside(h)) folders.push(h);
    return { files, folders };
  }

  async mkdir(path: string): Promise<void> {
    const p = normalizePath(path);
    if (isHiddenPath(p)) this.vault.createFolderSync(p);
    else if (!this.vault.getFolderByPath(p)) await this.vault.createFolder(p);
  }

  getResourcePath(path: string): string {
    return `app://local/${path}`;
  }
}
