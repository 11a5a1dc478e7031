/**
 * The harness page's script (bundled for the browser by scripts/e2e.mjs). `window.wpHarness.boot()`
 * builds the app over the vault files it is given, then loads the UNMODIFIED built `main.js` as
 * Obsidian does: the file's text run as a CommonJS function with a `require` that answers
 * `obsidian`, `@codemirror/state` and `@codemirror/view` with the page's own modules (the same
 * CodeMirror instances the harness's editors use). Ctrl+P opens a command palette over the
 * registered commands; `openSettings()` shows the plugin's settings tab in a settings modal.
 */
import * as cmState from '@codemirror/state';
import * as cmView from '@codemirror/view';
import * as obsidian from './obsidian';
import { App } from './app';
import { FuzzySuggestModal, Modal, Notice, type PluginSettingTab } from '../../__mocks__/obsidian-double/ui';
import { MarkdownView } from './workspace';
import type { DoubleCommand } from '../../__mocks__/obsidian-double/component';

export interface BootOptions {
  /** Vault path → text. */
  files: Record<string, string>;
  manifest: { id: string; name: string; version: string; minAppVersion: string; author: string; description: string };
  /** The plugin's data.json. */
  data: Record<string, unknown>;
  /** Secrets in the app's secret storage, by id. */
  secrets: Record<string, string>;
  /** The note open in the main area at start. */
  open?: string;
  theme?: 'light' | 'dark';
}

/** The built plugin's module, required as Obsidian requires it. */
function loadPluginModule(code: string, url: string): { default: new (app: App, manifest: BootOptions['manifest']) => obsidian.Plugin } {
  const modules: Record<string, unknown> = { obsidian, '@codemirror/state': cmState, '@codemirror/view': cmView };
  const required: string[] = [];
  const shim = (id: string): unknown => {
    required.push(id);
    if (id in modules) return modules[id];
    throw new Error(`Cannot find module '${id}' (the page provides: ${Object.keys(modules).join(', ')})`);
  };
  const module = { exports: {} as Record<string, unknown> };
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- this is how the app evaluates a plugin's main.js
  const run = new Function('require', 'module', 'exports', `${code}\n//# sourceURL=${url}`) as (r: typeof shim, m: typeof module, e: unknown) => void;
  run(shim, module, module.exports);
  (window as unknown as { wpRequired: string[] }).wpRequired = required;
  return module.exports as never;
}

class CommandPalette extends FuzzySuggestModal<DoubleCommand> {
  constructor(
    app: App,
    private readonly available: DoubleCommand[],
  ) {
    super(app);
    this.modalEl.addClass('wp-harness-palette');
    this.setPlaceholder('Select a command...');
    this.emptyStateText = 'No commands found.';
  }
  getItems(): DoubleCommand[] {
    return this.available;
  }
  getItemText(c: DoubleCommand): string {
    return c.name;
  }
  onChooseItem(c: DoubleCommand): void {
    this.app.commands.execute(c.id, this.app as never);
  }
}

/** The commands the palette lists now: hidden ones (check callback false) are left out, as in the app. */
function availableCommands(app: App): DoubleCommand[] {
  return [...app.commands.commands.values()].filter((c) => {
    if (c.checkCallback) return c.checkCallback(true) === true;
    if (c.editorCheckCallback || c.editorCallback) {
      const active = app.workspace.activeEditor;
      if (!active?.editor) return false;
      return c.editorCheckCallback ? c.editorCheckCallback(true, active.editor, active) === true : true;
    }
    return true;
  });
}

class SettingsModal extends Modal {
  constructor(
    app: App,
    private readonly tab: PluginSettingTab,
  ) {
    super(app);
    this.modalEl.addClass('mod-settings');
  }
  onOpen(): void {
    this.modalEl.querySelector('.modal-header')?.remove();
    this.contentEl.addClass('vertical-tabs-container');
    const nav = this.contentEl.createDiv({ cls: 'vertical-tab-header' });
    nav.createDiv({ cls: 'vertical-tab-header-group-title', text: 'Community plugins' });
    // The sidebar entry is the name the tab took from the plugin's manifest, as in the app.
    nav.createDiv({ cls: 'vertical-tab-nav-item is-active', text: this.tab.name });
    const wrap = this.contentEl.createDiv({ cls: 'vertical-tab-content-container' });
    wrap.appendChild(this.tab.containerEl);
    this.tab.display();
  }
  onClose(): void {
    this.tab.hide();
  }
}

async function boot(opts: BootOptions): Promise<void> {
  document.body.addClass(opts.theme === 'dark' ? 'theme-dark' : 'theme-light');
  const app = new App();
  for (const [path, text] of Object.entries(opts.files)) {
    const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
    if (dir && !app.vault.getFolderByPath(dir)) app.vault.createFolderSync(dir);
    app.vault.createSync(path, text);
  }
  app.metadataCache.indexAll();
  for (const [id, secret] of Object.entries(opts.secrets)) app.secretStorage.setSecret(id, secret);
  app.pluginData.set(opts.manifest.id, opts.data);

  const root = document.body.createDiv({ cls: 'app-container' });
  const main = root.createDiv({ cls: 'horizontal-main-container' });
  main.appendChild(app.ribbonEl);
  main.appendChild(app.workspace.containerEl);
  root.appendChild(app.statusBarEl);
  const gear = app.ribbonEl.createDiv({ cls: 'clickable-icon side-dock-ribbon-action wp-harness-settings', attr: { 'aria-label': 'Settings' } });
  obsidian.setIcon(gear, 'settings');
  gear.addEventListener('click', () => openSettings());

  const res = await window.fetch('/main.js', { cache: 'no-store' });
  if (!res.ok) throw new Error(`main.js: ${res.status}`);
  const PluginClass = loadPluginModule(await res.text(), `${location.origin}/main.js`).default;
  const plugin = new PluginClass(app, opts.manifest);
  await app.enablePlugin(plugin);
  if (opts.open) {
    const file = app.vault.getFileByPath(opts.open);
    if (file) await app.workspace.getLeaf(false).openFile(file);
  }
  app.workspace.setLayoutReady();

  document.addEventListener('keydown', (evt) => {
    if ((evt.ctrlKey || evt.metaKey) && evt.key.toLowerCase() === 'p') {
      evt.preventDefault();
      new CommandPalette(app, availableCommands(app)).open();
    }
  });

  const openSettings = (): void => {
    const tab = app.settingTabs[0];
    if (!tab) throw new Error('The plugin added no settings tab.');
    new SettingsModal(app, tab).open();
  };

  Object.assign(harness, {
    app,
    plugin,
    openSettings,
    /** The text of a note on disk (undefined when missing). */
    peek: (path: string) => app.vault.peek(path),
    /** Replaces a note's text on disk, as another program or Sync would. */
    writeNote: async (path: string, text: string) => {
      const f = app.vault.getFileByPath(path);
      if (f) await app.vault.modify(f, text);
      else await app.vault.create(path, text);
      await app.metadataCache.settle();
    },
    /** The text of the editor showing `path`, or null. */
    editorText: (path: string) => {
      const leaf = app.workspace.getLeavesOfType('markdown').find((l) => (l.view as MarkdownView).file?.path === path);
      return leaf ? (leaf.view as MarkdownView).editor.getValue() : null;
    },
    activeFile: () => app.workspace.getActiveFile()?.path ?? null,
    runs: () => (plugin as unknown as { runner: { active: Array<{ id: string; note: string }> } }).runner.active.map((r) => ({ id: r.id, note: r.note })),
    setTheme: (theme: 'light' | 'dark') => {
      document.body.toggleClass('theme-dark', theme === 'dark');
      document.body.toggleClass('theme-light', theme === 'light');
    },
  });
}

const harness: Record<string, unknown> = {
  boot,
  /** Every notice's message, in order (a Notice hides itself after its duration). */
  get notices(): string[] {
    return Notice.shown.map((n) => n.message);
  },
};
(window as unknown as { wpHarness: typeof harness }).wpHarness = harness;
