/**
 * The readiness side panel. It follows the active note and shows, for a workstream plan, the
 * checker's items (live while the note is edited) and the generation progress; for the meso plan
 * or the overall micro plan, the workstream table with a Plan button per row; for anything else,
 * what to do next. The constructor only stores its dependencies: views are restored at startup.
 */
import { debounce, ItemView, type Debouncer, type TFile, type WorkspaceLeaf } from 'obsidian';
import type { Settings } from '../../core/contracts/settings';
import type { PlanState } from '../../core/generation/plan-state';
import { checkPlanNote } from '../../core/planner/check-plan-note';
import { listWorkstreams } from '../../core/planner/list-workstreams';
import { folderOfPath } from '../note-folder';
import type { VaultPort } from '../../core/vault/vault-port';
import { outputFolder } from '../../core/writer/note-paths';
import { describeError, describeUnexpected } from '../describe-error';
import { withLiveText } from './live-text';
import {
  classifyNote,
  emptyModel,
  itemsModel,
  progressModel,
  staleModel,
  workstreamRows,
  type EmptyModel,
  type ItemsModel,
  type StaleModel,
  type WorkstreamRow,
} from './readiness-model';
import { renderEmpty, renderError, renderWarnings } from './render-empty';
import { renderItems } from './render-items';
import { renderProgress } from './render-progress';
import { renderStale } from './render-stale';
import { PLANNER_INSTRUCTIONS } from '../../prompts';
import { renderWorkstreams } from './render-workstreams';
import { planAllBar, type PlanAllProgressSource } from './plan-all-model';
import { batchedInFlight } from '../../core/planner/claude/plan-all';

export const READINESS_VIEW_TYPE = 'wp-readiness-view';
export const READINESS_VIEW_ICON = 'list-checks';

/** How long the panel waits after the last edit before it re-checks the note, in milliseconds. */
export const REFRESH_DEBOUNCE_MS = 300;

/** Where the panel reads the progress of a plan being generated; `onChange` returns its unsubscribe. */
export interface PlanProgressSource {
  get(notePath: string): PlanState | null;
  onChange(cb: () => void): () => void;
}

export interface ReadinessViewDeps {
  vault: VaultPort;
  settings: () => Settings;
  progress: PlanProgressSource;
  /** Starts (or re-plans, or resumes) a workstream, as the "Plan workstream" command does. */
  /** Plans a workstream of the planning set in `near` (the folder of the note the panel shows), when it is one. */
  planWorkstream(id: string, near?: string): void;
  /** Stops the run writing the note at `path` (the progress's Cancel button). */
  cancelPlan(path: string): void;
  /** Opens the note with the cursor on `line` (1-based, as the checker reports it). */
  openNoteAtLine(path: string, line: number): void;
  /** "Plan all workstreams" of the planning set in `near`; with `resume`, "Resume planning". */
  planAll(near: string | undefined, resume: boolean): void;
  /** Cancel of "Plan all workstreams": the run in this window, if any, and the batches the notes record. */
  cancelAll(near: string | undefined): void;
  /** The progress of a "Plan all workstreams" run, by workstream. */
  allProgress: PlanAllProgressSource;
}

/** What the panel shows; kept so progress updates can redraw without new I/O. */
export type PanelState =
  | { kind: 'empty'; path: string | null; model: EmptyModel }
  | { kind: 'plan'; path: string; items: ItemsModel; stale: StaleModel | null; warnings: string[] }
  | { kind: 'workstreams'; path: string; rows: WorkstreamRow[]; warnings: string[]; /** Workstreams still planned in batches by a run that stopped. */ inFlight: string[] }
  | { kind: 'error'; path: string | null; message: string };

export class ReadinessView extends ItemView {
  private notePath: string | null = null;
  /** The editor's text of the open note when it is ahead of the saved file. */
  /** The editor showing the note while it is being typed in: its text is read when the check runs, not per keystroke. */
  private liveText: { path: string; editor: { getValue(): string } } | null = null;
  private state: PanelState | null = null;
  /** Bumped by every refresh (and on close), so a slow earlier check cannot overwrite a newer one. */
  private generation = 0;
  private progressSlot: HTMLElement | null = null;
  private readonly scheduleRefresh: Debouncer<[], void>;

  constructor(
    leaf: WorkspaceLeaf,
    private readonly deps: ReadinessViewDeps,
  ) {
    super(leaf);
    this.icon = READINESS_VIEW_ICON;
    this.scheduleRefresh = debounce(() => void this.refresh(), REFRESH_DEBOUNCE_MS, true);
  }

  getViewType(): string {
    return READINESS_VIEW_TYPE;
  }

  getDisplayText(): string {
    return 'Workstream readiness';
  }

  getIcon(): string {
    return READINESS_VIEW_ICON;
  }

  /** The note the panel is about, and what it shows (for tests and commands). */
  get current(): { path: string | null; state: PanelState | null } {
    return { path: this.notePath, state: this.state };
  }

  protected async onOpen(): Promise<void> {
    this.contentEl.addClass('wp-readiness');
    const { workspace, metadataCache, vault } = this.app;
    this.registerEvent(
      workspace.on('active-leaf-change', (leaf) => {
        // Focusing the panel itself must not make it forget the note it is about.
        if (leaf !== this.leaf) this.followActiveFile();
      }),
    );
    this.registerEvent(workspace.on('file-open', () => this.followActiveFile()));
    this.registerEvent(
      workspace.on('editor-change', (editor, info) => {
        const path = info.file?.path;
        if (path === undefined || path !== this.notePath || this.state?.kind !== 'plan') return;
        this.liveText = { path, editor };
        this.scheduleRefresh();
      }),
    );
    this.registerEvent(metadataCache.on('changed', (file, _data, cache) => this.onIndexed(file, cache.frontmatter ?? null)));
    this.registerEvent(
      vault.on('rename', (file, oldPath) => {
        if (oldPath !== this.notePath) return;
        this.notePath = file.path;
        this.liveText = null;
        void this.refresh();
      }),
    );
    this.registerEvent(
      vault.on('delete', (file) => {
        if (file.path !== this.notePath) return;
        this.notePath = null;
        this.liveText = null;
        void this.refresh();
      }),
    );
    this.register(this.deps.progress.onChange(() => this.redrawProgress()));
    let wasRunning = this.deps.allProgress.get().running;
    this.register(
      this.deps.allProgress.onChange(() => {
        const running = this.deps.allProgress.get().running;
        // The run ended: the notes say what it wrote. While it runs, the table redraws from what is known.
        if (wasRunning && !running) void this.refresh();
        else if (this.state?.kind === 'workstreams') this.render();
        wasRunning = running;
      }),
    );
    this.register(() => this.scheduleRefresh.cancel());
    this.notePath = workspace.getActiveFile()?.path ?? null;
    await this.refresh();
  }

  protected async onClose(): Promise<void> {
    this.generation++;
    this.scheduleRefresh.cancel();
    this.progressSlot = null;
    this.contentEl.empty();
  }

  /** Re-reads the note and redraws the panel now (the debounced path ends here too). */
  async refresh(): Promise<void> {
    this.scheduleRefresh.cancel();
    const generation = ++this.generation;
    const next = await this.compute(this.notePath);
    if (generation !== this.generation) return;
    this.state = next;
    this.render();
  }

  private followActiveFile(): void {
    const path = this.app.workspace.getActiveFile()?.path ?? null;
    if (path === this.notePath) return;
    this.notePath = path;
    this.liveText = null;
    void this.refresh();
  }

  /** The metadata cache caught up with a saved note: re-check when it matters to what is shown. */
  private onIndexed(file: TFile, frontmatter: Record<string, unknown> | null): void {
    const state = this.state;
    if (!state || this.notePath === null) return;
    if (file.path === this.notePath) {
      // The saved file now holds what the editor had (or newer): read it from the vault again.
      this.liveText = null;
      this.scheduleRefresh();
      return;
    }
    if (state.kind !== 'plan' && state.kind !== 'workstreams') return;
    const settings = this.deps.settings();
    const planningNote = classifyNote(file.path, frontmatter, settings) === 'planning-set';
    const folder = outputFolder(settings);
    const inOutput = folder === '' ? !file.path.includes('/') : file.path.startsWith(`${folder}/`);
    // A plan depends on the planning notes and (for staleness) its upstream plans; the table also on every plan's status.
    if (planningNote || inOutput) this.scheduleRefresh();
  }

  private async compute(path: string | null): Promise<PanelState> {
    const settings = this.deps.settings();
    if (path === null) return { kind: 'empty', path, model: emptyModel(null, settings) };
    try {
      const base = this.deps.vault;
      const live = this.liveText;
      const vault = live && live.path === path ? withLiveText(base, path, live.editor.getValue()) : base;
      const meta = await vault.meta(path);
      const kind = classifyNote(path, meta.frontmatter, settings);
      if (kind === 'plan') {
        const checked = await checkPlanNote(vault, settings, path, { builtInInstructions: PLANNER_INSTRUCTIONS });
        if (!checked.ok) return { kind: 'error', path, message: describeError(checked.error) };
        const { report, warnings, staleness, workstreamId } = checked.value;
        return { kind: 'plan', path, items: itemsModel(report), stale: staleModel(workstreamId, staleness), warnings: warnings.map((w) => w.message) };
      }
      if (kind === 'planning-set') {
        // The meso or micro plan shown is in its planning set's folder: list that set's workstreams.
        const near = folderOfPath(path);
        const listed = await listWorkstreams(vault, settings, { ...(near ? { near } : {}), builtInInstructions: PLANNER_INSTRUCTIONS });
        if (!listed.ok) return { kind: 'error', path, message: describeError(listed.error) };
        const inFlight = await batchedInFlight(vault, listed.value.workstreams);
        return { kind: 'workstreams', path, rows: workstreamRows(listed.value.workstreams), warnings: listed.value.warnings.map((w) => w.message), inFlight };
      }
      return { kind: 'empty', path, model: emptyModel(path, settings) };
    } catch (e) {
      // A bug, not a user error: one sentence in the panel, the details in the console.
      console.error(e);
      return { kind: 'error', path, message: describeUnexpected(e) };
    }
  }

  private render(): void {
    const root = this.contentEl;
    root.empty();
    this.progressSlot = null;
    const state = this.state;
    if (!state) return;
    if (state.path !== null) root.createDiv({ cls: 'wp-readiness__note', text: state.path });
    switch (state.kind) {
      case 'empty':
        renderEmpty(root, state.model);
        return;
      case 'error':
        renderError(root, state.message);
        return;
      case 'plan': {
        this.progressSlot = root.createDiv({ cls: 'wp-readiness__progress-slot' });
        this.drawProgress(state.path);
        const path = state.path;
        if (state.stale) renderStale(root, state.stale, (id) => this.deps.planWorkstream(id));
        renderItems(root, state.items, (line) => this.deps.openNoteAtLine(path, line));
        renderWarnings(root, state.warnings);
        return;
      }
      case 'workstreams': {
        const near = folderOfPath(state.path) || undefined;
        const snapshot = this.deps.allProgress.get();
        // While a run goes on here, the notes' batch records are its own, not a stopped run's.
        const bar = planAllBar(snapshot, snapshot.running ? [] : state.inFlight);
        renderWorkstreams(root, state.rows, (id) => this.deps.planWorkstream(id, near), {
          bar,
          progress: snapshot.rows,
          act: (action) => (action === 'cancel' ? this.deps.cancelAll(near) : this.deps.planAll(near, action === 'resume')),
        });
        renderWarnings(root, state.warnings);
        return;
      }
    }
  }

  private redrawProgress(): void {
    if (this.state?.kind === 'plan') this.drawProgress(this.state.path);
  }

  /** What the progress area last showed, so text streaming in (many events a second) redraws nothing new. */
  private shownProgress = '';

  private drawProgress(path: string): void {
    const slot = this.progressSlot;
    if (!slot) return;
    const progress = this.deps.progress.get(path);
    const model = progress && progress.phase !== 'idle' ? progressModel(progress) : null;
    const key = model ? JSON.stringify([model.summary, model.currentLabel, model.units.map((u) => u.status)]) : '';
    if (key === this.shownProgress && slot.childElementCount > 0) return;
    this.shownProgress = key;
    slot.empty();
    if (model) renderProgress(slot, model, () => this.deps.cancelPlan(path));
  }
}
