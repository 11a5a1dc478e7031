/** `App` wiring the double's parts together, plus a command registry and plugin data store. */
import type { DoubleCommand, Plugin } from './component';
import { FileManager } from './file-manager';
import { MetadataCache } from './metadata-cache';
import { SecretStorage } from './ui';
import { Vault } from './vault';
import { Workspace } from './workspace';

export class CommandRegistry {
  readonly commands = new Map<string, DoubleCommand>();
  add(c: DoubleCommand): void {
    this.commands.set(c.id, c);
  }
  remove(id: string): void {
    this.commands.delete(id);
  }
  /**
   * Double only: run a command as the palette would. Returns false when the command is hidden
   * (its check callback says it cannot run now) or needs an editor and none is active.
   */
  execute(id: string, app: App): boolean {
    const c = this.commands.get(id);
    if (!c) throw new Error(`No command ${id}; have: ${[...this.commands.keys()].join(', ')}`);
    const active = app.workspace.activeEditor;
    if (c.editorCheckCallback || c.editorCallback) {
      if (!active?.editor) return false;
      if (c.editorCheckCallback) {
        if (!c.editorCheckCallback(true, active.editor, active)) return false;
        c.editorCheckCallback(false, active.editor, active);
      } else c.editorCallback!(active.editor, active);
      return true;
    }
    if (c.checkCallback) {
      if (!c.checkCallback(true)) return false;
      c.checkCallback(false);
      return true;
    }
    c.callback?.();
    return true;
  }
}

/**
 * The app. `W` is its workspace: the double's by default; the browser harness passes its own (tabs,
 * a sidebar, CodeMirror editors) and reuses the rest.
 */
export class App<W = Workspace> {
  readonly vault: Vault;
  readonly metadataCache: MetadataCache;
  readonly fileManager: FileManager;
  readonly workspace: W;
  readonly secretStorage = new SecretStorage();
  readonly commands = new CommandRegistry();
  /** Double only: `data.json` of each plugin, by plugin id. */
  readonly pluginData = new Map<string, unknown>();
  private readonly localStorage = new Map<string, unknown>();
  keymap = {};
  scope = {};
  lastEvent = null;

  constructor(options: { vaultName?: string } = {}, makeWorkspace?: (app: App<W>) => W) {
    this.vault = new Vault(options.vaultName);
    this.metadataCache = new MetadataCache(this.vault);
    this.fileManager = new FileManager(this.vault, this.metadataCache);
    this.workspace = makeWorkspace ? makeWorkspace(this) : (new Workspace(this as unknown as App) as unknown as W);
  }

  isDarkMode(): boolean {
    return false;
  }
  loadLocalStorage(key: string): any | null {
    return this.localStorage.get(key) ?? null;
  }
  saveLocalStorage(key: string, data: unknown | null): void {
    if (data === null) this.localStorage.delete(key);
    else this.localStorage.set(key, data);
  }

  /** Double only: enable a plugin as the app does (load, await `onload`). */
  async enablePlugin(plugin: Plugin): Promise<void> {
    plugin._loaded = true;
    await plugin.onload();
  }
}
