/**
 * Test double for the `obsidian` module (jest.config.js maps `^obsidian$` here). The app's types come
 * from node_modules/obsidian; this file gives the runtime, backed by an in-memory vault. Parts live in
 * ./obsidian-double/, one per area. Double-only helpers (not in obsidian.d.ts) are marked "Double only";
 * tests reach them by importing this file directly (see test/support/obsidian-app.ts).
 */
// Plugins always run where `window` exists (Electron's renderer, the mobile WebView); tests in the node
// environment get the global object as `window`, so `window.setTimeout` and kin behave as in the app.
(globalThis as { window?: unknown }).window ??= globalThis;
import type { Debouncer } from 'obsidian';
export { App, CommandRegistry } from './obsidian-double/app';
export { Component, Plugin, DEFAULT_MANIFEST } from './obsidian-double/component';
export { LiteElement, makeEl } from './obsidian-double/dom';
export { Events } from './obsidian-double/events';
export { FileManager } from './obsidian-double/file-manager';
export { TAbstractFile, TFile, TFolder, createTFile } from './obsidian-double/files';
export { MetadataCache } from './obsidian-double/metadata-cache';
export { computeMetadata } from './obsidian-double/markdown-cache';
export { Platform, request, requestLog, requestUrl, setRequestUrlHandler } from './obsidian-double/network';
export { getLinkpath, normalizePath, parseLinktext } from './obsidian-double/paths';
export {
  AbstractInputSuggest,
  BaseComponent,
  ButtonComponent,
  DropdownComponent,
  FuzzySuggestModal,
  Modal,
  Notice,
  PluginSettingTab,
  SecretComponent,
  SecretStorage,
  Setting,
  SettingTab,
  SuggestModal,
  TextAreaComponent,
  TextComponent,
  ToggleComponent,
  setIcon,
  setTooltip,
} from './obsidian-double/ui';
export { Vault } from './obsidian-double/vault';
export { ItemView, View, Workspace, WorkspaceLeaf } from './obsidian-double/workspace';
export { CmEditor, DeferredView, HeadlessView, MarkdownView, editorEditorField, editorInfoField, editorLivePreviewField, editorViewField } from './obsidian-double/markdown-view';
export { getFrontMatterInfo, parseYaml, stringifyYaml } from './obsidian-double/yaml';

/** `window.setTimeout`-style `sleep`, a global in the app, exported here for convenience. */
export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Obsidian's `debounce` (obsidian.d.ts `debounce`, `Debouncer`): the same signature, so it conforms without a cast. */
export function debounce<T extends unknown[], V = void>(cb: (...args: [...T]) => V, timeout = 0, resetTimer = false): Debouncer<T, V> {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastArgs: T | null = null;
  const run = (): V | void => {
    timer = null;
    if (lastArgs) return cb(...lastArgs);
  };
  const d = ((...args: [...T]) => {
    lastArgs = args as T;
    if (timer && resetTimer) clearTimeout(timer);
    if (!timer || resetTimer) timer = setTimeout(run, timeout);
    return d;
  }) as Debouncer<T, V>;
  d.cancel = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    return d;
  };
  d.run = () => {
    if (timer) clearTimeout(timer);
    return run();
  };
  return d;
}
