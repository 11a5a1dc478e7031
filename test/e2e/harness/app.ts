/**
 * The browser `App`: the jest double's (in-memory vault, metadata cache, file manager, secret storage,
 * command registry, plugin data store) over the browser workspace, plus the page's chrome. `Plugin`
 * attaches what a plugin adds (status bar items, ribbon icons, settings tabs) to the page, as the app
 * does; editor extensions go into every editor through the double's workspace.
 */
import { App as DoubleApp } from '../../__mocks__/obsidian-double/app';
import { Plugin as DoublePlugin } from '../../__mocks__/obsidian-double/component';
import { PluginSettingTab, setIcon } from '../../__mocks__/obsidian-double/ui';
import { Workspace } from './workspace';

export class App extends DoubleApp<Workspace> {
  /** The page's chrome: the ribbon and the status bar. */
  readonly ribbonEl: HTMLElement = createDiv({ cls: 'workspace-ribbon side-dock-ribbon mod-left' });
  readonly statusBarEl: HTMLElement = createDiv({ cls: 'status-bar' });
  readonly settingTabs: PluginSettingTab[] = [];

  constructor() {
    super({ vaultName: 'Example vault' }, (app) => new Workspace(app as App));
  }
  override isDarkMode(): boolean {
    return document.body.hasClass('theme-dark');
  }
}

export class Plugin extends DoublePlugin {
  /** The app, typed as the browser one (the base class types it as the jest double's). */
  private get page(): App {
    return this.app as unknown as App;
  }
  override addRibbonIcon(icon: string, title: string, callback: (evt: MouseEvent) => unknown): HTMLElement {
    const el = this.page.ribbonEl.createDiv({ cls: 'clickable-icon side-dock-ribbon-action', attr: { 'aria-label': title, 'data-icon': icon } });
    setIcon(el, icon);
    el.addEventListener('click', callback);
    this.register(() => el.remove());
    return el;
  }
  override addStatusBarItem(): HTMLElement {
    const el = this.page.statusBarEl.createDiv({ cls: 'status-bar-item' });
    this.register(() => el.remove());
    return el;
  }
  override addSettingTab(tab: unknown): void {
    super.addSettingTab(tab);
    if (!(tab instanceof PluginSettingTab)) throw new Error('addSettingTab: not a PluginSettingTab.');
    this.page.settingTabs.push(tab);
    this.register(() => this.page.settingTabs.splice(this.page.settingTabs.indexOf(tab), 1));
  }
}
