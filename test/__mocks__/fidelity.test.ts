/**
 * The double must keep the real API's shapes for everything the plugin uses. Under tsc (run by
 * `npm test`), `obsidian` is the real obsidian.d.ts while `./obsidian` is the double: each line below
 * fails to compile when the double's signature drifts from the real one.
 */
import type * as Real from 'obsidian';
import * as Double from './obsidian';

/** Compiles only when A is assignable to B. */
const conforms = <B>(a: B): B => a;

// Functions, as the plugin calls them.
conforms<typeof Real.normalizePath>(Double.normalizePath);
conforms<typeof Real.debounce>(Double.debounce);
conforms<(parent: HTMLElement, iconId: string) => void>(Double.setIcon);
conforms<(request: Real.RequestUrlParam | string) => Promise<Pick<Real.RequestUrlResponse, 'status' | 'text' | 'headers' | 'arrayBuffer'>>>(Double.requestUrl);

// Classes are not checked member by member here: each file object points back at its vault, so the
// double's object graph would have to be the whole app to conform structurally. Their behaviour is
// pinned by the double's own tests (obsidian.test.ts) and by hand-written CachedMetadata fixtures.

describe('the obsidian double', () => {
  it('exports every runtime value the plugin imports from obsidian', () => {
    const used = ['AbstractInputSuggest', 'FuzzySuggestModal', 'ItemView', 'MarkdownView', 'Modal', 'Notice', 'Plugin', 'PluginSettingTab', 'SecretComponent', 'Setting', 'TFile', 'TFolder', 'TextComponent', 'WorkspaceLeaf', 'debounce', 'editorInfoField', 'editorLivePreviewField', 'normalizePath', 'requestUrl', 'setIcon'];
    const missing = used.filter((name) => (Double as Record<string, unknown>)[name] === undefined);
    expect(missing).toEqual([]);
  });
});
