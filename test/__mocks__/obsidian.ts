/**
 * Test double for the `obsidian` module (jest.config.js maps `^obsidian$` here). The app's types come
 * from node_modules/obsidian; this file gives the runtime, backed by an in-memory vault. Parts live in
 * ./obsidian-double/, one per area. Double-only helpers (not in obsidian.d.ts) are marked "Double only";
 * tests reach them by importing this file directly (see test/support/obsidian-app.ts).
 */
// Plugins always run where `window` exists (Electron's renderer, the mobile WebView); tests in the node
// environment get the global object as `window`, so `window.setTimeout` and kin behave as in the app.
(globalThis as { window?: unknown }).window ??= globalThis;
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
export { ItemView, MarkdownView, StringEditor, View, Workspace, WorkspaceLeaf } from './obsidian-double/workspace';
export { getFrontMatterInfo, parseYaml, stringifyYaml } from './obsidian-double/yaml';

/** `window.setTimeout`-style `sleep`, a global in the app, exported here for convenience. */
export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export function debounce<T extends unknown[]>(cb: (...args: T) => unknown, timeout = 0, resetTimer = false) {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastArgs: T | null = null;
  const run = (): void => {
    timer = null;
    if (lastArgs) cb(...lastArgs);
  };
  const d = (...args: T) => {
    lastArgs = args;
    if (timer && resetTimer) clearTimeout(timer);
    if (!timer || resetTimer) timer = setTimeout(run, timeout);
    return d;
  };
  d.cancel = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    return d;
  };
  d.run = () => {
    if (timer) clearTimeout(timer);
    run();
  };
  return d;
}

/**
 * Obsidian's CodeMirror state fields: which file an editor shows, and whether it is in Live Preview.
 * In the app they are filled by the editor; in the double they hold null / true unless a test sets them.
 */
import { StateField } from '@codemirror/state';
export const editorInfoField = StateField.define<unknown>({ create: () => null, update: (v) => v });
export const editorLivePreviewField = StateField.define<boolean>({ create: () => true, update: (v) => v });
