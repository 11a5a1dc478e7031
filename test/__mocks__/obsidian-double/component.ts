/**
 * `Component` and `Plugin`. Every `register*`/`add*` is recorded; `unload()` runs the cleanups in
 * reverse, as the app does, and `leftovers()` lists what is still attached afterwards, so a test can
 * assert that disabling the plugin leaves nothing behind. Ledger:
 * - Command ids and names get the plugin's id and name in front (obsidian.d.ts:4949-4955).
 * - A status bar item is not shown on mobile (obsidian.d.ts:4941 "Not available on mobile"): the
 *   element exists, nobody sees it.
 * - `registerEditorExtension` reaches every editor, open now or later (obsidian.d.ts:5019).
 */
import type { App } from './app';
import type { DoubleEventRef } from './events';
import { childEl, makeEl } from './dom';

type DomTarget = { addEventListener(t: string, cb: any, o?: any): void; removeEventListener(t: string, cb: any, o?: any): void };

export class Component {
  _loaded = false;
  private cleanups: Array<() => unknown> = [];
  private readonly childrenComponents: Component[] = [];
  /** Double only: live registrations by kind. */
  readonly registered = { events: new Set<DoubleEventRef>(), domEvents: 0, intervals: new Set<number>() };

  load(): void {
    if (this._loaded) return;
    this._loaded = true;
    this.onload();
    for (const c of this.childrenComponents) c.load();
  }
  onload(): void | Promise<void> {}
  unload(): void {
    if (!this._loaded) return;
    this._loaded = false;
    for (const c of [...this.childrenComponents]) c.unload();
    const cleanups = this.cleanups.reverse();
    this.cleanups = [];
    for (const cb of cleanups) cb();
    this.onunload();
  }
  onunload(): void {}
  addChild<T extends Component>(component: T): T {
    this.childrenComponents.push(component);
    if (this._loaded) component.load();
    return component;
  }
  removeChild<T extends Component>(component: T): T {
    const i = this.childrenComponents.indexOf(component);
    if (i !== -1) {
      this.childrenComponents.splice(i, 1);
      component.unload();
    }
    return component;
  }
  register(cb: () => unknown): void {
    this.cleanups.push(cb);
  }
  registerEvent(ref: DoubleEventRef): void {
    this.registered.events.add(ref);
    this.register(() => {
      ref.events.offref(ref);
      this.registered.events.delete(ref);
    });
  }
  registerDomEvent(el: DomTarget, type: string, cb: (ev: any) => unknown, options?: boolean | AddEventListenerOptions): void {
    el.addEventListener(type, cb, options);
    this.registered.domEvents++;
    this.register(() => {
      el.removeEventListener(type, cb, options);
      this.registered.domEvents--;
    });
  }
  registerInterval(id: number): number {
    this.registered.intervals.add(id);
    this.register(() => {
      clearInterval(id);
      this.registered.intervals.delete(id);
    });
    return id;
  }
}

export interface PluginManifest {
  id: string;
  name: string;
  author: string;
  version: string;
  minAppVersion: string;
  description: string;
  dir?: string;
  isDesktopOnly?: boolean;
}

export interface DoubleCommand {
  id: string;
  name: string;
  callback?: () => unknown;
  checkCallback?: (checking: boolean) => boolean | void;
  editorCallback?: (editor: any, ctx: any) => unknown;
  editorCheckCallback?: (checking: boolean, editor: any, ctx: any) => boolean | void;
  [key: string]: unknown;
}

export const DEFAULT_MANIFEST: PluginManifest = {
  id: 'workstream-planner',
  name: 'Workstream Planner',
  author: 'test',
  version: '0.0.0',
  minAppVersion: '1.11.4',
  description: 'Test manifest.',
};

export abstract class Plugin extends Component {
  settings?: unknown;
  /** Double only: what the plugin has added, cleared on unload like the app does. */
  readonly added = {
    commands: new Map<string, DoubleCommand>(),
    ribbonIcons: [] as HTMLElement[],
    statusBarItems: [] as HTMLElement[],
    settingTabs: [] as unknown[],
    views: new Map<string, (leaf: any) => unknown>(),
    editorExtensions: [] as unknown[],
    postProcessors: [] as unknown[],
    codeBlockProcessors: new Map<string, unknown>(),
  };

  constructor(public app: App, public manifest: PluginManifest = DEFAULT_MANIFEST) {
    super();
  }

  onload(): void | Promise<void> {}
  onUserEnable(): void {}

  addCommand(command: DoubleCommand): DoubleCommand {
    const full = { ...command, id: `${this.manifest.id}:${command.id}`, name: `${this.manifest.name}: ${command.name}` };
    this.added.commands.set(command.id, full);
    this.app.commands.add(full);
    this.register(() => this.removeCommand(command.id));
    return full;
  }
  removeCommand(commandId: string): void {
    this.added.commands.delete(commandId);
    this.app.commands.remove(`${this.manifest.id}:${commandId}`);
  }
  addRibbonIcon(icon: string, title: string, callback: (evt: MouseEvent) => unknown): HTMLElement {
    const el = makeEl('div', 'side-dock-ribbon-action');
    (el as any).setAttr?.('aria-label', title) ?? el.setAttribute('aria-label', title);
    (el as any).setAttr?.('data-icon', icon) ?? el.setAttribute('data-icon', icon);
    el.addEventListener('click', callback as any);
    this.added.ribbonIcons.push(el);
    this.register(() => this.added.ribbonIcons.splice(this.added.ribbonIcons.indexOf(el), 1));
    return el;
  }
  addStatusBarItem(): HTMLElement {
    // Recorded on every platform; on mobile the app makes it but shows no status bar.
    const el = makeEl('div', 'status-bar-item');
    this.added.statusBarItems.push(el);
    this.register(() => this.added.statusBarItems.splice(this.added.statusBarItems.indexOf(el), 1));
    return el;
  }
  addSettingTab(tab: unknown): void {
    this.added.settingTabs.push(tab);
    this.register(() => this.added.settingTabs.splice(this.added.settingTabs.indexOf(tab), 1));
  }
  registerView(type: string, creator: (leaf: any) => unknown): void {
    this.added.views.set(type, creator);
    this.app.workspace.viewCreators.set(type, creator);
    this.register(() => {
      this.added.views.delete(type);
      this.app.workspace.viewCreators.delete(type);
    });
  }
  /** Every editor, open now or later, gets the extension (obsidian.d.ts:5019; editors are reconfigured). */
  registerEditorExtension(ext: unknown): void {
    this.added.editorExtensions.push(ext);
    const ws = this.app.workspace as unknown as { registeredExtensions: unknown[]; updateOptions(): void };
    ws.registeredExtensions.push(ext);
    ws.updateOptions();
    this.register(() => {
      this.added.editorExtensions.splice(this.added.editorExtensions.indexOf(ext), 1);
      ws.registeredExtensions.splice(ws.registeredExtensions.indexOf(ext), 1);
      ws.updateOptions();
    });
  }
  registerMarkdownPostProcessor<T>(pp: T, _sortOrder?: number): T {
    this.added.postProcessors.push(pp);
    this.register(() => this.added.postProcessors.splice(this.added.postProcessors.indexOf(pp), 1));
    return pp;
  }
  registerMarkdownCodeBlockProcessor(language: string, handler: unknown, _sortOrder?: number): unknown {
    this.added.codeBlockProcessors.set(language, handler);
    this.register(() => this.added.codeBlockProcessors.delete(language));
    return handler;
  }
  async loadData(): Promise<any> {
    const stored = this.app.pluginData.get(this.manifest.id);
    return stored === undefined ? null : structuredClone(stored);
  }
  async saveData(data: unknown): Promise<void> {
    this.app.pluginData.set(this.manifest.id, structuredClone(data));
  }

  /** Double only: what is still attached to the app or the plugin; empty after a clean unload. */
  leftovers(): string[] {
    const out: string[] = [];
    const a = this.added;
    if (a.commands.size) out.push(`commands: ${[...a.commands.keys()].join(', ')}`);
    if (a.ribbonIcons.length) out.push(`ribbon icons: ${a.ribbonIcons.length}`);
    if (a.statusBarItems.length) out.push(`status bar items: ${a.statusBarItems.length}`);
    if (a.settingTabs.length) out.push(`setting tabs: ${a.settingTabs.length}`);
    if (a.views.size) out.push(`views: ${[...a.views.keys()].join(', ')}`);
    if (a.editorExtensions.length) out.push(`editor extensions: ${a.editorExtensions.length}`);
    if (a.postProcessors.length) out.push(`post processors: ${a.postProcessors.length}`);
    if (a.codeBlockProcessors.size) out.push(`code block processors: ${a.codeBlockProcessors.size}`);
    if (this.registered.events.size) out.push(`events: ${[...this.registered.events].map((r) => r.name).join(', ')}`);
    if (this.registered.domEvents) out.push(`dom events: ${this.registered.domEvents}`);
    if (this.registered.intervals.size) out.push(`intervals: ${this.registered.intervals.size}`);
    return out;
  }
}

export { childEl };
