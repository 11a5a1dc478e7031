/**
 * `View` and `ItemView`, built as the app builds them: `containerEl` (`.workspace-leaf-content`) holds a
 * header with the title; `ItemView` adds the header's actions and `contentEl`. The browser harness uses
 * these as they are (its leaves and app are its own, hence the loose `WorkspaceLeafLike`).
 */
import type { App } from './app';
import { Component } from './component';
import { childEl, makeEl } from './dom';
import { setIcon } from './ui';

/** What a view needs from its leaf. */
export interface WorkspaceLeafLike {
  app: App<any>;
}

export abstract class View extends Component {
  app: App;
  icon = '';
  navigation = false;
  containerEl: HTMLElement;
  headerEl: HTMLElement;
  titleEl: HTMLElement;
  scope = null;
  constructor(public leaf: WorkspaceLeafLike) {
    super();
    this.app = leaf.app as App;
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
  constructor(leaf: WorkspaceLeafLike) {
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
