/**
 * Planning runs inside Obsidian: pick a workstream, decide between re-plan and resume, confirm what
 * is sent, then stream the plan into its note (live in an open editor, else through the vault). One
 * run per workstream at a time, each with its own AbortController: "Cancel planning", unloading the
 * plugin, or deleting/renaming the plan note stops it, and the note ends `interrupted`.
 */
import { MarkdownView, type App } from 'obsidian';
import { tabShowing } from '../open-views';
import { SETTING, SETTINGS_PLACE } from '../settings/setting-names';
import type { Settings } from '../../core/contracts/settings';
import { withMesoCalloutsMasked } from '../../core/escalation/meso-callouts';
import { syncMesoCallouts } from '../escalation/meso-sync';
import { planWithClaude, type ClaudeOutcome } from '../../core/planner/claude/plan-with-claude';
import { cancelPlanAll, planAll, type PlanAllOutcome } from '../../core/planner/claude/plan-all';
import { readBatchState } from '../../core/planner/claude/batch-state';
import { listWorkstreams, workstreamStatus, type WorkstreamListing } from '../../core/planner/list-workstreams';
import { planWorkstream } from '../../core/planner/plan-workstream';
import { forgottenBatchesFact } from '../../core/planner/error-facts';
import { listModels, redact } from '../../core/providers/anthropic';
import type { Timers } from '../../core/generation/timers';
import type { VaultPort } from '../../core/vault/vault-port';
import { planNotePath, withOutputFolder } from '../../core/writer/note-paths';
import { summarisePlanningSets } from '../../core/planner/list-planning-sets';
import { describePlanChanges } from '../../core/inputs/compare-plans';
import { PLANNER_INSTRUCTIONS } from '../../prompts';
import { CORS_BLOCKED_NOTICE, describeError, describeUnexpectedError } from '../describe-error';
import { ObsidianVault, waitForMetadataResolved } from '../ObsidianVault';
import { asEditorView, LiveNoteSink, routeNoteThroughSink, type FindEditor } from './editor-sink';
import { hasPlan, type PlanningSetChoice, type PlanningUi } from './modals';
import { buildPlanningClient } from './network';
import type { PlanProgressStore } from './progress';
import { PlanAllProgress } from './plan-all-progress';
import { RUN_STATUS_LABELS } from '../readiness';

export interface PlanningRunnerDeps {
  app: App;
  settings: () => Settings;
  progress: PlanProgressStore;
  ui: PlanningUi;
  /** Shows one message (a Notice in the app). */
  notify(message: string): void;
  timers: Timers;
  now: () => Date;
  /** Replaces the platform fetch (tests point it at a local server). */
  fetch?: typeof fetch;
  /** Replaces the workspace lookup of an editor showing the note (tests). */
  findEditor?: FindEditor;
  /** Called whenever a run starts or ends. */
  onRunsChanged?: () => void;
  /** Least time between two writes into the note, in ms. @default 250 */
  minIntervalMs?: number;
  /** Keeps the planning set chosen in the picker (its folder), to offer it first next time. */
  rememberPlanningSet?(folder: string): Promise<void>;
}

export interface ActiveRun {
  id: string;
  note: string;
  controller: AbortController;
  done: Promise<void>;
}

type RunMode = { force?: boolean; resume?: boolean };

/**
 * The editor showing `path` for editing, if any. A deferred background tab has no view yet and a tab
 * in Reading view shows rendered text, not its editor: both are left to the vault (the app shows what
 * the file holds when they are next looked at). `editor.cm` is untyped, so it is checked before use.
 */
export function workspaceEditorFinder(app: App): FindEditor {
  return (path) => {
    for (const leaf of app.workspace.getLeavesOfType('markdown')) {
      const view = leaf.view;
      if (!(view instanceof MarkdownView) || view.file?.path !== path || view.getMode() !== 'source') continue;
      const cm = asEditorView((view.editor as { cm?: unknown }).cm);
      if (cm) return { cm, save: () => view.save() };
    }
    return null;
  };
}

export class PlanningRunner {
  private readonly runs = new Map<string, ActiveRun>();
  /**
   * Workstreams whose run is being decided in a dialog (re-plan or resume, the offline offer): they
   * count as planned already, so a second button press cannot open a second dialog or start a second run.
   */
  private readonly asking = new Set<string>();
  private readonly findEditor: FindEditor;
  /** The "Plan all workstreams" run, if one is going on. */
  private allRun: { controller: AbortController; done: Promise<void>; near: string | undefined } | null = null;
  /** True while "Plan all workstreams" picks its planning set, before `allRun` is set. */
  private allStarting = false;
  /** Its progress by workstream (the readiness panel's table). */
  readonly allProgress = new PlanAllProgress();
  /** First wait between two looks at a batch, ms (the core's default when unset; tests make it short). */
  batchPollMs: number | undefined;

  constructor(private readonly deps: PlanningRunnerDeps) {
    this.findEditor = deps.findEditor ?? workspaceEditorFinder(deps.app);
  }

  /**
   * The vault the core reads and writes (meso callouts masked, as preparation requires). One adapter for
   * every run: it knows which of its writes the metadata cache has not indexed yet, so a run that reads a
   * note another run just wrote (Cancel after "Plan all workstreams") waits for the index, not a stale one.
   */
  private vault(): { base: ObsidianVault; masked: VaultPort } {
    this.adapter ??= new ObsidianVault(this.deps.app);
    return { base: this.adapter, masked: withMesoCalloutsMasked(this.adapter) };
  }
  private adapter: ObsidianVault | null = null;

  get active(): ActiveRun[] {
    return [...this.runs.values()];
  }

  isRunning(id: string): boolean {
    return this.runs.has(id);
  }

  /** Settles when every run started so far has finished. */
  async settled(): Promise<void> {
    while (this.runs.size > 0) await Promise.all([...this.runs.values()].map((r) => r.done));
  }

  /** "Plan workstream": the picker, then the chosen workstream's flow. Never rejects: failures become a Notice. */
  async pickAndPlan(): Promise<void> {
    return this.guard('Planning', () => this.pickAndPlanUnguarded());
  }

  /**
   * Plans one workstream by id (the panel's and the escalation callout's "Plan" buttons), of the
   * planning set in `near` (the folder of the note the button is in) when it is one. Never rejects.
   */
  async planById(id: string, near?: string): Promise<void> {
    return this.guard(`Planning ${id}`, () => this.planByIdUnguarded(id, near));
  }

  /** Callers fire these from buttons and commands without awaiting: a bug must surface as a Notice, not vanish. */
  private async guard(what: string, body: () => Promise<void>): Promise<void> {
    try {
      await body();
    } catch (e) {
      console.error(`Workstream Planner: ${what} failed`, e);
      this.notify(describeUnexpectedError(e, what));
    }
  }

  private async pickAndPlanUnguarded(): Promise<void> {
    await waitForMetadataResolved(this.deps.app);
    const settings = this.deps.settings();
    let near: string | undefined;
    let listed = await listWorkstreams(this.vault().masked, settings, { builtInInstructions: PLANNER_INSTRUCTIONS });
    // Several planning sets: ask which one first, the one used last at the top. Never picked silently.
    if (!listed.ok && listed.error.kind === 'ambiguous-planning-set') {
      const folder = await this.askPlanningSet(listed.error.candidates);
      if (folder === null) return;
      near = folder;
      listed = await listWorkstreams(this.vault().masked, settings, { near, builtInInstructions: PLANNER_INSTRUCTIONS });
    }
    if (!listed.ok) {
      this.notify(describeError(listed.error));
      return;
    }
    if (listed.value.workstreams.length === 0) {
      this.notify('The work breakdown in the overall micro-level plan defines no workstreams.');
      return;
    }
    const item = await this.deps.ui.chooseWorkstream(listed.value.workstreams);
    if (item) await this.planChosen(item, near, withOutputFolder(settings, listed.value.planningSet.outputFolder));
  }

  private async planByIdUnguarded(id: string, near?: string): Promise<void> {
    const settings = this.deps.settings();
    const listed = await listWorkstreams(this.vault().masked, settings, { ...(near ? { near } : {}), builtInInstructions: PLANNER_INSTRUCTIONS });
    const item = listed.ok ? listed.value.workstreams.find((w) => w.id === id) : undefined;
    const here = listed.ok ? withOutputFolder(settings, listed.value.planningSet.outputFolder) : settings;
    if (item) return this.planChosen(item, near, here);
    const status = await workstreamStatus(this.vault().base, here, id);
    return this.planChosen({ id, label: null, name: id, tasks: [], dependsOn: [], prerequisites: [], estimate: {}, blockers: [], stale: false, staleBecause: [], ...status }, near, here);
  }

  /** `settings`: with the output folder of the item's planning set (as its listing said). */
  async planChosen(item: WorkstreamListing, near?: string, settings?: Settings): Promise<void> {
    if (this.busy(item.id)) return;
    let mode: RunMode = {};
    if (hasPlan(item)) {
      const choice = await this.asked(item.id, () => this.deps.ui.chooseExisting(item));
      if (choice === null) return;
      mode = choice === 'resume' ? { resume: true } : { force: true };
    }
    await this.run(item.id, item.name, mode, near, settings ?? (await this.settingsFor(near)));
  }

  /** Resumes an interrupted plan (the "Resume workstream plan" command); `near`: the plan note's folder. */
  async resume(id: string, near?: string): Promise<void> {
    await this.run(id, id, { resume: true }, near, await this.settingsFor(near));
  }

  /** `settings`: with the output folder of the planning set, so the note path is where its plans go. */
  private async run(id: string, name: string, mode: RunMode, near: string | undefined, settings: Settings): Promise<void> {
    if (this.busy(id)) return;
    const planning = buildPlanningClient(this.deps.app, settings, this.deps.fetch);
    if (!planning) {
      if (mode.resume) {
        this.notify(`No API key is set, so the plan cannot be resumed: choose the secret that holds your key under "${SETTING.apiKey}" in ${SETTINGS_PLACE}.`);
        return;
      }
      // Nothing awaits between the end of the dialog and track() registering the run.
      if (await this.asked(id, () => this.deps.ui.offerOffline({ id, name }))) await this.track(id, settings, (c) => this.runOffline(id, settings, mode, c, near));
      return;
    }
    if (planning.buffered) this.notify(`"${SETTING.useObsidianNetwork}" is on: each section appears when it is complete, not live.`);
    await this.track(id, settings, async (controller) => {
      const { base, masked } = this.vault();
      const note = planNotePath(settings, id);
      const sink = new LiveNoteSink(base, note, this.findEditor);
      const vault = routeNoteThroughSink(masked, sink);
      const key = planning.apiKey;
      try {
        const r = await planWithClaude(
          // A resume finishes on the model the settings name now (a retired model cannot finish it); the note records the switch.
          { workstream: id, ...mode, ...(mode.resume ? { model: settings.model } : {}), ...(near ? { near } : {}) },
          {
            vault,
            sink,
            settings,
            clock: { now: this.deps.now },
            client: planning.client,
            apiKey: key,
            timers: this.deps.timers,
            builtInTemplate: PLANNER_INSTRUCTIONS,
            signal: controller.signal,
            minIntervalMs: this.deps.minIntervalMs ?? 250,
            bufferedTransport: planning.buffered,
            onEvent: (e) => {
              this.deps.progress.apply(note, e);
              if (e.type === 'run-start') void this.openInTab(note);
              if (e.type === 'done') sink.markFinished();
            },
            ...(settings.confirmBeforeSending
              ? {
                  confirm: async (preview) => {
                    const sizes = new Map<string, number>();
                    for (const n of preview.sent) {
                      const st = await base.stat(n.path);
                      if (st.kind === 'file') sizes.set(n.path, st.size);
                    }
                    return this.deps.ui.confirmSend(preview, sizes, planning.buffered);
                  },
                }
              : {}),
          },
        );
        if (!r.ok) this.notify(describeError(r.error), key);
        else await this.report(id, r.value, key);
      } finally {
        sink.release();
      }
    });
  }

  /** The settings with the output folder of the planning set in `near` (the settings as they are when it cannot be read). */
  private async settingsFor(near: string | undefined): Promise<Settings> {
    const settings = this.deps.settings();
    const listed = await listWorkstreams(this.vault().masked, settings, near ? { near } : {});
    return listed.ok ? withOutputFolder(settings, listed.value.planningSet.outputFolder) : settings;
  }

  private async runOffline(id: string, settings: Settings, mode: RunMode, _controller: AbortController, near?: string): Promise<void> {
    const r = await planWorkstream({ workstream: id, force: mode.force, ...(near ? { near } : {}) }, { vault: this.vault().masked, settings, clock: { now: this.deps.now } });
    if (!r.ok) {
      this.notify(describeError(r.error));
      return;
    }
    await this.report(id, { ...r.value }, undefined, true);
  }

  /** True (and says so) when the workstream is being planned or a dialog about planning it is open. */
  private busy(id: string): boolean {
    const inAll = this.allRun ? this.allProgress.get().rows.get(id)?.status : undefined;
    if (inAll === 'queued' || inAll === 'in-batch' || inAll === 'writing') {
      this.notify(`${id} is being planned by "Plan all workstreams".`);
      return true;
    }
    if (!this.runs.has(id) && !this.asking.has(id)) return false;
    this.notify(`${id} is already being planned.`);
    return true;
  }

  /** Shows a dialog about planning `id`, holding the workstream while it is open. */
  private async asked<T>(id: string, dialog: () => Promise<T>): Promise<T> {
    this.asking.add(id);
    try {
      return await dialog();
    } finally {
      this.asking.delete(id);
    }
  }

  /** Registers the run for its workstream while `body` runs. */
  private async track(id: string, settings: Settings, body: (c: AbortController) => Promise<void>): Promise<void> {
    const controller = new AbortController();
    let finish: () => void = () => undefined;
    const done = new Promise<void>((resolve) => (finish = resolve));
    this.runs.set(id, { id, note: planNotePath(settings, id), controller, done });
    this.deps.onRunsChanged?.();
    try {
      await body(controller);
    } catch (e) {
      console.error('Workstream Planner: planning failed', e);
      this.notify(describeUnexpectedError(e, `Planning ${id}`));
    } finally {
      this.runs.delete(id);
      finish();
      this.deps.onRunsChanged?.();
    }
  }

  private async report(id: string, outcome: ClaudeOutcome, key: string | undefined, offline = false): Promise<void> {
    switch (outcome.kind) {
      case 'declined':
        this.notify(`Nothing was sent and nothing was written for ${id}.`);
        return;
      case 'dry-run':
        return;
      case 'escalation': {
        const n = outcome.escalations.length;
        this.notify(`${id} cannot be planned yet: ${n === 1 ? 'one blocker needs' : `${n} blockers need`} a decision. The escalation note ${outcome.note} says what.`);
        // With the setting on, the blockers also show in the meso plan under the sections at fault.
        if (outcome.mesoPath) {
          const synced = await syncMesoCallouts({ app: this.deps.app, settings: this.deps.settings() }, outcome.mesoPath, id, outcome.escalations);
          if (!synced.ok) this.notify(synced.message);
        }
        await this.openInTab(outcome.note);
        return;
      }
      case 'plan': {
        const usd = outcome.usage?.costUsd;
        const cost = typeof usd === 'number' ? ` It cost $${usd.toFixed(2)}.` : '';
        if (outcome.interrupted) {
          const reason = outcome.interrupted.reason;
          if (reason.kind === 'cors-blocked') {
            this.notify(CORS_BLOCKED_NOTICE, key);
            return;
          }
          const why = reason.kind === 'cancelled' ? '' : `: ${reason.message.trim().replace(/\.$/, '')}`;
          this.notify(`Planning ${id} stopped at ${outcome.interrupted.stoppedAt}${why}. Use "Resume workstream plan" on ${outcome.note} to finish it.${cost}`, key);
          return;
        }
        // A re-plan says what it changed; the old plan is in the backups.
        if (outcome.changes && outcome.backup) this.notify(`${describePlanChanges(outcome.changes)} The previous plan is kept at ${outcome.backup}.`);
        if (offline) {
          this.notify(`Offline draft of ${id} written to ${outcome.note}: a skeleton from the planning notes, with no text from Claude.`);
          await this.openInTab(outcome.note);
          return;
        }
        if (outcome.status === 'ready_for_decomposition') this.notify(`${id} is planned and ready for decomposition: ${outcome.note}.${cost}`, key);
        else {
          const failing = outcome.report.items.filter((i) => !i.ok).length;
          this.notify(`${id} is planned as a draft: ${failing === 1 ? 'one readiness item fails' : `${failing} readiness items fail`}, see the readiness panel.${cost}`, key);
        }
        return;
      }
    }
  }

  /** A "Plan all workstreams" run is going on. */
  get planningAll(): boolean {
    return this.allRun !== null;
  }

  /** Settles when the "Plan all workstreams" run (if any) has finished. */
  async allSettled(): Promise<void> {
    while (this.allRun) await this.allRun.done;
  }

  /**
   * Some plan note holds the batches of a run that stopped (Obsidian closed, a crash, Cancel): read from
   * the metadata cache, so a command's check can ask it synchronously.
   */
  hasBatchesInFlight(): boolean {
    const { app } = this.deps;
    return app.vault.getMarkdownFiles().some((f) => {
      const fm = app.metadataCache.getFileCache(f)?.frontmatter;
      return (fm?.['status'] === 'in_progress' || fm?.['status'] === 'interrupted') && readBatchState(fm) !== null;
    });
  }

  /**
   * "Plan all workstreams" (and, with `resume`, "Resume planning"): every workstream without a plan, in
   * dependency order, through the Message Batches API at half price. `near`: the folder of the planning
   * set (the note the panel shows); without it, the picker asks when the vault has several. Never rejects.
   */
  async planAll(near?: string, resume = false): Promise<void> {
    return this.guard('Planning all workstreams', () => this.planAllUnguarded(near, resume));
  }

  /** The planning set, its settings and the client for a run of all workstreams; null when the user backs out. */
  private async startPlanAll(nearGiven: string | undefined): Promise<{ near: string | undefined; settings: Settings; planning: NonNullable<ReturnType<typeof buildPlanningClient>> } | null> {
    await waitForMetadataResolved(this.deps.app);
    const near = nearGiven ?? (await this.choosePlanningSet());
    if (near === null) return null;
    const settings = await this.settingsFor(near);
    const planning = buildPlanningClient(this.deps.app, settings, this.deps.fetch);
    return planning ? { near, settings, planning } : null;
  }

  private async planAllUnguarded(nearGiven: string | undefined, resume: boolean): Promise<void> {
    if (this.allRun || this.allStarting) {
      this.notify('All workstreams are already being planned: see the readiness panel.');
      return;
    }
    if (this.runs.size > 0 || this.asking.size > 0) {
      // Both would write the same notes.
      const ids = [...new Set([...this.runs.keys(), ...this.asking])].join(', ');
      this.notify(`${ids} ${this.runs.size + this.asking.size === 1 ? 'is' : 'are'} being planned: let that finish (or cancel it) before planning all workstreams.`);
      return;
    }
    if (!buildPlanningClient(this.deps.app, this.deps.settings(), this.deps.fetch)) {
      this.notify(`No API key is set, so Claude cannot plan the workstreams: choose the secret that holds your key under "${SETTING.apiKey}" in ${SETTINGS_PLACE}.`);
      return;
    }
    // From here to `allRun` the run waits on the metadata cache and the set picker: a second press
    // in between must see a run starting, or two runs would write the same notes.
    this.allStarting = true;
    let started: { near: string | undefined; settings: Settings; planning: NonNullable<ReturnType<typeof buildPlanningClient>> } | null;
    try {
      started = await this.startPlanAll(nearGiven);
    } finally {
      this.allStarting = false;
    }
    if (!started) return;
    if (this.runs.size > 0 || this.asking.size > 0) {
      // A single plan began while the planning set was being chosen.
      this.notify(`${[...new Set([...this.runs.keys(), ...this.asking])].join(', ')} started meanwhile: let it finish (or cancel it) before planning all workstreams.`);
      return;
    }
    const { near, settings, planning } = started;
    const controller = new AbortController();
    let finish: () => void = () => undefined;
    this.allRun = { controller, done: new Promise<void>((resolve) => (finish = resolve)), near };
    this.allProgress.start();
    this.deps.onRunsChanged?.();
    const key = planning.apiKey;
    try {
      const r = await planAll(
        { batch: true, resume, ...(near ? { near } : {}) },
        {
          vault: this.vault().masked,
          settings,
          clock: { now: this.deps.now },
          client: planning.client,
          apiKey: key,
          timers: this.deps.timers,
          builtInTemplate: PLANNER_INSTRUCTIONS,
          signal: controller.signal,
          onAllEvent: (e) => this.allProgress.apply(e),
          ...(settings.confirmBeforeSending ? { confirmAll: (preview) => this.deps.ui.confirmPlanAll(preview) } : {}),
          ...(this.batchPollMs !== undefined ? { pollMs: this.batchPollMs, maxPollMs: this.batchPollMs } : {}),
        },
      );
      if (!r.ok) this.notify(describeError(r.error), key);
      else this.reportAll(r.value, key);
    } finally {
      this.allRun = null;
      this.allProgress.finish();
      finish();
      this.deps.onRunsChanged?.();
    }
  }

  /** The folder of the planning set to plan, asked when the vault has several; undefined with one; null when dismissed. */
  private async choosePlanningSet(): Promise<string | undefined | null> {
    const listed = await listWorkstreams(this.vault().masked, this.deps.settings(), {});
    if (listed.ok || listed.error.kind !== 'ambiguous-planning-set') return undefined;
    return this.askPlanningSet(listed.error.candidates);
  }

  /** Several planning sets: which one (its folder), the one used last at the top, kept for next time. Never picked silently. */
  private async askPlanningSet(candidates: Parameters<typeof summarisePlanningSets>[2]): Promise<string | null> {
    const settings = this.deps.settings();
    const sets = await summarisePlanningSets(this.vault().masked, settings, candidates);
    const last = settings.lastPlanningSet;
    const choices: PlanningSetChoice[] = sets
      .map((s) => ({ folder: s.folder, project: s.project, workstreams: s.workstreams, last: s.folder === last }))
      .sort((a, b) => Number(b.last) - Number(a.last));
    const folder = await this.deps.ui.choosePlanningSet(choices);
    if (folder !== null) await this.deps.rememberPlanningSet?.(folder);
    return folder;
  }

  private reportAll(o: PlanAllOutcome, key: string): void {
    if (o.kind === 'declined') {
      this.notify('Nothing was sent and nothing was written.');
      return;
    }
    if (o.kind === 'dry-run') return;
    if (o.workstreams.length === 0 || o.workstreams.every((w) => w.status === 'kept')) {
      this.notify('Every workstream has a plan: nothing to plan. "Re-plan" on a stale plan re-plans it.');
      return;
    }
    const usd = o.total.costUsd;
    const cost = typeof usd === 'number' && o.total.calls > 0 ? ` It cost $${usd.toFixed(2)} (${o.requests.batched} of ${o.requests.batched + o.requests.streamed} requests at batch prices).` : '';
    const each = o.workstreams
      .filter((w) => w.status !== 'kept')
      .map((w) => `${w.id} ${RUN_STATUS_LABELS[w.status === 'queued' ? 'queued' : w.status].toLowerCase()}`)
      .join(', ');
    if (o.kind === 'interrupted') {
      this.notify(`Planning stopped (${each}). The batches already sent keep running: "Resume planning" collects them, and nothing is sent twice.${cost}`, key);
      return;
    }
    this.notify(`Planned all workstreams: ${each}.${cost}`, key);
  }

  /**
   * Cancel for "Plan all workstreams": stops the run in this window (if any) and cancels the batches
   * the notes record; the notes end `interrupted`, and "Resume planning" sends what did not finish again.
   */
  async cancelAll(nearGiven?: string): Promise<void> {
    return this.guard('Cancelling the batches', async () => {
      const near = nearGiven ?? this.allRun?.near;
      if (this.allRun) {
        this.allRun.controller.abort();
        await this.allSettled();
      }
      const settings = await this.settingsFor(near);
      const planning = buildPlanningClient(this.deps.app, settings, this.deps.fetch);
      if (!planning) {
        this.notify(`No API key is set, so the batches cannot be cancelled: choose the secret that holds your key under "${SETTING.apiKey}" in ${SETTINGS_PLACE}.`);
        return;
      }
      const r = await cancelPlanAll({ vault: this.vault().masked, settings, client: planning.client, apiKey: planning.apiKey, builtInTemplate: PLANNER_INSTRUCTIONS }, near ? { near } : {});
      if (!r.ok) {
        this.notify(describeError(r.error), planning.apiKey);
        return;
      }
      const { canceled, forgotten = [], notes } = r.value;
      if (notes.length === 0) this.notify('No plan is being planned in a batch: nothing to cancel.');
      else {
        // A batch the API does not know (another workspace's key, or deleted) had nothing to cancel: the notes no longer record it.
        const gone = forgotten.length === 0 ? '' : ` ${forgottenBatchesFact(forgotten, '"Resume planning"')}`;
        this.notify(`Cancelled ${canceled.length === 1 ? '1 batch' : `${canceled.length} batches`}; ${notes.join(', ')} marked interrupted. "Resume planning" collects what the batches finished and sends the rest again.${gone}`);
      }
    });
  }

  /** Stops the run of `id` (or every run, and the wait of "Plan all workstreams": its batches keep running); each note ends `interrupted`. */
  cancel(id?: string): void {
    for (const run of this.runs.values()) if (id === undefined || run.id === id) run.controller.abort();
    if (id === undefined) this.allRun?.controller.abort();
  }

  /** Stops the run writing `path`, if any (the readiness panel's Cancel button). */
  cancelNote(path: string): void {
    for (const run of this.runs.values()) if (run.note === path) run.controller.abort();
  }

  /** Asks, then stops the given runs (the status bar's click). */
  async offerCancel(): Promise<void> {
    const ids = this.active.map((r) => r.id);
    if (ids.length === 0) return;
    if (await this.deps.ui.confirmCancel(ids)) for (const id of ids) this.cancel(id);
  }

  /** The plan note of a run was deleted or renamed: the run stops (there is nowhere left to write). */
  onNoteGone(path: string, how: 'deleted' | 'renamed'): void {
    for (const run of this.runs.values()) {
      if (run.note !== path || run.controller.signal.aborted) continue;
      run.controller.abort();
      this.notify(`${path} was ${how}, so planning ${run.id} stopped.`);
    }
  }

  /** Model ids for the settings' picker. */
  async listModels(): Promise<string[]> {
    const planning = buildPlanningClient(this.deps.app, this.deps.settings(), this.deps.fetch);
    if (!planning) throw new Error('No API key is set.');
    return listModels(planning.client);
  }

  /** Opens the note in a new tab unless a tab already shows it. */
  private async openInTab(path: string): Promise<void> {
    const { app } = this.deps;
    const file = app.vault.getFileByPath(path);
    if (!file) return;
    if (!tabShowing(app, path)) await app.workspace.getLeaf('tab').openFile(file);
  }

  private notify(message: string, key?: string): void {
    this.deps.notify(redact(message, key));
  }
}

