/**
 * Streaming into the plan note while it is open. When a Markdown editor shows the note, text goes in
 * through CodeMirror transactions at an anchored insertion point: the anchor is a position kept in a
 * `StateField` and mapped through every transaction (`tr.changes.mapPos(pos, 1)`), so the user can
 * type above or below it and the stream still lands right after its own text. Text is flushed in
 * whole lines, one transaction per flush (the core's writer already paces flushes), so one undo step
 * removes one batch. With no editor on the note, text is appended through the vault; closing the tab
 * mid-run switches to the vault (the anchor becomes the note's length at that moment).
 *
 * The core's `planWithClaude` writes through a `VaultPort`, so `routeNoteThroughSink` wraps that port:
 * appends, reads and rewrites of the plan note go through the sink, everything else to the vault.
 */
import { StateEffect, StateField, type ChangeSpec } from '@codemirror/state';
import type { EditorView } from '@codemirror/view';
import { err, ok, type Result } from '../../core/result';
import type { NoteSink } from '../../core/generation/timers';
import type { ReadError, VaultPort, WriteError } from '../../core/vault/vault-port';
import { delegateVault } from '../../core/vault/delegate';

/** Sets (or with `pos: null` removes) the anchor of one run. */
const anchorEffect = StateEffect.define<{ id: number; pos: number | null }>();

/** Insertion points of the runs streaming into this editor, by run id, mapped through every change. */
/** Least time between two saves of the note while text streams into its editor. */
const SAVE_EVERY_MS = 2000;

export const streamAnchors = StateField.define<ReadonlyMap<number, number>>({
  create: () => new Map(),
  update(value, tr) {
    let next = value;
    if (tr.docChanged && value.size > 0) {
      const mapped = new Map<number, number>();
      for (const [id, pos] of value) mapped.set(id, tr.changes.mapPos(pos, 1));
      next = mapped;
    }
    for (const e of tr.effects) {
      if (!e.is(anchorEffect)) continue;
      const copy = new Map(next);
      if (e.value.pos === null) copy.delete(e.value.id);
      else copy.set(e.value.id, e.value.pos);
      next = copy;
    }
    return next;
  },
});

/** The user event of the stream's transactions: not `input.type`/`delete`, so CodeMirror's history never joins two of them. */
export const STREAM_USER_EVENT = 'input.wp-stream';

/** An editor showing the note, and how to write its text to disk. */
export interface OpenEditor {
  cm: EditorView;
  /** `TextFileView.save()`: after it the file on disk equals the editor's text. */
  save?(): Promise<void>;
}

/** Finds the editor showing `path` now, if any. */
export type FindEditor = (path: string) => OpenEditor | null;

/** `editor.cm` is not in obsidian.d.ts: accept it only when it looks like an `EditorView`. */
export function asEditorView(cm: unknown): EditorView | null {
  if (typeof cm !== 'object' || cm === null) return null;
  const v = cm as { dispatch?: unknown; state?: { doc?: unknown } };
  return typeof v.dispatch === 'function' && typeof v.state?.doc === 'object' ? (cm as EditorView) : null;
}

let nextRunId = 1;

export class LiveNoteSink implements NoteSink {
  private readonly id = nextRunId++;
  private editor: OpenEditor | null = null;
  /** Text received but not yet in the note (an unfinished line while an editor shows the note). */
  private pending = '';
  /** Length of the note in the core's coordinates: what it created or kept, plus what was streamed. */
  private streamed = 0;
  /** Something was appended since the note was last (re)written by the core. */
  private appending = false;
  private finished = false;
  /** The note text last returned to the core while streaming (to recognise its cut-back). */
  private lastRead: string | null = null;
  /** Number of transactions dispatched (for tests and the status line). */
  transactions = 0;

  constructor(
    private readonly vault: VaultPort,
    readonly path: string,
    private readonly findEditor: FindEditor,
  ) {}

  /** Whether the last write went through an editor. */
  get live(): boolean {
    return this.editor !== null;
  }

  async append(text: string): Promise<void> {
    this.appending = true;
    this.pending += text;
    this.streamed += text.length;
    await this.flush(false);
  }

  /** Cuts the streamed text back to `offset` (core coordinates), whatever the user typed elsewhere. */
  async truncate(offset: number): Promise<void> {
    await this.flush(true);
    const cut = this.streamed - offset;
    if (cut <= 0) return;
    this.streamed = offset;
    const ed = this.attach();
    if (ed) {
      const anchor = this.anchor(ed.cm);
      ed.cm.dispatch({ changes: { from: Math.max(0, anchor - cut), to: anchor }, userEvent: STREAM_USER_EVENT });
      this.transactions++;
      await ed.save?.();
      return;
    }
    const read = await this.vault.read(this.path);
    if (!read.ok) throw new Error(`${this.path} could not be read (${read.error.kind})`);
    const r = await this.vault.replace(this.path, read.value.slice(0, Math.max(0, read.value.length - cut)));
    if (!r.ok) throw new Error(`${this.path} could not be written (${r.error.kind})`);
  }

  /** The run ended (its `done` event): later reads flush everything and rewrites are no cut-backs. */
  markFinished(): void {
    this.finished = true;
    this.lastRead = null;
  }

  /** The run ended: write what is left and let the core's final rewrites go through the editor or vault. */
  async finish(): Promise<void> {
    this.finished = true;
    await this.flush(true);
  }

  /** Stops using the editor (removes the anchor); the next write goes to whatever shows the note then. */
  release(): void {
    const ed = this.editor;
    this.editor = null;
    if (ed && ed.cm.state.field(streamAnchors, false)?.has(this.id)) {
      ed.cm.dispatch({ effects: anchorEffect.of({ id: this.id, pos: null }) });
    }
  }

  private lastSave = 0;

  /** Writes the pending text: whole lines only unless `all`, in one transaction. */
  private async flush(all: boolean): Promise<void> {
    if (this.pending === '') return;
    const ed = await this.attachChecked();
    if (!ed) {
      const text = this.pending;
      this.pending = '';
      const r = await this.vault.append(this.path, text);
      if (!r.ok) throw new Error(`${this.path} could not be written (${r.error.kind})`);
      return;
    }
    const cut = all ? this.pending.length : this.pending.lastIndexOf('\n') + 1;
    if (cut <= 0) return;
    const text = this.pending.slice(0, cut);
    this.pending = this.pending.slice(cut);
    const at = this.anchor(ed.cm);
    // The user's selection is mapped by CodeMirror (a cursor at the anchor stays before the new text); no scrolling.
    ed.cm.dispatch({ changes: { from: at, insert: text }, userEvent: STREAM_USER_EVENT });
    this.transactions++;
    // Saving writes the whole file: while streaming, at most every few seconds (as Obsidian's own
    // autosave does), and always at the end, so a long plan costs O(its size) on disk, not O(size²).
    const now = Date.now();
    if (all || now - this.lastSave >= SAVE_EVERY_MS) {
      this.lastSave = now;
      await ed.save?.();
    }
  }

  /** The editor showing the note now (anchor set at its end on first use), or null. */
  private attach(): OpenEditor | null {
    const found = this.findEditor(this.path);
    if (!found) {
      if (this.editor) this.release();
      return null;
    }
    if (this.editor && this.editor.cm === found.cm) return this.editor;
    if (this.editor) this.release();
    const cm = found.cm;
    if (cm.state.field(streamAnchors, false) === undefined) cm.dispatch({ effects: StateEffect.appendConfig.of(streamAnchors) });
    cm.dispatch({ effects: anchorEffect.of({ id: this.id, pos: cm.state.doc.length }) });
    this.editor = found;
    return found;
  }

  /** As `attach`, but a newly found editor is used only once it shows what the file holds (no half-loaded tab). */
  private async attachChecked(): Promise<OpenEditor | null> {
    const found = this.findEditor(this.path);
    if (found && (!this.editor || this.editor.cm !== found.cm)) {
      const disk = await this.vault.read(this.path);
      if (!disk.ok || disk.value !== found.cm.state.doc.toString()) {
        if (this.editor) this.release();
        return null;
      }
    }
    return this.attach();
  }

  private anchor(cm: EditorView): number {
    const pos = cm.state.field(streamAnchors, false)?.get(this.id);
    return Math.min(pos ?? cm.state.doc.length, cm.state.doc.length);
  }

  // ---- the plan note as the core sees it through `routeNoteThroughSink` ----

  /** The core (re)wrote the whole note: later offsets count from its length. */
  resetTo(length: number): void {
    this.streamed = length;
    this.appending = false;
    this.lastRead = null;
  }

  async read(): Promise<Result<string, ReadError>> {
    await this.flush(true);
    const ed = this.attach();
    const text = ed ? ed.cm.state.doc.toString() : null;
    const r: Result<string, ReadError> = text !== null ? ok(text) : await this.vault.read(this.path);
    this.lastRead = r.ok && this.appending && !this.finished ? r.value : null;
    return r;
  }

  async replace(text: string): Promise<Result<void, WriteError>> {
    try {
      await this.flush(true);
      // While streaming, a rewrite that keeps a prefix of what was just read is the core's cut-back
      // (`truncate` = read + replace): cut in stream coordinates so the user's own edits survive.
      if (this.lastRead !== null && text.length < this.lastRead.length && this.lastRead.startsWith(text)) {
        this.lastRead = null;
        // The core computed `text` as read.slice(0, offset): its length is the offset to keep.
        await this.truncate(text.length);
        return ok(undefined);
      }
      const ed = this.attach();
      if (!ed) {
        const r = await this.vault.replace(this.path, text);
        if (r.ok && !this.finished) this.resetTo(text.length);
        return r;
      }
      const doc = ed.cm.state.doc.toString();
      const change = minimalChange(doc, text);
      if (change) {
        ed.cm.dispatch({ changes: change, userEvent: STREAM_USER_EVENT });
        this.transactions++;
      }
      if (!this.finished) {
        this.resetTo(text.length);
        ed.cm.dispatch({ effects: anchorEffect.of({ id: this.id, pos: ed.cm.state.doc.length }) });
      }
      await ed.save?.();
      return ok(undefined);
    } catch (e) {
      return err({ kind: 'io', file: this.path, detail: e instanceof Error ? e.message : String(e) });
    }
  }
}

/** One change turning `from` into `to`: the span between their common prefix and suffix. */
export function minimalChange(from: string, to: string): ChangeSpec | null {
  if (from === to) return null;
  let p = 0;
  const max = Math.min(from.length, to.length);
  while (p < max && from.charCodeAt(p) === to.charCodeAt(p)) p++;
  let s = 0;
  while (s < max - p && from.charCodeAt(from.length - 1 - s) === to.charCodeAt(to.length - 1 - s)) s++;
  return { from: p, to: from.length - s, insert: to.slice(p, to.length - s) };
}

/**
 * The vault the core plans through, with the plan note routed through `sink`: appends, reads and
 * rewrites of that note go to the sink; everything else (and every other note) to `vault`.
 */
export function routeNoteThroughSink(vault: VaultPort, sink: LiveNoteSink): VaultPort {
  const mine = (p: string): boolean => p === sink.path;
  return delegateVault(vault, {
    read: (p) => (mine(p) ? sink.read() : vault.read(p)),
    create: async (p, t) => {
      const r = await vault.create(p, t);
      if (r.ok && mine(p)) sink.resetTo(t.length);
      return r;
    },
    append: async (p, t) => {
      if (!mine(p)) return vault.append(p, t);
      try {
        await sink.append(t);
        return ok(undefined);
      } catch (e) {
        return err({ kind: 'io', file: p, detail: e instanceof Error ? e.message : String(e) });
      }
    },
    replace: (p, t) => (mine(p) ? sink.replace(t) : vault.replace(p, t)),
    processFrontmatter: async (p, fn) => {
      if (mine(p)) await sink.finish();
      return vault.processFrontmatter(p, fn);
    },
  });
}
