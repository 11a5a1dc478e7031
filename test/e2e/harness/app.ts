/**
 * The browser `App`: the jest double's in-memory vault, metadata cache, file manager, secret storage
 * and command registry (they run unchanged in a browser), with the browser workspace and a plugin
 * data store. `Plugin` attaches what a plugin adds (status bar items, ribbon icons, editor
 * extensions) to the page, as the app does.
 */
import { CommandRegistry } from '../../__mocks__/obsidian-double/app';
import { Plugin as DoublePlugin } from '../../__mocks__/obsidian-double/component';
import { FileManager } from '../../__mocks__/obsidian-double/file-manager';
import { MetadataCache } from '../../__mocks__/obsidian-double/metadata-cache';
import { SecretStorage } from '../../__mocks__/obsidian-double/ui';
import { Vault } from '../../__mocks__/obsidian-double/vault';
import { setIcon, type SettingTab } from './ui';
import { Workspace } from './workspace';

export class App {
  readonly vault: Vault;
  readonly metadataCache: MetadataCache;
  readonly fileManager: FileManager;
  readonly workspace: Workspace;
  readonly secretStorage = new SecretStorage();
  readonly commands = new CommandRegistry();
  readonly pluginData = new Map<string, unknown>();
  /** The page's chrome: the ribbon and the status bar. */
  readonly ribbonEl: HTMLElement;
  readonly statusBarEl: HTMLElement;
  readonly settingTabs: SettingTab[] = [];
  private readonly localStorage = new Map<string, unknown>();
  keymap = {};
  scope = {};
  lastEvent = null;

  constructor() {
    this.vault = new Vault('Example vault');
    this.metadataCache = new MetadataCache(this.vault, 'deferred');
    this.fileManager = new FileManager(this.vault, this.metadataCache);
    this.workspace = new Workspace(this);
    this.ribbonEl = createDiv({ cls: 'workspace-ribbon side-dock-ribbon mod-left' });
    this.statusBarEl = createDiv({ cls: 'status-bar' });
  }
  isDarkMode(): boolean {
    return document.body.hasClass('theme-dark');
  }
  loadLocalStorage(key: string): unknown {
    return this.localStorage.get(key) ?? null;
  }
  saveLocalStorage(key: string, data: unknown): void {
    if (data === null) this.localStorage.delete(key);
    else this.localStorage.set(key, data);
  }
  /** Loads a plugin as the app does: `onload` awaited, then the layout is ready. */
  async enablePlugin(plugin: Plugin): Promise<void> {
    plugin._loaded = true;
    await plugin.onload();
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
    this.page.settingTabs.push(tab as SettingTab);
    this.register(() => this.page.settingTabs.splice(this.page.settingTabs.indexOf(tab as SettingTab), 1));
  }
  override registerEditorExtension(ext: unknown): void {
    super.registerEditorExtension(ext);
    const list = this.page.workspace.registeredExtensions;
    list.push(ext as never);
    this.page.workspace.updateOptions();
    this.register(() => {
      list.splice(list.indexOf(ext as never), 1);
      this.page.workspace.updateOptions();
    });
  }
}
