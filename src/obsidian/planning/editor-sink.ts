/**
 * Streaming into the plan note while it is open. When a Markdown editor shows the note (in an editing
 * mode), text goes in through CodeMirror transactions at an anchored insertion point, kept with the
 * run's pieces of text by `streamAnchors` (stream-track.ts): the user can type above, below or inside
 * the streamed text and the stream still lands right after its own text, and a cut-back removes only
 * the run's text. Text is flushed in whole lines, one transaction per flush (the core's writer already
 * paces flushes), so one undo step removes one batch. With no editor on the note (closed, deferred
 * background tab, Reading view) text is appended through the vault; switching mid-run saves the editor
 * first, so the file holds everything streamed so far.
 *
 * The core's `planWithClaude` writes through a `VaultPort`, so `routeNoteThroughSink` wraps that port:
 * appends, reads and rewrites of the plan note go through the sink, everything else to the vault.
 */
import type { ChangeSpec, StateEffect } from '@codemirror/state';
import type { EditorView } from '@codemirror/view';
import { err, ok, type Result } from '../../core/result';
import type { NoteSink } from '../../core/generation/timers';
import type { ReadError, VaultPort, WriteError } from '../../core/vault/vault-port';
import { delegateVault } from '../../core/vault/delegate';
import { anchorEffect, rangesPast, streamAnchors, wroteEffect, type StreamTrack } from './stream-track';

export { streamAnchors };

/** Least time between two saves of the note while text streams into its editor. */
const SAVE_EVERY_MS = 2000;

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

/** The vault the sink writes through when no editor shows the note: `process` rewrites atomically from the current text. */
export interface SinkVault extends VaultPort {
  process(path: string, change: (current: string) => string): Promise<Result<void, WriteError>>;
}

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
  /** The core's length when it last (re)wrote the whole note: streamed text starts there. */
  private base = 0;
  /** Something was appended since the note was last (re)written by the core. */
  private appending = false;
  private finished = false;
  /** The note text last returned to the core while streaming (to recognise its cut-back). */
  private lastRead: string | null = null;
  private lastSave = 0;
  /** Number of transactions dispatched (for tests and the status line). */
  transactions = 0;

  constructor(
    private readonly vault: SinkVault,
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

  /** Cuts the streamed text back to `offset` (core coordinates), whatever the user typed in or around it. */
  async truncate(offset: number): Promise<void> {
    await this.flush(true);
    const cut = this.streamed - offset;
    if (cut <= 0) return;
    // Attach first: an editor found only now gets its track from the length streamed so far.
    const ed = await this.attach();
    this.streamed = offset;
    if (ed) {
      const ranges = rangesPast(this.track(ed.cm)?.pieces ?? [], offset);
      if (ranges.length > 0) {
        ed.cm.dispatch({ changes: ranges, userEvent: STREAM_USER_EVENT });
        this.transactions++;
      }
      await ed.save?.();
      return;
    }
    // Through the vault: cut from the text `process` hands in (the file as it is now), not from an earlier read.
    const r = await this.vault.process(this.path, (current) => current.slice(0, Math.max(0, current.length - cut)));
    if (!r.ok) throw new Error(`${this.path} could not be written (${r.error.kind})`);
  }

  /** The run ended (its `done` event): later reads flush everything and rewrites are no cut-backs. */
  markFinished(): void {
    this.finished = true;
    this.lastRead = null;
  }

  /**
   * The run ended: write what is left, and save the editor, so the file holds all of it before the
   * core's final rewrites (its frontmatter goes through the vault, which reads the file).
   */
  async finish(): Promise<void> {
    this.finished = true;
    await this.flush(true);
    await this.editor?.save?.();
  }

  /** Stops using the editor (removes the run's track); the next write goes to whatever shows the note then. */
  release(): void {
    const ed = this.editor;
    this.editor = null;
    if (ed && ed.cm.state.field(streamAnchors, false)?.has(this.id)) {
      ed.cm.dispatch({ effects: anchorEffect.of({ id: this.id, pos: null }) });
    }
  }

  /** Writes the pending text: whole lines only unless `all`, in one transaction. */
  private async flush(all: boolean): Promise<void> {
    if (this.pending === '') return;
    const ed = await this.attach();
    if (!ed) {
      const text = this.pending;
      this.pending = '';
      const r = await this.vault.append(this.path, text);
      if (!r.ok) throw new Error(`${this.path} could not be written (${r.error.kind})`);
      return;
    }
    const cut = all ? this.pending.length : this.pending.lastIndexOf('\n') + 1;
    if (cut <= 0) return;
    const core = this.streamed - this.pending.length;
    const text = this.pending.slice(0, cut);
    this.pending = this.pending.slice(cut);
    const at = this.anchor(ed.cm);
    // The user's selection is mapped by CodeMirror (a cursor at the anchor stays before the new text); no scrolling.
    ed.cm.dispatch({
      changes: { from: at, insert: text },
      effects: wroteEffect.of({ id: this.id, from: at, to: at + text.length, core }),
      userEvent: STREAM_USER_EVENT,
    });
    this.transactions++;
    // Saving writes the whole file: while streaming, at most every few seconds (as Obsidian's own
    // autosave does), and always at the end, so a long plan costs O(its size) on disk, not O(size²).
    const now = Date.now();
    if (all || now - this.lastSave >= SAVE_EVERY_MS) {
      this.lastSave = now;
      await ed.save?.();
    }
  }

  /**
   * The editor showing the note now, or null. A newly found editor is used only once it shows what the
   * file holds (not a tab still loading another note), and only when it has the `streamAnchors` field
   * (registered once by the plugin): the run's track starts at its end, with what was streamed through
   * the vault so far as the run's first piece. Leaving an editor saves it first.
   */
  private async attach(): Promise<OpenEditor | null> {
    const found = this.findEditor(this.path);
    if (this.editor && found && this.editor.cm === found.cm && this.track(found.cm)) return this.editor;
    await this.leaveEditor();
    if (!found || found.cm.state.field(streamAnchors, false) === undefined) return null;
    const disk = await this.vault.read(this.path);
    const doc = found.cm.state.doc.toString();
    if (!disk.ok || disk.value !== doc) return null;
    const written = Math.min(this.streamed - this.pending.length - this.base, doc.length);
    const effects: Array<StateEffect<unknown>> = [anchorEffect.of({ id: this.id, pos: doc.length })];
    if (written > 0) effects.push(wroteEffect.of({ id: this.id, from: doc.length - written, to: doc.length, core: this.base }));
    found.cm.dispatch({ effects });
    this.editor = found;
    return found;
  }

  /** Saves the editor in use (so the file holds the streamed text) and stops using it. */
  private async leaveEditor(): Promise<void> {
    const ed = this.editor;
    if (!ed) return;
    this.release();
    try {
      await ed.save?.();
    } catch {
      // A closed view has nothing left to save: the app saved it when it closed.
    }
  }

  private track(cm: EditorView): StreamTrack | undefined {
    return cm.state.field(streamAnchors, false)?.get(this.id);
  }

  private anchor(cm: EditorView): number {
    return Math.min(this.track(cm)?.anchor ?? cm.state.doc.length, cm.state.doc.length);
  }

  // ---- the plan note as the core sees it through `routeNoteThroughSink` ----

  /** The core (re)wrote the whole note: later offsets count from its length. */
  resetTo(length: number): void {
    this.streamed = length;
    this.base = length;
    this.appending = false;
    this.lastRead = null;
  }

  async read(): Promise<Result<string, ReadError>> {
    await this.flush(true);
    const ed = await this.attach();
    const r: Result<string, ReadError> = ed ? ok(ed.cm.state.doc.toString()) : await this.vault.read(this.path);
    this.lastRead = r.ok && this.appending && !this.finished ? r.value : null;
    return r;
  }

  async replace(text: string): Promise<Result<void, WriteError>> {
    try {
      await this.flush(true);
      // While streaming, a rewrite that keeps a prefix of what was just read is a cut-back (read +
      // replace): cut in stream coordinates so the user's own edits survive.
      if (this.lastRead !== null && text.length < this.lastRead.length && this.lastRead.startsWith(text)) {
        this.lastRead = null;
        // The core computed `text` as read.slice(0, offset) with its own offset: its length is that offset.
        await this.truncate(text.length);
        return ok(undefined);
      }
      const ed = await this.attach();
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
        ed.cm.dispatch({ effects: [anchorEffect.of({ id: this.id, pos: null }), anchorEffect.of({ id: this.id, pos: ed.cm.state.doc.length })] });
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
