/**
 * The tabs that show a note. A background tab may be deferred (since 1.7.2): its `view` is no
 * `MarkdownView` until it is shown, but its view state names the file (docs "Defer views").
 */
import { MarkdownView, type App, type WorkspaceLeaf } from 'obsidian';

/** A tab showing `path`, loaded or deferred, or null. */
export function tabShowing(app: App, path: string): WorkspaceLeaf | null {
  for (const leaf of app.workspace.getLeavesOfType('markdown')) {
    if (leaf.view instanceof MarkdownView && leaf.view.file?.path === path) return leaf;
    if (leaf.getViewState().state?.['file'] === path) return leaf;
  }
  return null;
}

/**
 * Saves every editor showing `path`, so the file holds what the user typed (Obsidian autosaves about
 * 2 s after the last keystroke): a rewrite of the file that follows then keeps it.
 */
export async function saveOpenEditors(app: App, path: string): Promise<void> {
  for (const leaf of app.workspace.getLeavesOfType('markdown')) {
    const view = leaf.view;
    if (view instanceof MarkdownView && view.file?.path === path) await view.save();
  }
}
