/**
 * Workspace, leaves and views. Leaves live in three places ('main', 'left', 'right'); `setViewState`
 * builds the view with the creator that `Plugin.registerView` registered and calls its `onOpen`;
 * `detach` calls `onClose`. `MarkdownView.editor` is a string-backed `Editor` (0-based lines).
 */
import type { App } from './app';
import { Component } from './component';
import { childEl, makeEl } from './dom';
import { Events } from './events';
import type { TFile } from './files';
import { setIcon } from './ui';

/**
 * A view, built as the app builds it: `containerEl` (`.workspace-leaf-content`) holds a header with the
 * title; `ItemView` adds the header's actions and `contentEl`. The browser harness uses these as they
 * are (its `leaf` and `app` are its own, hence the loose types).
 */
export abstract class View extends Component {
  app: App;
  icon = '';
  navigation = false;
  containerEl: HTMLElement;
  headerEl: HTMLElement;
  titleEl: HTMLElement;
  scope = null;
  constructor(public leaf: WorkspaceLeaf) {
    super();
    this.app = leaf.app;
    this.containerEl = makeEl('div', 'workspace-leaf-content');
    this.headerEl = childEl(this.containerEl, 'div', 'view-header');
    this.titleEl = childEl(this.headerEl, 'div', 'view-header-title');
  }
  protected async onOpen(): Promise<void> {}
  protected async onClose(): Promise<void> {}
  abstract getViewType(): string;
  abstract getDisplayText(): string;
  getIcon(): string {
    return this.icon;
  }
  getState(): Record<string, unknown> {
    return {};
  }
  async setState(_state: unknown, _result: unknown): Promise<void> {}
  getEphemeralState(): Record<string, unknown> {
    return {};
  }
  setEphemeralState(_state: unknown): void {}
  onResize(): void {}
  onPaneMenu(_menu: unknown, _source: string): void {}
  /** Double only: open/close hooks are protected in the app's types. */
  async _open(): Promise<void> {
    this.containerEl.setAttr('data-type', this.getViewType());
    this.titleEl.textContent = this.getDisplayText();
    this.load();
    await this.onOpen();
  }
  async _close(): Promise<void> {
    await this.onClose();
    this.unload();
    this.containerEl.remove();
  }
}

export abstract class ItemView extends View {
  contentEl: HTMLElement;
  /** Double only: the header's actions, in order. */
  readonly actions: Array<{ icon: string; title: string; callback: (evt: MouseEvent) => unknown }> = [];
  private readonly actionsEl: HTMLElement;
  constructor(leaf: WorkspaceLeaf) {
    super(leaf);
    this.actionsEl = childEl(this.headerEl, 'div', 'view-actions');
    this.contentEl = childEl(this.containerEl, 'div', 'view-content');
  }
  addAction(icon: string, title: string, callback: (evt: MouseEvent) => unknown): HTMLElement {
    this.actions.push({ icon, title, callback });
    const el = childEl(this.actionsEl, 'a', { cls: 'clickable-icon view-action', attr: { 'aria-label': title } });
    setIcon(el, icon);
    el.addEventListener('click', callback);
    return el;
  }
}

export class EmptyView extends ItemView {
  getViewType(): string {
    return 'empty';
  }
  getDisplayText(): string {
    return 'New tab';
  }
}

export class StringEditor {
  constructor(private text = '') {}
  getValue(): string {
    return this.text;
  }
  setValue(t: string): void {
    this.text = t;
  }
  private lines(): string[] {
    return this.text.split('\n');
  }
  getLine(n: number): string {
    return this.lines()[n] ?? '';
  }
  lineCount(): number {
    return this.lines().length;
  }
  lastLine(): number {
    return this.lineCount() - 1;
  }
  posToOffset(pos: { line: number; ch: number }): number {
    return this.lines().slice(0, pos.line).reduce((n, l) => n + l.length + 1, 0) + pos.ch;
  }
  offsetToPos(offset: number): { line: number; ch: number } {
    const before = this.text.slice(0, offset).split('\n');
    return { line: before.length - 1, ch: before[before.length - 1]!.length };
  }
  getRange(from: { line: number; ch: number }, to: { line: number; ch: number }): string {
    return this.text.slice(this.posToOffset(from), this.posToOffset(to));
  }
  replaceRange(text: string, from: { line: number; ch: number }, to = from): void {
    this.text = this.text.slice(0, this.posToOffset(from)) + text + this.text.slice(this.posToOffset(to));
  }
  private cursor = { line: 0, ch: 0 };
  getCursor(): { line: number; ch: number } {
    return this.cursor;
  }
  setCursor(pos: { line: number; ch: number } | number, ch?: number): void {
    this.cursor = typeof pos === 'number' ? { line: pos, ch: ch ?? 0 } : pos;
  }
  replaceSelection(text: string): void {
    this.replaceRange(text, this.cursor);
  }
  getSelection(): string {
    return '';
  }
  somethingSelected(): boolean {
    return false;
  }
  transaction(tx: { changes?: Array<{ text: string; from: { line: number; ch: number }; to?: { line: number; ch: number } }> }): void {
    // Apply from the end so earlier offsets stay valid, as one batch.
    const changes = [...(tx.changes ?? [])].sort((a, b) => this.posToOffset(b.from) - this.posToOffset(a.from));
    for (const c of changes) this.replaceRange(c.text, c.from, c.to);
  }
  focus(): void {}
  blur(): void {}
  hasFocus(): boolean {
    return false;
  }
  refresh(): void {}
  scrollIntoView(): void {}
}

export class WorkspaceLeaf extends Events {
  view: View;
  detached = false;
  constructor(public app: App, public side: 'main' | 'left' | 'right') {
    super();
    this.view = new EmptyView(this);
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
    await this.view._open();
    if (viewState.active) this.app.workspace.setActiveLeaf(this);
  }
  async openFile(file: TFile): Promise<void> {
    await this.view._close();
    const md = new MarkdownView(this);
    md.file = file;
    md.editor.setValue(await this.app.vault.read(file));
    this.view = md;
    await md._open();
    this.app.workspace.setActiveLeaf(this);
    this.app.workspace.trigger('file-open', file);
  }
  get isDeferred(): boolean {
    return false;
  }
  async loadIfDeferred(): Promise<void> {}
  getDisplayText(): string {
    return this.view.getDisplayText();
  }
  detach(): void {
    this.detached = true;
    void this.view._close();
    this.app.workspace.removeLeaf(this);
  }
}

export class MarkdownView extends ItemView {
  file: TFile | null = null;
  editor = new StringEditor();
  getViewType(): string {
    return 'markdown';
  }
  getDisplayText(): string {
    return this.file?.basename ?? '';
  }
  getMode(): 'source' | 'preview' {
    return 'source';
  }
  getViewData(): string {
    return this.editor.getValue();
  }
  setViewData(data: string): void {
    this.editor.setValue(data);
  }
  clear(): void {}
}

export class Workspace extends Events {
  layoutReady = false;
  readonly leaves: WorkspaceLeaf[] = [];
  readonly viewCreators = new Map<string, (leaf: WorkspaceLeaf) => unknown>();
  activeLeaf: WorkspaceLeaf | null = null;
  /** Double only: `openLinkText` calls, in order. */
  readonly openedLinks: Array<{ linktext: string; sourcePath: string }> = [];
  /** Double only: `revealLeaf` calls. */
  readonly revealed: WorkspaceLeaf[] = [];
  private readyCallbacks: Array<() => unknown> = [];
  constructor(private readonly app: App) {
    super();
  }
  get activeEditor(): { app: App; file: TFile | null; editor?: StringEditor } | null {
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
  private newLeaf(side: 'main' | 'left' | 'right'): WorkspaceLeaf {
    const leaf = new WorkspaceLeaf(this.app, side);
    this.leaves.push(leaf);
    return leaf;
  }
  removeLeaf(leaf: WorkspaceLeaf): void {
    this.leaves.splice(this.leaves.indexOf(leaf), 1);
    if (this.activeLeaf === leaf) this.setActiveLeaf(null);
  }
  getLeaf(_newLeaf?: unknown): WorkspaceLeaf {
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
  getLeavesOfType(type: string): WorkspaceLeaf[] {
    return this.leaves.filter((l) => l.view.getViewType() === type);
  }
  detachLeavesOfType(type: string): void {
    this.getLeavesOfType(type).forEach((l) => l.detach());
  }
  iterateAllLeaves(cb: (leaf: WorkspaceLeaf) => unknown): void {
    [...this.leaves].forEach(cb);
  }
  async revealLeaf(leaf: WorkspaceLeaf): Promise<void> {
    this.revealed.push(leaf);
  }
  setActiveLeaf(leaf: WorkspaceLeaf | null): void {
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
  async openLinkText(linktext: string, sourcePath: string, _newLeaf?: unknown): Promise<void> {
    this.openedLinks.push({ linktext, sourcePath });
    const file = this.app.metadataCache.getFirstLinkpathDest(linktext.split('#')[0]!, sourcePath);
    if (file) await this.getLeaf().openFile(file);
  }
  updateOptions(): void {}
  getLastOpenFiles(): string[] {
    return [];
  }
}
