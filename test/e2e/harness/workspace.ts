/**
 * A browser workspace: a main area of tabs and a right sidebar, each leaf a real element. It extends
 * the jest double's workspace, leaves and `MarkdownView` (test/__mocks__/obsidian-double), so both
 * behave alike (deferred tabs, reading mode, autosave 2 s after the last edit, `save()`, views that
 * pick up changes on disk, editors holding every extension plugins registered): here the markdown
 * view's editor is a real CodeMirror 6 `EditorView` in the page (the page's single copy of
 * `@codemirror/state` and `@codemirror/view`, which the plugin's `require` also gets), with a rough
 * Live Preview (live-preview.ts).
 */
import type { EditorState, Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import type { TFile } from '../../__mocks__/obsidian-double/files';
import { CmEditor, MarkdownView as DoubleMarkdownView, editorEditorField, editorInfoField, editorLivePreviewField, editorViewField, type CmView } from '../../__mocks__/obsidian-double/markdown-view';
import { ItemView, View } from '../../__mocks__/obsidian-double/view';
import { Workspace as DoubleWorkspace, WorkspaceLeaf as DoubleLeaf } from '../../__mocks__/obsidian-double/workspace';
import type { App } from './app';
import { livePreview } from './live-preview';

export { CmEditor, ItemView, View, editorEditorField, editorInfoField, editorLivePreviewField, editorViewField };

export class MarkdownView extends DoubleMarkdownView {
  /** The harness's look and Live Preview, and every transaction (the user's typing too) to the double's handler. */
  protected override viewExtensions(): Extension[] {
    return [EditorView.lineWrapping, livePreview, EditorView.updateListener.of((u) => u.transactions.forEach((tr) => this.onTransaction(tr)))];
  }
  /** The real editor in the page. */
  protected override makeView(state: EditorState): CmView {
    const parent = this.contentEl.createDiv({ cls: 'markdown-source-view cm-s-obsidian mod-cm6 is-live-preview is-readable-line-width' });
    return new EditorView({ parent, state });
  }
}

type Side = 'main' | 'right';

export class WorkspaceLeaf extends DoubleLeaf {
  readonly tabHeaderEl: HTMLElement;
  readonly containerEl: HTMLElement;
  constructor(
    app: App,
    public override side: Side,
  ) {
    super(app, side);
    const area = app.workspace.area(side);
    this.tabHeaderEl = area.tabsEl.createDiv({ cls: 'workspace-tab-header' });
    this.tabHeaderEl.createDiv({ cls: 'workspace-tab-header-inner-title' });
    this.tabHeaderEl.addEventListener('click', () => {
      void app.workspace.revealLeaf(this);
      app.workspace.setActiveLeaf(this);
    });
    this.containerEl = area.leavesEl.createDiv({ cls: 'workspace-leaf' });
    this.mounted();
  }
  protected override mounted(): void {
    // Called by the base class before this constructor has made the elements.
    if (!this.containerEl) return;
    this.containerEl.empty();
    this.containerEl.appendChild(this.view.containerEl);
    this.tabHeaderEl.querySelector('.workspace-tab-header-inner-title')!.setText(this.view.getDisplayText());
    this.tabHeaderEl.setAttr('data-type', this.getViewState().type);
  }
  protected override newMarkdownView(): MarkdownView {
    return new MarkdownView(this);
  }
  override detach(): void {
    this.tabHeaderEl.remove();
    this.containerEl.remove();
    super.detach();
  }
}

export interface Area {
  el: HTMLElement;
  tabsEl: HTMLElement;
  leavesEl: HTMLElement;
}

export class Workspace extends DoubleWorkspace {
  declare readonly leaves: WorkspaceLeaf[];
  declare activeLeaf: WorkspaceLeaf | null;
  /** The leaf of the note last made active: `getActiveFile` keeps it while the sidebar has focus. */
  private lastFileLeaf: WorkspaceLeaf | null = null;
  containerEl: HTMLElement;
  private readonly areas: Record<Side, Area>;

  constructor(app: App) {
    super(app);
    this.containerEl = createDiv({ cls: 'workspace' });
    const make = (cls: string): Area => {
      const el = this.containerEl.createDiv({ cls: `workspace-split ${cls}` });
      const tabsEl = el.createDiv({ cls: 'workspace-tab-header-container' });
      const leavesEl = el.createDiv({ cls: 'workspace-tab-container' });
      return { el, tabsEl, leavesEl };
    };
    this.areas = { main: make('mod-vertical mod-root'), right: make('mod-horizontal mod-right-split mod-sidedock') };
    app.vault.on('delete', (file: TFile) => {
      for (const leaf of [...this.leaves]) if (leaf.view instanceof MarkdownView && leaf.view.file === file) leaf.detach();
    });
  }
  area(side: Side): Area {
    return this.areas[side];
  }
  protected override makeLeaf(side: 'main' | 'left' | 'right'): WorkspaceLeaf {
    if (side === 'left') throw new Error('The harness has no left sidebar.');
    return new WorkspaceLeaf(this.app as unknown as App, side);
  }
  protected override newLeaf(side: 'main' | 'left' | 'right'): WorkspaceLeaf {
    const leaf = super.newLeaf(side) as WorkspaceLeaf;
    this.show(leaf);
    return leaf;
  }
  override get activeEditor(): { app: App; file: TFile | null; editor?: CmEditor } | null {
    const v = this.lastFileLeaf?.view;
    return v instanceof MarkdownView ? { app: this.app as unknown as App, file: v.file, editor: v.editor } : null;
  }
  override removeLeaf(leaf: WorkspaceLeaf): void {
    if (this.lastFileLeaf === leaf) this.lastFileLeaf = null;
    const wasActive = this.activeLeaf === leaf;
    this.leaves.splice(this.leaves.indexOf(leaf), 1);
    const next = this.leaves.filter((l) => l.side === leaf.side).pop();
    if (next) this.show(next);
    if (wasActive) this.setActiveLeaf(next ?? null);
  }
  /** Makes `leaf` the visible tab of its area. */
  private show(leaf: WorkspaceLeaf): void {
    for (const l of this.leaves) {
      if (l.side !== leaf.side) continue;
      l.containerEl.toggleClass('is-hidden', l !== leaf);
      l.tabHeaderEl.toggleClass('is-active', l === leaf);
    }
  }
  override getLeaf(newLeaf?: boolean | 'tab' | 'split' | 'window'): WorkspaceLeaf {
    if (!newLeaf) {
      const current = this.activeLeaf?.side === 'main' ? this.activeLeaf : this.leaves.find((l) => l.side === 'main');
      if (current) return current;
    }
    return this.newLeaf('main');
  }
  override getLeftLeaf(_split: boolean): WorkspaceLeaf | null {
    return null;
  }
  override async ensureSideLeaf(type: string, side: 'left' | 'right', options: { active?: boolean; reveal?: boolean; state?: Record<string, unknown> } = {}): Promise<WorkspaceLeaf> {
    if (side === 'left') throw new Error('The harness has no left sidebar.');
    return (await super.ensureSideLeaf(type, side, options)) as WorkspaceLeaf;
  }
  override async revealLeaf(leaf: WorkspaceLeaf): Promise<void> {
    this.show(leaf);
    await super.revealLeaf(leaf);
  }
  override setActiveLeaf(leaf: WorkspaceLeaf | null, _params?: unknown): void {
    if (leaf === this.activeLeaf) return;
    if (leaf?.view instanceof MarkdownView) this.lastFileLeaf = leaf;
    for (const l of this.leaves) l.containerEl.toggleClass('mod-active', l === leaf);
    super.setActiveLeaf(leaf);
  }
  override getActiveFile(): TFile | null {
    const v = this.lastFileLeaf?.view;
    return v instanceof MarkdownView ? v.file : null;
  }
}
