/**
 * A readiness panel in the test double's workspace: the app built from a file tree, the view
 * registered with recording dependencies, helpers to open notes and read the panel's text.
 */
import type { App as ObsidianApp } from 'obsidian';
import { App, type WorkspaceLeaf as DoubleLeaf } from '../../__mocks__/obsidian';
import { DEFAULT_SETTINGS, type Settings } from '../../../src/core/contracts/settings';
import type { PlanState } from '../../../src/core/generation/plan-state';
import type { VaultPort } from '../../../src/core/vault/vault-port';
import { ObsidianVault } from '../../../src/obsidian/ObsidianVault';
import { activateReadinessView, READINESS_VIEW_TYPE, ReadinessView, type PlanAllProgressSource, type PlanProgressSource } from '../../../src/obsidian/readiness';
import { buildApp, type FileTree } from '../../support/obsidian-app';

export class FakeProgress implements PlanProgressSource {
  private readonly states = new Map<string, PlanState>();
  readonly subscribers = new Set<() => void>();
  get(path: string): PlanState | null {
    return this.states.get(path) ?? null;
  }
  onChange(cb: () => void): () => void {
    this.subscribers.add(cb);
    return () => this.subscribers.delete(cb);
  }
  set(path: string, state: PlanState): void {
    this.states.set(path, state);
    this.subscribers.forEach((cb) => cb());
  }
}

export interface Panel {
  app: ObsidianApp;
  double: App;
  progress: FakeProgress;
  planned: string[];
  /** Notes whose run the panel's Cancel button asked to stop. */
  cancelled: string[];
  opened: Array<{ path: string; line: number }>;
  /** Opens a note in a main leaf, as clicking it in the file explorer does. */
  open(path: string): Promise<void>;
  /** Opens the panel (after any notes) and returns its view. */
  activate(): Promise<ReadinessView>;
  view(): ReadinessView;
  root(): HTMLElement;
}

export function makePanel(tree: FileTree, opts: { settings?: Settings; vault?: (v: VaultPort) => VaultPort; allProgress?: PlanAllProgressSource } = {}): Panel {
  const { app, double } = buildApp(tree);
  const base = new ObsidianVault(app, 50);
  const progress = new FakeProgress();
  const planned: string[] = [];
  const cancelled: string[] = [];
  const opened: Array<{ path: string; line: number }> = [];
  double.workspace.viewCreators.set(
    READINESS_VIEW_TYPE,
    (leaf) =>
      new ReadinessView(leaf as never, {
        vault: opts.vault ? opts.vault(base) : base,
        settings: () => opts.settings ?? DEFAULT_SETTINGS,
        progress,
        planWorkstream: (id) => planned.push(id),
        cancelPlan: (path) => cancelled.push(path),
        planAll: (near, resume) => planned.push(resume ? 'resume-all' : 'all'),
        cancelAll: () => cancelled.push('all'),
        allProgress: opts.allProgress ?? { get: () => ({ running: false, rows: new Map(), line: null }), onChange: () => () => undefined },
        openNoteAtLine: (path, line) => opened.push({ path, line }),
      }),
  );
  const view = (): ReadinessView => {
    const v = double.workspace.getLeavesOfType(READINESS_VIEW_TYPE)[0]?.view as unknown;
    if (!(v instanceof ReadinessView)) throw new Error('no readiness view');
    return v;
  };
  return {
    app,
    double,
    progress,
    planned,
    cancelled,
    opened,
    async open(path) {
      const file = double.vault.getFileByPath(path);
      if (!file) throw new Error(`no file ${path}`);
      const existing = double.workspace.leaves.find((l: DoubleLeaf) => l.side === 'main');
      await (existing ?? double.workspace.getLeaf()).openFile(file);
    },
    async activate() {
      // buildApp's seeding leaves one round of `changed` events pending: let it pass first.
      await double.metadataCache.settle();
      await activateReadinessView(app);
      return view();
    },
    view,
    root: () => view().contentEl,
  };
}

/** Polls until `check` stops throwing (real timers: the vault's index and the panel's debounce). */
export async function eventually(check: () => void, timeoutMs = 3000): Promise<void> {
  const start = Date.now();
  for (;;) {
    try {
      check();
      return;
    } catch (e) {
      if (Date.now() - start > timeoutMs) throw e;
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

export const texts = (root: HTMLElement, selector: string): string[] =>
  [...root.querySelectorAll(selector)].map((e) => e.textContent ?? '');
