/**
 * `MarkdownView` and its `Editor`, shared by the jest double and the browser harness (which only
 * swaps the headless CodeMirror view for a real one in the page). Ledger — each behaviour and where
 * it comes from:
 * - `editor.cm` is a CodeMirror 6 `EditorView` whose state holds every extension plugins registered,
 *   re-applied by `workspace.updateOptions()` (docs "Communicating with editor extensions" reads
 *   `view.editor.cm`; obsidian.d.ts:5019 `registerEditorExtension`, :8043 `updateOptions`; Plugin
 *   guidelines, "Editor": mutate the registered array, then call `updateOptions()`). Reconfiguring
 *   replaces the editor's whole configuration, so an extension a plugin slipped in with
 *   `StateEffect.appendConfig` instead of registering it is dropped (inference from how CodeMirror
 *   reconfigures; the registered ones survive because they are in the new configuration).
 * - `editorInfoField` says which view/file the editor belongs to, `editorLivePreviewField` whether it
 *   is Live Preview (obsidian.d.ts:2603 `editorInfoField`, :2609 `editorLivePreviewField`).
 * - `getMode()` is 'source' or 'preview' (obsidian.d.ts:4214 `getMode()`, :4240 `MarkdownViewModeType`); in
 *   'preview' (Reading view) the source editor is hidden and keeps the text it had, while what the
 *   user sees is re-rendered from the file.
 * - `save()` writes the editor's text to the file (obsidian.d.ts:7081 TextFileView.save);
 *   `requestSave()` is debounced 2 s (obsidian.d.ts:7059, "Debounced save in 2 seconds from now"):
 *   text the user typed reaches the file up to 2 s later.
 * - A file changed on disk is shown by its open views, unless it is what the view itself just saved
 *   (Plugin guidelines, "Prefer the Editor API instead of `Vault.modify`": modify makes the open view
 *   reload, losing cursor, selection and folds).
 * - Loading a file is asynchronous (obsidian.d.ts:7075 TextFileView.onLoadFile returns a Promise): `file`
 *   is set first and the editor still shows the previous note until the text arrives.
 */
import { Annotation, EditorSelection, EditorState, StateEffect, StateField, type Extension, type Transaction, type TransactionSpec } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import type { TFile } from './files';
import { ItemView, View, type WorkspaceLeafLike } from './view';

/** Obsidian's state field: which file (and `Editor`) this CodeMirror instance shows. */
export const editorInfoField = StateField.define<MarkdownView | null>({ create: () => null, update: (v) => v });
/** Double only: switches an editor between Live Preview and Source mode. */
export const setLivePreview = StateEffect.define<boolean>();
/** Obsidian's state field: true in Live Preview, false in Source mode. */
export const editorLivePreviewField = StateField.define<boolean>({
  create: () => true,
  update: (v, tr) => tr.effects.reduce((on, e) => (e.is(setLivePreview) ? e.value : on), v),
});
/** Deprecated alias the app keeps (obsidian.d.ts `editorViewField`). */
export const editorViewField = editorInfoField;
export const editorEditorField = StateField.define<EditorView | null>({ create: () => null, update: (v) => v });

/** Marks the view's own reload from disk (not an edit to save). */
export const fromDisk = Annotation.define<boolean>();

/** What the plugin gets as `editor.cm`: a real `EditorView` in the page, a headless one under jest. */
export interface CmView {
  state: EditorState;
  dispatch(...specs: Array<TransactionSpec | Transaction>): void;
  focus?(): void;
  readonly hasFocus?: boolean;
  destroy?(): void;
}

/** An `EditorView` without DOM, for jest's node environment: state, dispatch and update listeners. */
export class HeadlessView implements CmView {
  readonly hasFocus = false;
  constructor(
    public state: EditorState,
    private readonly onTransaction: (tr: Transaction) => void,
  ) {}
  dispatch(...specs: Array<TransactionSpec | Transaction>): void {
    const tr = specs.length === 1 && isTransaction(specs[0]) ? specs[0] : this.state.update(...(specs as TransactionSpec[]));
    this.state = tr.state;
    this.onTransaction(tr);
  }
}

function isTransaction(x: unknown): x is Transaction {
  return typeof x === 'object' && x !== null && 'startState' in x && 'changes' in x;
}

type Pos = { line: number; ch: number };

/** Obsidian's `Editor` over a CodeMirror view (0-based lines). `cm` is the view, as in the app. */
export class CmEditor {
  constructor(readonly cm: CmView) {}
  private get doc() {
    return this.cm.state.doc;
  }
  getValue(): string {
    return this.doc.toString();
  }
  setValue(text: string): void {
    this.cm.dispatch({ changes: { from: 0, to: this.doc.length, insert: text } });
  }
  getLine(n: number): string {
    return n >= 0 && n < this.doc.lines ? this.doc.line(n + 1).text : '';
  }
  lineCount(): number {
    return this.doc.lines;
  }
  lastLine(): number {
    return this.doc.lines - 1;
  }
  posToOffset(pos: Pos): number {
    const line = this.doc.line(Math.min(Math.max(pos.line, 0), this.doc.lines - 1) + 1);
    return Math.min(line.from + Math.max(pos.ch, 0), line.to);
  }
  offsetToPos(offset: number): Pos {
    const line = this.doc.lineAt(Math.min(Math.max(offset, 0), this.doc.length));
    return { line: line.number - 1, ch: offset - line.from };
  }
  getRange(from: Pos, to: Pos): string {
    return this.doc.sliceString(this.posToOffset(from), this.posToOffset(to));
  }
  replaceRange(text: string, from: Pos, to?: Pos): void {
    this.cm.dispatch({ changes: { from: this.posToOffset(from), to: this.posToOffset(to ?? from), insert: text }, userEvent: 'input' });
  }
  getCursor(): Pos {
    return this.offsetToPos(this.cm.state.selection.main.head);
  }
  setCursor(pos: Pos | number, ch?: number): void {
    const p = typeof pos === 'number' ? { line: pos, ch: ch ?? 0 } : pos;
    this.cm.dispatch({ selection: EditorSelection.cursor(this.posToOffset(p)) });
  }
  getSelection(): string {
    const r = this.cm.state.selection.main;
    return this.doc.sliceString(r.from, r.to);
  }
  somethingSelected(): boolean {
    return !this.cm.state.selection.main.empty;
  }
  replaceSelection(text: string): void {
    this.cm.dispatch(this.cm.state.replaceSelection(text));
  }
  transaction(tx: { changes?: Array<{ text: string; from: Pos; to?: Pos }> }): void {
    this.cm.dispatch({ changes: (tx.changes ?? []).map((c) => ({ from: this.posToOffset(c.from), to: this.posToOffset(c.to ?? c.from), insert: c.text })) });
  }
  focus(): void {
    this.cm.focus?.();
  }
  blur(): void {}
  hasFocus(): boolean {
    return this.cm.hasFocus ?? false;
  }
  refresh(): void {}
  scrollIntoView(range: { from: Pos; to: Pos }, center?: boolean): void {
    this.cm.dispatch({ effects: EditorView.scrollIntoView(this.posToOffset(range.from), { y: center ? 'center' : 'nearest' }) });
  }
}

/** What a markdown view needs from its workspace: the plugins' editor extensions and the app. */
export interface EditorHost {
  editorExtensions(): Extension[];
  trigger(name: string, ...data: unknown[]): void;
}

interface MarkdownApp {
  vault: { read(file: TFile): Promise<string>; modify(file: TFile, data: string): Promise<void>; getFileByPath(path: string): TFile | null };
  workspace: EditorHost;
}

export type MarkdownViewModeType = 'source' | 'preview';

export class MarkdownView extends ItemView {
  file: TFile | null = null;
  editor: CmEditor;
  /** Double only: Live Preview (true) or Source mode (false), when `getMode()` is 'source'. */
  livePreview = true;
  private mode: MarkdownViewModeType = 'source';
  private lastSaved = '';
  private saveTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(leaf: WorkspaceLeafLike) {
    super(leaf);
    const state = EditorState.create({ doc: '', extensions: this.extensions() });
    this.editor = new CmEditor(this.makeView(state, (tr) => this.onTransaction(tr)));
  }

  /** The editor's whole configuration: the app's fields, the view's own look, every registered extension. */
  private extensions(): Extension[] {
    return [editorInfoField.init(() => this), editorLivePreviewField.init(() => this.livePreview), this.viewExtensions(), this.host.workspace.editorExtensions()];
  }

  /** Extensions of the view itself (the browser harness: its look and Live Preview). */
  protected viewExtensions(): Extension[] {
    return [];
  }

  /** The CodeMirror view over `state`; the browser harness makes a real `EditorView` in the page. */
  protected makeView(state: EditorState, onTransaction: (tr: Transaction) => void): CmView {
    return new HeadlessView(state, onTransaction);
  }

  /** Every transaction, whoever dispatched it: an edit (not a reload from disk) asks for a save. */
  protected onTransaction(tr: Transaction): void {
    if (!tr.docChanged) return;
    this.host.workspace.trigger('editor-change', this.editor, this);
    if (!tr.annotation(fromDisk)) this.requestSave();
  }

  protected get host(): MarkdownApp {
    return this.app as unknown as MarkdownApp;
  }

  getViewType(): string {
    return 'markdown';
  }
  getDisplayText(): string {
    return this.file?.basename ?? '';
  }
  getMode(): MarkdownViewModeType {
    return this.mode;
  }
  get currentMode(): { type: MarkdownViewModeType } {
    return { type: this.mode };
  }
  /** Double only: the user switches between editing and Reading view (the app saves first). */
  async setMode(mode: MarkdownViewModeType): Promise<void> {
    if (this.saveTimer !== null) await this.save();
    this.mode = mode;
  }
  /** Double only: Live Preview on or off (the app's "Toggle Live Preview/Source mode"). */
  setLivePreview(on: boolean): void {
    this.livePreview = on;
    this.editor.cm.dispatch({ effects: setLivePreview.of(on) });
  }
  getState(): Record<string, unknown> {
    return { file: this.file?.path ?? null, mode: this.mode };
  }
  getViewData(): string {
    return this.editor.getValue();
  }
  /** Shows `data` (as when a file is opened or changed on disk) without marking the view dirty. */
  setViewData(data: string, _clear = false): void {
    const cm = this.editor.cm;
    this.lastSaved = data;
    const doc = cm.state.doc.toString();
    if (doc === data) return;
    let p = 0;
    while (p < Math.min(doc.length, data.length) && doc.charCodeAt(p) === data.charCodeAt(p)) p++;
    let s = 0;
    while (s < Math.min(doc.length, data.length) - p && doc.charCodeAt(doc.length - 1 - s) === data.charCodeAt(data.length - 1 - s)) s++;
    cm.dispatch({ changes: { from: p, to: doc.length - s, insert: data.slice(p, data.length - s) }, annotations: fromDisk.of(true) });
  }
  clear(): void {}
  requestSave(): void {
    if (this.saveTimer !== null) clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => void this.save(), 2000);
  }
  /** Double only: whether typed text is waiting for the autosave. */
  get dirty(): boolean {
    return this.saveTimer !== null;
  }
  async save(_clear?: boolean): Promise<void> {
    if (this.saveTimer !== null) clearTimeout(this.saveTimer);
    this.saveTimer = null;
    const file = this.file;
    if (!file || this.host.vault.getFileByPath(file.path) !== file) return;
    const data = this.editor.getValue();
    if (data === this.lastSaved) return;
    this.lastSaved = data;
    await this.host.vault.modify(file, data);
  }
  /** Loads `file`: `file` is set at once, its text arrives later (the app reads it asynchronously). */
  async loadFile(file: TFile): Promise<void> {
    if (this.saveTimer !== null) await this.save();
    this.file = file;
    this.setViewData(await this.host.vault.read(file), true);
  }
  /** The file changed on disk: show the new text unless it is what this view just saved. */
  onDiskChange(text: string): void {
    if (text === this.lastSaved) return;
    this.setViewData(text);
  }
  /** The plugins' editor extensions changed (`registerEditorExtension`, `updateOptions`). */
  reconfigure(): void {
    this.editor.cm.dispatch({ effects: StateEffect.reconfigure.of(this.extensions()) });
  }
  protected override async onClose(): Promise<void> {
    if (this.saveTimer !== null) await this.save();
    this.editor.cm.destroy?.();
  }
}

/**
 * A background tab not yet shown (since 1.7.2): `leaf.view` is this, not a `MarkdownView`, until the
 * tab is revealed or `loadIfDeferred()` is awaited; the leaf's view state still names the file
 * (obsidian.d.ts:8279 `isDeferred`, :8285 `loadIfDeferred`; docs "Defer views": `instanceof`-check
 * `leaf.view`, as `getLeavesOfType('markdown')` lists deferred leaves too; :8267 `getViewState()`).
 */
export class DeferredView extends View {
  constructor(
    leaf: WorkspaceLeafLike,
    readonly deferredState: { type: string; state: Record<string, unknown> },
  ) {
    super(leaf);
  }
  getViewType(): string {
    return 'deferred';
  }
  getDisplayText(): string {
    const file = this.deferredState.state['file'];
    return typeof file === 'string' ? (file.split('/').pop() ?? '').replace(/\.md$/, '') : '';
  }
  getState(): Record<string, unknown> {
    return this.deferredState.state;
  }
}
