/**
 * `VaultPort` over a folder on disk (the CLI and the tests). Node-only: the core never imports it.
 */
import { constants as fsConstants } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import * as nodePath from 'node:path';
import { parseHeadings } from '../core/markdown/headings';
import { splitFrontmatter } from '../core/markdown/frontmatter-block';
import { dumpAll, editYaml, errorStartLine, yamlEngine } from './frontmatter-edit';
import { resolveLinkpath } from '../core/vault/link-resolver';
import { err, ok, type Result } from '../core/result';
import type { FrontmatterProblem, NoteMeta, ReadError, VaultEntry, VaultPort, WriteError } from '../core/vault/vault-port';

/** Folders `listMarkdown` never enters besides dot-folders. */
const SKIPPED_FOLDERS = new Set(['node_modules']);
/** How far into a file we look for a NUL byte before calling it binary. @unit bytes */
const BINARY_SNIFF_BYTES = 8192;

type Parsed =
  | { kind: 'none' }
  | { kind: 'ok'; data: Record<string, unknown> }
  | { kind: 'error'; problem: FrontmatterProblem };

export class FsVault implements VaultPort {
  private readonly root: string;
  private listCache: string[] | null = null;

  /** @param root the vault folder; relative roots resolve against the process's working folder. */
  constructor(root: string) {
    this.root = nodePath.resolve(root);
  }

  async listMarkdown(): Promise<string[]> {
    if (this.listCache) return this.listCache.slice();
    const found: string[] = [];
    const walk = async (rel: string): Promise<void> => {
      let entries;
      try {
        entries = await readdir(nodePath.join(this.root, rel), { withFileTypes: true });
      } catch {
        return;
      }
      for (const e of entries) {
        if (e.name.startsWith('.') || SKIPPED_FOLDERS.has(e.name)) continue;
        const child = rel === '' ? e.name : `${rel}/${e.name}`;
        if (e.isDirectory()) await walk(child);
        else if (e.isFile() && /\.md$/i.test(e.name)) found.push(child);
      }
    };
    await walk('');
    found.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    this.listCache = found;
    return found.slice();
  }

  async stat(path: string): Promise<VaultEntry> {
    const abs = this.abs(path);
    if (abs === null) return { kind: 'missing' };
    try {
      const s = await stat(abs);
      if (s.isDirectory()) return { kind: 'folder' };
      return { kind: 'file', size: s.size };
    } catch {
      return { kind: 'missing' };
    }
  }

  async exists(path: string): Promise<boolean> {
    return (await this.stat(path)).kind !== 'missing';
  }

  async read(path: string): Promise<Result<string, ReadError>> {
    const abs = this.abs(path);
    if (abs === null) return err({ kind: 'missing', file: path });
    let bytes: Buffer;
    try {
      bytes = await readFile(abs);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EISDIR') return err({ kind: 'is-folder', file: path });
      return err({ kind: 'missing', file: path });
    }
    return decodeNote(path, bytes);
  }

  async meta(path: string): Promise<NoteMeta> {
    const read = await this.read(path);
    const text = read.ok ? read.value : '';
    const block = splitFrontmatter(text);
    const parsed = parseFrontmatterYaml(block.yaml);
    return {
      frontmatter: parsed.kind === 'ok' ? parsed.data : null,
      frontmatterError: parsed.kind === 'error' ? parsed.problem : null,
      bodyStartLine: block.bodyStartLine,
      headings: parseHeadings(text),
    };
  }

  async resolveLink(linkpath: string, sourcePath: string): Promise<string | null> {
    return resolveLinkpath(linkpath, sourcePath, await this.listMarkdown());
  }

  async createFolder(path: string): Promise<Result<void, WriteError>> {
    const abs = this.abs(path);
    if (abs === null) return err(outside(path));
    try {
      await mkdir(abs, { recursive: true });
      return ok(undefined);
    } catch (e) {
      return err(ioError(path, e));
    }
  }

  async create(path: string, text: string): Promise<Result<void, WriteError>> {
    const abs = this.abs(path);
    if (abs === null) return err(outside(path));
    try {
      await mkdir(nodePath.dirname(abs), { recursive: true });
      await writeFile(abs, text, { encoding: 'utf8', flag: 'wx' });
      this.listCache = null;
      return ok(undefined);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') return err({ kind: 'exists', file: path });
      return err(ioError(path, e));
    }
  }

  async append(path: string, text: string): Promise<Result<void, WriteError>> {
    const abs = this.abs(path);
    if (abs === null) return err(outside(path));
    const entry = await this.stat(path);
    if (entry.kind === 'missing') return err({ kind: 'missing', file: path });
    if (entry.kind === 'folder') return err({ kind: 'io', file: path, detail: 'is a folder' });
    try {
      // No O_CREAT: a note deleted since the stat stays deleted rather than coming back as a stub.
      const handle = await open(abs, fsConstants.O_WRONLY | fsConstants.O_APPEND);
      try {
        await handle.writeFile(text, 'utf8');
      } finally {
        await handle.close();
      }
      return ok(undefined);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return err({ kind: 'missing', file: path });
      return err(ioError(path, e));
    }
  }

  async replace(path: string, text: string): Promise<Result<void, WriteError>> {
    const abs = this.abs(path);
    if (abs === null) return err(outside(path));
    const entry = await this.stat(path);
    if (entry.kind === 'missing') return err({ kind: 'missing', file: path });
    if (entry.kind === 'folder') return err({ kind: 'io', file: path, detail: 'is a folder' });
    return this.writeAtomically(path, abs, text);
  }

  async processFrontmatter(
    path: string,
    fn: (frontmatter: Record<string, unknown>) => void,
  ): Promise<Result<void, WriteError>> {
    const abs = this.abs(path);
    if (abs === null) return err(outside(path));
    const read = await this.read(path);
    if (!read.ok) {
      if (read.error.kind === 'missing') return err({ kind: 'missing', file: path });
      return err({ kind: 'io', file: path, detail: `cannot edit: ${read.error.kind}` });
    }
    const text = read.value;
    const block = splitFrontmatter(text);
    const parsed = parseFrontmatterYaml(block.yaml);
    if (parsed.kind === 'error') {
      return err({ kind: 'bad-frontmatter', file: path, line: parsed.problem.line, detail: parsed.problem.detail });
    }
    const data = parsed.kind === 'ok' ? parsed.data : {};
    fn(data);
    let next: string;
    try {
      next = applyFrontmatterEdit(text, block, data);
    } catch (e) {
      return err(ioError(path, e));
    }
    // Nothing changed: no write, so a second identical edit leaves the note (and its mtime) alone.
    if (next === text) return ok(undefined);
    return this.writeAtomically(path, abs, next);
  }

  /** Vault-relative path → absolute path, or null when it would leave the vault. */
  /** Moves the note into `<vault>/.trash/` (Obsidian's "Move to Obsidian trash" folder), keeping it under a free name. */
  async trash(path: string): Promise<Result<void, WriteError>> {
    const abs = this.abs(path);
    const bin = this.abs('.trash');
    if (abs === null || bin === null) return err(outside(path));
    const entry = await this.stat(path);
    if (entry.kind !== 'file') return err({ kind: 'missing', file: path });
    try {
      await mkdir(bin, { recursive: true });
      const base = nodePath.basename(abs, '.md');
      for (let n = 1; n < 100; n++) {
        const to = nodePath.join(bin, n === 1 ? `${base}.md` : `${base} ${n}.md`);
        if (await stat(to).catch(() => null)) continue;
        await rename(abs, to);
        this.listCache = null;
        return ok(undefined);
      }
      return err({ kind: 'io', file: path, detail: 'the trash holds too many notes of that name' });
    } catch (e) {
      return err(ioError(path, e));
    }
  }

  private abs(path: string): string | null {
    if (path === '' || nodePath.isAbsolute(path) || /^[A-Za-z]:/.test(path) || path.includes('\0')) return null;
    const segments = path.split(/[\\/]/);
    if (segments.some((s) => s === '..')) return null;
    const abs = nodePath.resolve(this.root, path);
    const rel = nodePath.relative(this.root, abs);
    if (rel === '' || rel.startsWith('..') || nodePath.isAbsolute(rel)) return null;
    return abs;
  }

  private async writeAtomically(path: string, abs: string, text: string): Promise<Result<void, WriteError>> {
    const tmp = nodePath.join(nodePath.dirname(abs), `.${nodePath.basename(abs)}.${process.pid}.${tmpCounter++}.tmp`);
    try {
      await writeFile(tmp, text, { encoding: 'utf8', flag: 'wx' });
      await rename(tmp, abs);
      this.listCache = null;
      return ok(undefined);
    } catch (e) {
      await unlink(tmp).catch(() => undefined);
      return err(ioError(path, e));
    }
  }
}

let tmpCounter = 0;

function outside(path: string): WriteError {
  return { kind: 'io', file: path, detail: `"${path}" is not a path inside the vault` };
}

function ioError(path: string, e: unknown): WriteError {
  return { kind: 'io', file: path, detail: e instanceof Error ? e.message : String(e) };
}

/** Bytes → note text: binary and invalid UTF-8 are errors, a UTF-8 BOM is dropped. */
export function decodeNote(path: string, bytes: Uint8Array): Result<string, ReadError> {
  const sniff = bytes.subarray(0, BINARY_SNIFF_BYTES);
  if (sniff.includes(0)) return err({ kind: 'binary', file: path });
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return ok(text);
  } catch {
    return err({ kind: 'not-utf8', file: path, line: lineOfFirstBadByte(bytes) });
  }
}

/** 1-based line of the first byte that is not part of a valid UTF-8 sequence. */
function lineOfFirstBadByte(bytes: Uint8Array): number {
  let line = 1;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b === 0x0a) line++;
    if (b < 0x80) {
      i++;
      continue;
    }
    const len = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (len === 0 || i + len > bytes.length) return line;
    let valid = true;
    for (let k = 1; k < len; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) valid = false;
    // Overlongs, surrogates and values past U+10FFFF have a valid shape but are still rejected.
    const b1 = bytes[i + 1]!;
    if (b === 0xe0 && b1 < 0xa0) valid = false;
    if (b === 0xed && b1 > 0x9f) valid = false;
    if (b === 0xf0 && b1 < 0x90) valid = false;
    if (b === 0xf4 && b1 > 0x8f) valid = false;
    if (!valid) return line;
    i += len;
  }
  return line;
}

/**
 * Parse the YAML of a frontmatter block with gray-matter's own engine (js-yaml's safe loader). Going
 * to the engine rather than `matter(text)` keeps the block boundaries those of `splitFrontmatter`
 * (Obsidian's), never runs the `---js` engine, and never touches gray-matter's unbounded cache.
 */
export function parseFrontmatterYaml(yaml: string | null): Parsed {
  if (yaml === null) return { kind: 'none' };
  let data: unknown;
  try {
    data = yamlEngine.parse(yaml);
  } catch (e) {
    const mark = (e as { mark?: { line?: number } }).mark;
    const reason = (e as { reason?: string }).reason;
    // js-yaml counts lines from 0 inside the YAML; the YAML starts on note line 2, under the fence.
    // js-yaml blames where it noticed the problem; an unclosed `[`, `{` or quote is reported where it opened.
    const line = typeof mark?.line === 'number' ? errorStartLine(yaml, mark.line) + 2 : 2;
    return { kind: 'error', problem: { line, detail: reason ?? (e instanceof Error ? e.message : String(e)) } };
  }
  if (data === undefined || data === null) return { kind: 'ok', data: {} };
  if (typeof data !== 'object' || Array.isArray(data)) {
    return {
      kind: 'error',
      problem: { line: 2, detail: `frontmatter is ${Array.isArray(data) ? 'a list' : `a ${typeof data}`}, not a set of keys` },
    };
  }
  return { kind: 'ok', data: normaliseDates(data as Record<string, unknown>) };
}

/**
 * js-yaml turns `created: 2024-05-01` into a Date; Obsidian's metadata cache keeps the string.
 * Both adapters must report the same frontmatter, so dates go back to text: `YYYY-MM-DD` for a
 * bare date, the ISO form otherwise.
 */
function normaliseDates(value: Record<string, unknown>): Record<string, unknown> {
  const fix = (v: unknown): unknown => {
    if (v instanceof Date) {
      const iso = Number.isNaN(v.getTime()) ? String(v) : v.toISOString();
      return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
    }
    if (Array.isArray(v)) return v.map(fix);
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[k] = fix(x);
      return out;
    }
    return v;
  };
  return fix(value) as Record<string, unknown>;
}

/**
 * The note's text after a frontmatter edit. Only the frontmatter's changed keys are rewritten (see
 * `editYaml`); the fences and the body stay byte for byte. A note without frontmatter gets one on
 * top when the edit added keys, in the note's line ending style.
 */
function applyFrontmatterEdit(text: string, block: ReturnType<typeof splitFrontmatter>, data: Record<string, unknown>): string {
  const load = (yaml: string): Record<string, unknown> => {
    const p = parseFrontmatterYaml(yaml);
    if (p.kind === 'error') throw new Error(p.problem.detail);
    return p.kind === 'ok' ? p.data : {};
  };
  if (block.yaml === null) {
    const yaml = dumpAll(data);
    if (yaml === '') return text;
    const eol = /^[^\n]*\r\n/.test(text) ? '\r\n' : '\n';
    return `---${eol}${yaml.replace(/\n/g, eol)}---${eol}${text}`;
  }
  const openFence = /^---[ \t]*\r?\n/.exec(text)![0];
  const eol = openFence.endsWith('\r\n') ? '\r\n' : '\n';
  const original = load(block.yaml);
  const yamlEnd = openFence.length + block.yaml.length;
  const yaml = editYaml(block.yaml, original, data, load, eol);
  return openFence + yaml + text.slice(yamlEnd);
}
