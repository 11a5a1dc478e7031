/**
 * The `obsidian` module as the page gives it to the built `main.js` (through the `require` shim in
 * page.ts): the jest double's vault, metadata cache, file manager, paths and YAML helpers, which run
 * unchanged in a browser, and its notices, modals, suggesters and settings rows, which build real
 * elements here; plus browser versions of the app (its chrome), the workspace and editor, and
 * `requestUrl`, and Obsidian's DOM helpers on `HTMLElement.prototype`.
 */
import '../../support/obsidian-dom';
import { page } from '../../__mocks__/obsidian-double/dom';
export { App, Plugin } from './app';
export { Component } from '../../__mocks__/obsidian-double/component';
export { Events } from '../../__mocks__/obsidian-double/events';
export { FileManager } from '../../__mocks__/obsidian-double/file-manager';
export { TAbstractFile, TFile, TFolder } from '../../__mocks__/obsidian-double/files';
export { MetadataCache } from '../../__mocks__/obsidian-double/metadata-cache';
export { Platform } from '../../__mocks__/obsidian-double/network';
export { getLinkpath, normalizePath, parseLinktext } from '../../__mocks__/obsidian-double/paths';
// The UI classes are the jest double's own: one implementation, real DOM elements in the page.
export * from '../../__mocks__/obsidian-double/ui';
export { Vault } from '../../__mocks__/obsidian-double/vault';
export { getFrontMatterInfo, parseYaml, stringifyYaml } from '../../__mocks__/obsidian-double/yaml';
export { debounce } from '../../__mocks__/obsidian';
export { CmEditor, ItemView, MarkdownView, View, Workspace, WorkspaceLeaf, editorEditorField, editorInfoField, editorLivePreviewField, editorViewField } from './workspace';
export { requestUrl, request } from './request-url';

// The double's elements are the page's: modals and notices show, icons are drawn, suggesters pop up.
page.live = true;

export const sleep = (ms: number): Promise<void> => new Promise((r) => window.setTimeout(r, ms));
export const apiVersion = '1.13.1';
