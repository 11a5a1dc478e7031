/**
 * Workspace and leaves. Leaves live in three places ('main', 'left', 'right'); `setViewState` builds the
 * view with the creator that `Plugin.registerView` registered and calls its `onOpen`; `detach` calls
 * `onClose`. Markdown notes open in `MarkdownView`s (markdown-view.ts: the editor is CodeMirror over
 * the plugins' registered extensions). Ledger, beyond markdown-view.ts:
 * - A background tab may be deferred: `leaf.view` is a `DeferredView` until the leaf is revealed
 *   (`revealLeaf` awaits the load) or `loadIfDeferred()` is awaited; `getViewState()` still names the
 *   file and `getLeavesOfType('markdown')` lists it (docs "Defer views"; obsidian.d.ts:8279, :8029).
 * - Views show changes made to their file on disk (see markdown-view.ts).
 * The browser harness extends these classes with the page's elements.
 */
import type { Extension } from '@codemirror/state';
import type { App } from './app';
import { Events } from './events';
import type { TFile } from './files';
import { DeferredView, MarkdownView } from './markdown-view';
import { EmptyView, ItemView, View } from './view';

export { ItemView, View, EmptyView, MarkdownView, DeferredView };

export type Side = 'main' | 'left' | 'right';

export class WorkspaceLeaf extends Events {
  view: View;
  detached = false;
  constructor(
    public app: App<any>,
    public side: Side,
  ) {
    super();
    this.view = new EmptyView(this);
  }
  /** Called after the leaf's view changed (the harness puts the view into the page). */
  protected mounted(): void {}
  /** A new markdown view for this leaf (the harness's has a real CodeMirror editor). */
  protected newMarkdownView(): MarkdownView {
    return new MarkdownView(this);
  }
  private get ws(): Workspace {
    return this.app.workspace as Workspace;
  }
  getViewState(): { type: string; state: Record<string, unknown> } {
    if (this.view instanceof DeferredView) return this.view.deferredState;
    return { type: this.view.getViewType(), state: this.view.getState() };
  }
  async setViewState(viewState: { type: string; state?: Record<string, unknown>; active?: boolean }): Promise<void> {
    const creator = this.ws.viewCreators.get(viewState.type);
    if (!creator) throw new Error(`No view registered for type ${viewState.type}`);
    await this.view._close();
    this.view = creator(this) as View;
    await this.view.setState(viewState.state ?? {}, {});
    this.mounted();
    await this.view._open();
    this.mounted();
    this.ws.trigger('layout-change');
    if (viewState.active) this.ws.setActiveLeaf(this);
  }
  async openFile(file: TFile, openState?: { active?: boolean; eState?: { line?: number } }): Promise<void> {
    if (!(this.view instanceof MarkdownView)) {
      await this.view._close();
      this.view = this.newMarkdownView();
      this.mounted();
      await this.view._open();
    }
    const md = this.view as MarkdownView;
    await md.loadFile(file);
    this.mounted();
    if (openState?.active !== false) this.ws.setActiveLeaf(this);
    this.ws.trigger('file-open', file);
  }
  /** Double only: the leaf becomes a background tab of `file` that has not been shown yet (deferred). */
  async defer(file: TFile): Promise<void> {
    await this.view._close();
    this.view = new DeferredView(this, { type: 'markdown', state: { file: file.path } });
    this.mounted();
  }
  get isDeferred(): boolean {
    return this.view instanceof DeferredView;
  }
  async loadIfDeferred(): Promise<void> {
    if (!(this.view instanceof DeferredView)) return;
    const path = this.view.deferredState.state['file'];
    const file = typeof path === 'string' ? this.app.vault.getFileByPath(path) : null;
    if (file) await this.openFile(file, { active: false });
  }
  getDisplayText(): string {
    return this.view.getDisplayText();
  }
  setPinned(_pinned: boolean): void {}
  detach(): void {
    this.detached = true;
    void this.view._close();
    this.ws.removeLeaf(this);
  }
}

export class Workspace extends Events {
  layoutReady = false;
  readonly leaves: WorkspaceLeaf[] = [];
  readonly viewCreators = new Map<string, (leaf: WorkspaceLeaf) => unknown>();
  activeLeaf: WorkspaceLeaf | null = null;
  /** What plugins passed to `registerEditorExtension`, in order. */
  readonly registeredExtensions: Extension[] = [];
  /** Double only: `openLinkText` calls, in order. */
  readonly openedLinks: Array<{ linktext: string; sourcePath: string }> = [];
  /** Double only: `revealLeaf` calls. */
  readonly revealed: WorkspaceLeaf[] = [];
  private readyCallbacks: Array<() => unknown> = [];
  constructor(protected readonly app: App<any>) {
    super();
    app.vault.on('modify', (file: TFile) => {
      const text = app.vault.peek(file.path);
      if (text === undefined) return;
      for (const leaf of this.leaves) if (leaf.view instanceof MarkdownView && leaf.view.file === file) leaf.view.onDiskChange(text);
    });
  }
  /** A new leaf (the harness makes one with elements in the page). */
  protected makeLeaf(side: Side): WorkspaceLeaf {
    return new WorkspaceLeaf(this.app, side);
  }
  editorExtensions(): Extension[] {
    return this.registeredExtensions.slice();
  }
  get activeEditor(): { app: App<any>; file: TFile | null; editor?: MarkdownView['editor'] } | null {
    const v = this.activeLeaf?.view;
    return v instanceof MarkdownView ? { app: this.app, file: v.file, editor: v.editor } : null;
  }
  onLayoutReady(cb: () => unknown): void {
    if (this.layoutReady) cb();
    else this.readyCallbacks.push(cb);
  }
  /** Double only: the app finished loading its layout. */
  setLayoutReady(): void {
    this.layoutReady = true;
    const cbs = this.readyCallbacks;
    this.readyCallbacks = [];
    cbs.forEach((cb) => cb());
    this.trigger('layout-change');
  }
  protected newLeaf(side: Side): WorkspaceLeaf {
    const leaf = this.makeLeaf(side);
    this.leaves.push(leaf);
    return leaf;
  }
  removeLeaf(leaf: WorkspaceLeaf): void {
    this.leaves.splice(this.leaves.indexOf(leaf), 1);
    if (this.activeLeaf === leaf) this.setActiveLeaf(null);
  }
  getLeaf(_newLeaf?: boolean | 'tab' | 'split' | 'window'): WorkspaceLeaf {
    return this.newLeaf('main');
  }
  getRightLeaf(_split: boolean): WorkspaceLeaf | null {
    return this.newLeaf('right');
  }
  getLeftLeaf(_split: boolean): WorkspaceLeaf | null {
    return this.newLeaf('left');
  }
  async ensureSideLeaf(type: string, side: 'left' | 'right', options: { active?: boolean; reveal?: boolean; state?: any } = {}): Promise<WorkspaceLeaf> {
    const existing = this.getLeavesOfType(type).find((l) => l.side === side);
    if (existing) return existing;
    const leaf = this.newLeaf(side);
    await leaf.setViewState({ type, state: options.state, active: options.active });
    if (options.reveal !== false) await this.revealLeaf(leaf);
    return leaf;
  }
  /** Leaves by the type of their view state: deferred ones included (their `view` is a DeferredView). */
  getLeavesOfType(type: string): WorkspaceLeaf[] {
    return this.leaves.filter((l) => l.getViewState().type === type);
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
  /** Shows the leaf; a deferred one is loaded first, and the promise settles once it is. */
  async revealLeaf(leaf: WorkspaceLeaf): Promise<void> {
    this.revealed.push(leaf);
    await leaf.loadIfDeferred();
  }
  setActiveLeaf(leaf: WorkspaceLeaf | null, _params?: unknown): void {
    if (leaf === this.activeLeaf) return;
    this.activeLeaf = leaf;
    this.trigger('active-leaf-change', leaf);
  }
  getActiveViewOfType<T>(type: abstract new (...args: any[]) => T): T | null {
    const v = this.activeLeaf?.view;
    return v instanceof type ? v : null;
  }
  getActiveFile(): TFile | null {
    const v = this.activeLeaf?.view;
    return v instanceof MarkdownView ? v.file : null;
  }
  async openLinkText(linktext: string, sourcePath: string, newLeaf?: boolean | 'tab'): Promise<void> {
    this.openedLinks.push({ linktext, sourcePath });
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
