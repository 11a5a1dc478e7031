/**
 * Opening the panel, and opening a note at a line for its items. Neither keeps a reference to the
 * view: the leaf is looked up by type every time, and may hold a deferred view until revealed.
 */
import { MarkdownView, normalizePath, type App, type WorkspaceLeaf } from 'obsidian';
import { READINESS_VIEW_TYPE } from './ReadinessView';
import { tabShowing } from '../open-views';

/** Shows the readiness panel: the existing leaf of its type, else a new one in the right sidebar. */
export async function activateReadinessView(app: App): Promise<WorkspaceLeaf> {
  const { workspace } = app;
  const existing = workspace.getLeavesOfType(READINESS_VIEW_TYPE)[0];
  if (existing) {
    await workspace.revealLeaf(existing);
    return existing;
  }
  const leaf = workspace.getRightLeaf(false);
  if (!leaf) {
    // No right sidebar to split (getRightLeaf is nullable): let the workspace make one.
    return workspace.ensureSideLeaf(READINESS_VIEW_TYPE, 'right', { active: true, reveal: true });
  }
  await leaf.setViewState({ type: READINESS_VIEW_TYPE, active: true });
  await workspace.revealLeaf(leaf);
  return leaf;
}

/**
 * Opens `path` with the cursor on `line` (1-based, as the checker reports it), in the tab that
 * already shows it when there is one. Does nothing when the note no longer exists.
 */
export async function openNoteAtLine(app: App, path: string, line: number): Promise<void> {
  const file = app.vault.getFileByPath(normalizePath(path));
  if (!file) return;
  const { workspace } = app;
  // A deferred background tab of the note counts too (its view state names the file): opening the
  // file in it loads it, rather than a second tab.
  const leaf = tabShowing(app, file.path) ?? workspace.getLeaf(false);
  const zeroBased = Math.max(0, line - 1);
  await leaf.openFile(file, { active: true, eState: { line: zeroBased } });
  if (leaf.view instanceof MarkdownView) {
    leaf.view.editor.setCursor({ line: zeroBased, ch: 0 });
    leaf.view.editor.scrollIntoView({ from: { line: zeroBased, ch: 0 }, to: { line: zeroBased, ch: 0 } }, true);
  }
}
