/**
 * A browser workspace: a main area of tabs and a right sidebar, each leaf a real element. Markdown
 * notes open in real CodeMirror 6 editors (the page's single copy of `@codemirror/state` and
 * `@codemirror/view`, which the plugin's `require` also gets), with Obsidian's `editorInfoField` and
 * `editorLivePreviewField` and every extension the plugin registered. The editor is saved to the
 * vault by `MarkdownView.save()` (and 2 s after the last change, as the app autosaves), and picks up
 * changes made to its file on disk, as the app's views do.
 */
import { Annotation, Compartment, EditorSelection, EditorState, RangeSetBuilder, StateField, type Extension } from '@codemirror/state';
import { Decoration, EditorView, ViewPlugin, type DecorationSet, type ViewUpdate } from '@codemirror/view';
import { Events } from '../../__mocks__/obsidian-double/events';
import type { TFile } from '../../__mocks__/obsidian-double/files';
import type { App } from './app';
import { EmptyView, ItemView, View } from '../../__mocks__/obsidian-double/workspace';

export { ItemView, View };

/** Obsidian's state field: which file (and `Editor`) this CodeMirror instance shows. */
export const editorInfoField = StateField.define<MarkdownView | null>({ create: () => null, update: (v) => v });
/** Obsidian's state field: true in Live Preview, false in Source mode. */
export const editorLivePreviewField = StateField.define<boolean>({ create: () => true, update: (v) => v });
/** Deprecated alias kept by the app. */
export const editorViewField = editorInfoField;
export const editorEditorField = StateField.define<EditorView | null>({ create: () => null, update: (v) => v });

/** Marks the editor's own reload from disk (not an edit to save). */
const fromDisk = Annotation.define<boolean>();

type Pos = { line: number; ch: number };

/** Obsidian's `Editor` over a CodeMirror view (0-based lines). `cm` is the EditorView, as in the app. */
export class CmEditor {
  constructor(readonly cm: EditorView) {}
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
    this.cm.dispatch({ changes: { from: this.posToOffset(from), to: this.posToOffset(to ?? from), insert: text } });
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
    this.cm.focus();
  }
  blur(): void {
    this.cm.contentDOM.blur();
  }
  hasFocus(): boolean {
    return this.cm.hasFocus;
  }
  refresh(): void {}
  scrollIntoView(range: { from: Pos; to: Pos }, center?: boolean): void {
    this.cm.dispatch({ effects: EditorView.scrollIntoView(this.posToOffset(range.from), { y: center ? 'center' : 'nearest' }) });
  }
}

/**
 * Live Preview's look, roughly: heading sizes, frontmatter and callout lines. The app renders a
 * callout as a widget block; here its lines keep their `> ` source, styled as a callout.
 */
const markdownLook = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet;
    constructor(view: EditorView) {
      this.decorations = this.build(view);
    }
    update(u: ViewUpdate): void {
      if (u.docChanged || u.viewportChanged) this.decorations = this.build(u.view);
    }
    build(view: EditorView): DecorationSet {
      const b = new RangeSetBuilder<Decoration>();
      const doc = view.state.doc;
      let inFrontmatter = doc.lines > 0 && doc.line(1).text === '---';
      let callout: string | null = null;
      for (let n = 1; n <= doc.lines; n++) {
        const line = doc.line(n);
        const t = line.text;
        let cls = '';
        if (inFrontmatter) {
          cls = 'cm-hmd-frontmatter';
          if (n > 1 && t === '---') inFrontmatter = false;
        } else if (/^#{1,6} /.test(t)) {
          cls = `HyperMD-header HyperMD-header-${/^#+/.exec(t)![0].length}`;
          callout = null;
        } else if (/^\s{0,3}>/.test(t)) {
          const m = /^\s{0,3}>\s*\[!([\w-]+)\]/.exec(t);
          if (m) callout = m[1]!.toLowerCase();
          cls = callout ? `HyperMD-quote HyperMD-callout callout wp-harness-callout${m ? ' wp-harness-callout-title' : ''}` : 'HyperMD-quote';
        } else callout = null;
        if (cls) b.add(line.from, line.from, Decoration.line({ class: cls, attributes: callout ? { 'data-callout': callout } : {} }));
      }
      return b.finish();
    }
  },
  { decorations: (p) => p.decorations },
);

export class MarkdownView extends ItemView {
  file: TFile | null = null;
  editor: CmEditor;
  private lastSaved = '';
  private saveTimer: number | null = null;
  private readonly sourceEl: HTMLElement;
  constructor(leaf: WorkspaceLeaf) {
    super(leaf as never);
    this.sourceEl = this.contentEl.createDiv({ cls: 'markdown-source-view cm-s-obsidian mod-cm6 is-live-preview is-readable-line-width' });
    const ws = this.page.workspace;
    const view = new EditorView({
      parent: this.sourceEl,
      state: EditorState.create({
        doc: '',
        extensions: [
          editorInfoField.init(() => this),
          editorLivePreviewField.init(() => true),
          EditorView.lineWrapping,
          markdownLook,
          ws.editorExtensionSlot.of(ws.editorExtensions()),
          EditorView.updateListener.of((u) => {
            if (!u.docChanged) return;
            ws.trigger('editor-change', this.editor, this);
            if (!u.transactions.some((tr) => tr.annotation(fromDisk))) this.requestSave();
          }),
        ],
      }),
    });
    this.editor = new CmEditor(view);
  }
  /** The app, typed as the browser one (the base class types it as the jest double's). */
  private get page(): App {
    return this.app as unknown as App;
  }
  getViewType(): string {
    return 'markdown';
  }
  getDisplayText(): string {
    return this.file?.basename ?? '';
  }
  getMode(): 'source' | 'preview' {
    return 'source';
  }
  get currentMode(): { type: string } {
    return { type: 'source' };
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
    if (this.saveTimer !== null) window.clearTimeout(this.saveTimer);
    this.saveTimer = window.setTimeout(() => void this.save(), 2000);
  }
  async save(): Promise<void> {
    if (this.saveTimer !== null) window.clearTimeout(this.saveTimer);
    this.saveTimer = null;
    const file = this.file;
    if (!file || !this.page.vault.getFileByPath(file.path)) return;
    const data = this.editor.getValue();
    this.lastSaved = data;
    await this.page.vault.modify(file, data);
  }
  /** The file changed on disk: show the new text unless it is what this view just saved. */
  onDiskChange(text: string): void {
    if (text === this.lastSaved) return;
    this.setViewData(text);
  }
  /** The plugin's editor extensions changed (`registerEditorExtension`, `updateOptions`). */
  reconfigure(): void {
    this.editor.cm.dispatch({ effects: this.page.workspace.editorExtensionSlot.reconfigure(this.page.workspace.editorExtensions()) });
  }
  protected override async onClose(): Promise<void> {
    if (this.saveTimer !== null) await this.save();
    this.editor.cm.destroy();
  }
}

type Side = 'main' | 'right';

export class WorkspaceLeaf extends Events {
  view: View;
  readonly tabHeaderEl: HTMLElement;
  readonly containerEl: HTMLElement;
  detached = false;
  constructor(
    public app: App,
    public side: Side,
  ) {
    super();
    const area = app.workspace.area(side);
    this.tabHeaderEl = area.tabsEl.createDiv({ cls: 'workspace-tab-header' });
    this.tabHeaderEl.createDiv({ cls: 'workspace-tab-header-inner-title' });
    this.tabHeaderEl.addEventListener('click', () => {
      void app.workspace.revealLeaf(this);
      app.workspace.setActiveLeaf(this);
    });
    this.containerEl = area.leavesEl.createDiv({ cls: 'workspace-leaf' });
    this.view = new EmptyView(this as never);
    this.mount();
  }
  private mount(): void {
    this.containerEl.empty();
    this.containerEl.appendChild(this.view.containerEl);
    this.tabHeaderEl.querySelector('.workspace-tab-header-inner-title')!.setText(this.view.getDisplayText());
    this.tabHeaderEl.setAttr('data-type', this.view.getViewType());
  }
  getViewState(): { type: string; state?: Record<string, unknown> } {
    return { type: this.view.getViewType(), state: this.view.getState() };
  }
  async setViewState(viewState: { type: string; state?: Record<string, unknown>; active?: boolean }): Promise<void> {
    const creator = this.app.workspace.viewCreators.get(viewState.type);
    if (!creator) throw new Error(`No view registered for type ${viewState.type}`);
    await this.view._close();
    this.view = creator(this) as View;
    await this.view.setState(viewState.state ?? {}, {});
    this.mount();
    await this.view._open();
    this.mount();
    this.app.workspace.trigger('layout-change');
    if (viewState.active) this.app.workspace.setActiveLeaf(this);
  }
  async openFile(file: TFile, openState?: { active?: boolean; eState?: { line?: number } }): Promise<void> {
    if (!(this.view instanceof MarkdownView)) {
      await this.view._close();
      this.view = new MarkdownView(this as never);
    }
    const md = this.view as MarkdownView;
    md.file = file;
    this.mount();
    await md._open();
    md.setViewData(await this.app.vault.read(file));
    this.mount();
    await this.app.workspace.revealLeaf(this);
    if (openState?.active !== false) this.app.workspace.setActiveLeaf(this);
    this.app.workspace.trigger('file-open', file);
  }
  get isDeferred(): boolean {
    return false;
  }
  async loadIfDeferred(): Promise<void> {}
  getDisplayText(): string {
    return this.view.getDisplayText();
  }
  setPinned(_pinned: boolean): void {}
  detach(): void {
    this.detached = true;
    void this.view._close();
    this.tabHeaderEl.remove();
    this.containerEl.remove();
    this.app.workspace.removeLeaf(this);
  }
}

export interface Area {
  el: HTMLElement;
  tabsEl: HTMLElement;
  leavesEl: HTMLElement;
}

export class Workspace extends Events {
  layoutReady = false;
  readonly leaves: WorkspaceLeaf[] = [];
  readonly viewCreators = new Map<string, (leaf: WorkspaceLeaf) => unknown>();
  activeLeaf: WorkspaceLeaf | null = null;
  /** The leaf of the note last made active: `getActiveFile` keeps it while the sidebar has focus. */
  private lastFileLeaf: WorkspaceLeaf | null = null;
  readonly editorExtensionSlot = new Compartment();
  /** What plugins passed to `registerEditorExtension`, in order. */
  readonly registeredExtensions: Extension[] = [];
  containerEl: HTMLElement;
  private readonly areas: Record<Side, Area>;
  private readyCallbacks: Array<() => unknown> = [];

  constructor(private readonly app: App) {
    super();
    this.containerEl = createDiv({ cls: 'workspace' });
    const make = (cls: string): Area => {
      const el = this.containerEl.createDiv({ cls: `workspace-split ${cls}` });
      const tabsEl = el.createDiv({ cls: 'workspace-tab-header-container' });
      const leavesEl = el.createDiv({ cls: 'workspace-tab-container' });
      return { el, tabsEl, leavesEl };
    };
    this.areas = { main: make('mod-vertical mod-root'), right: make('mod-horizontal mod-right-split mod-sidedock') };
    app.vault.on('modify', (file: TFile) => {
      const text = (app.vault as unknown as { peek(p: string): string | undefined }).peek(file.path);
      if (text === undefined) return;
      for (const leaf of this.leaves) if (leaf.view instanceof MarkdownView && leaf.view.file === file) leaf.view.onDiskChange(text);
    });
    app.vault.on('delete', (file: TFile) => {
      for (const leaf of [...this.leaves]) if (leaf.view instanceof MarkdownView && leaf.view.file === file) leaf.detach();
    });
  }
  area(side: Side): Area {
    return this.areas[side];
  }
  editorExtensions(): Extension[] {
    return this.registeredExtensions.slice();
  }
  get activeEditor(): { app: App; file: TFile | null; editor?: CmEditor } | null {
    const v = this.lastFileLeaf?.view;
    return v instanceof MarkdownView ? { app: this.app, file: v.file, editor: v.editor } : null;
  }
  onLayoutReady(cb: () => unknown): void {
    if (this.layoutReady) cb();
    else this.readyCallbacks.push(cb);
  }
  setLayoutReady(): void {
    this.layoutReady = true;
    const cbs = this.readyCallbacks;
    this.readyCallbacks = [];
    cbs.forEach((cb) => cb());
    this.trigger('layout-change');
  }
  private newLeaf(side: Side): WorkspaceLeaf {
    const leaf = new WorkspaceLeaf(this.app, side);
    this.leaves.push(leaf);
    this.show(leaf);
    return leaf;
  }
  removeLeaf(leaf: WorkspaceLeaf): void {
    this.leaves.splice(this.leaves.indexOf(leaf), 1);
    if (this.lastFileLeaf === leaf) this.lastFileLeaf = null;
    const next = this.leaves.filter((l) => l.side === leaf.side).pop();
    if (next) this.show(next);
    if (this.activeLeaf === leaf) this.setActiveLeaf(next ?? null);
  }
  /** Makes `leaf` the visible tab of its area. */
  private show(leaf: WorkspaceLeaf): void {
    for (const l of this.leaves) {
      if (l.side !== leaf.side) continue;
      l.containerEl.toggleClass('is-hidden', l !== leaf);
      l.tabHeaderEl.toggleClass('is-active', l === leaf);
    }
  }
  getLeaf(newLeaf?: boolean | 'tab' | 'split' | 'window'): WorkspaceLeaf {
    if (!newLeaf) {
      const current = this.activeLeaf?.side === 'main' ? this.activeLeaf : this.leaves.find((l) => l.side === 'main');
      if (current) return current;
    }
    return this.newLeaf('main');
  }
  getRightLeaf(_split: boolean): WorkspaceLeaf | null {
    return this.newLeaf('right');
  }
  getLeftLeaf(_split: boolean): WorkspaceLeaf | null {
    return null;
  }
  async ensureSideLeaf(type: string, side: 'left' | 'right', options: { active?: boolean; reveal?: boolean; state?: Record<string, unknown> } = {}): Promise<WorkspaceLeaf> {
    const existing = this.getLeavesOfType(type).find((l) => l.side === 'right');
    if (existing) return existing;
    if (side === 'left') throw new Error('The harness has no left sidebar.');
    const leaf = this.newLeaf('right');
    await leaf.setViewState({ type, state: options.state, active: options.active });
    if (options.reveal !== false) await this.revealLeaf(leaf);
    return leaf;
  }
  getLeavesOfType(type: string): WorkspaceLeaf[] {
    return this.leaves.filter((l) => l.view.getViewType() === type);
  }
  detachLeavesOfType(type: string): void {
    this.getLeavesOfType(type).forEach((l) => l.detach());
  }
  iterateAllLeaves(cb: (leaf: WorkspaceLeaf) => unknown): void {
    [...this.leaves].forEach(cb);
  }
  iterateRootLeaves(cb: (leaf: WorkspaceLeaf) => unknown): void {
    this.leaves.filter((l) => l.side === 'main').forEach(cb);
  }
  async revealLeaf(leaf: WorkspaceLeaf): Promise<void> {
    this.show(leaf);
  }
  setActiveLeaf(leaf: WorkspaceLeaf | null, _params?: unknown): void {
    if (leaf === this.activeLeaf) return;
    this.activeLeaf = leaf;
    if (leaf?.view instanceof MarkdownView) this.lastFileLeaf = leaf;
    for (const l of this.leaves) l.containerEl.toggleClass('mod-active', l === leaf);
    this.trigger('active-leaf-change', leaf);
  }
  getActiveViewOfType<T>(type: abstract new (...args: any[]) => T): T | null {
    const v = this.activeLeaf?.view;
    return v instanceof type ? v : null;
  }
  getActiveFile(): TFile | null {
    const v = this.lastFileLeaf?.view;
    return v instanceof MarkdownView ? v.file : null;
  }
  async openLinkText(linktext: string, sourcePath: string, newLeaf?: boolean | 'tab'): Promise<void> {
    const file = this.app.metadataCache.getFirstLinkpathDest(linktext.split('#')[0]!, sourcePath);
    if (file) await this.getLeaf(newLeaf).openFile(file);
  }
  /** Applies the registered editor extensions to every open editor again. */
  updateOptions(): void {
    for (const l of this.leaves) if (l.view instanceof MarkdownView) l.view.reconfigure();
  }
  getLastOpenFiles(): string[] {
    return [];
  }
}
