import { Notice, Platform, Plugin } from 'obsidian';
import { DEFAULT_SETTINGS, type Settings } from './core/contracts/settings';
import { createEscalationExtension } from './obsidian/escalation/escalation-extension';
import { createEscalationPostProcessor } from './obsidian/escalation/escalation-post-processor';
import { ObsidianVault } from './obsidian/ObsidianVault';
import { planningCommands } from './obsidian/planning/commands';
import { folderOfPath } from './obsidian/note-folder';
import { modalUi } from './obsidian/planning/modals';
import { PlanProgressStore, statusText } from './obsidian/planning/progress';
import { PlanningRunner } from './obsidian/planning/runner';
import { MobileCancelNotices } from './obsidian/planning/cancel-notice';
import { streamAnchors } from './obsidian/planning/stream-track';
import { recheckEscalationCommand } from './obsidian/escalation/recheck-command';
import { windowTimers } from './obsidian/planning/timers';
import { activateReadinessView, openNoteAtLine, READINESS_VIEW_TYPE, ReadinessView } from './obsidian/readiness';
import { recheckEscalationNote } from './obsidian/escalation/recheck';
import { loadPluginSettings, savePluginSettings } from './obsidian/settings/plugin-settings';
import { WorkstreamPlannerSettingTab } from './obsidian/settings/WorkstreamPlannerSettingTab';

/** Wiring only: the plugin's features live in src/obsidian, the planner in src/core. */
export default class WorkstreamPlannerPlugin extends Plugin {
  /** The plugin's settings (not `Plugin.settings`, which 1.13 reserves for declarative settings). */
  config: Settings = DEFAULT_SETTINGS;
  /** The planning runs; exposed for tests. */
  runner!: PlanningRunner;
  readonly progress = new PlanProgressStore();

  override async onload(): Promise<void> {
    const loaded = await loadPluginSettings(this);
    this.config = loaded.settings;
    if (loaded.problem) new Notice(loaded.problem);
    const settings = (): Settings => this.config;

    const statusEl = this.addStatusBarItem();
    statusEl.addClass('wp-status');
    // Phones and tablets have no status bar: there each run gets a notice with a Cancel button.
    const cancelNotices = Platform.isMobile ? new MobileCancelNotices((id) => this.runner.cancel(id)) : null;
    this.register(() => cancelNotices?.clear());
    const renderStatus = (): void => {
      const run = this.runner.active[0];
      statusEl.setText(run ? statusText(run.id, this.progress.get(run.note)) : '');
      statusEl.toggleClass('wp-status--idle', !run);
    };
    const runsChanged = (): void => {
      renderStatus();
      cancelNotices?.update(this.runner.active);
    };

    this.runner = new PlanningRunner({
      app: this.app,
      settings,
      progress: this.progress,
      ui: modalUi(this.app),
      notify: (message) => new Notice(message),
      timers: windowTimers,
      now: () => new Date(),
      onRunsChanged: runsChanged,
      rememberPlanningSet: async (folder) => {
        this.config.lastPlanningSet = folder;
        await savePluginSettings(this, this.config);
      },
    });
    this.register(this.progress.onChange(renderStatus));
    this.registerDomEvent(statusEl, 'click', () => void this.runner.offerCancel());

    this.registerView(
      READINESS_VIEW_TYPE,
      (leaf) =>
        new ReadinessView(leaf, {
          vault: new ObsidianVault(this.app),
          settings,
          progress: this.progress,
          planWorkstream: (id, near) => void this.runner.planById(id, near),
          cancelPlan: (path) => this.runner.cancelNote(path),
          planAll: (near, resume) => void this.runner.planAll(near, resume),
          cancelAll: (near) => void this.runner.cancelAll(near),
          allProgress: this.runner.allProgress,
          openNoteAtLine: (path, line) => void openNoteAtLine(this.app, path, line),
        }),
    );

    const openPanel = (): Promise<unknown> => activateReadinessView(this.app);
    for (const command of planningCommands({ app: this.app, runner: this.runner, settings, notify: (m) => new Notice(m), openReadinessPanel: openPanel })) {
      this.addCommand(command);
    }
    this.addRibbonIcon('list-tree', 'Plan workstream', () => void this.runner.pickAndPlan());

    const escalationActions = {
      recheck: (workstreamId: string, notePath: string) =>
        recheckEscalationNote({ app: this.app, vault: new ObsidianVault(this.app), settings: this.config, now: () => new Date() }, notePath, workstreamId),
      // The escalation note sits in its planning set's folder.
      planNow: (workstreamId: string, notePath: string) => this.runner.planById(workstreamId, folderOfPath(notePath)),
    };
    this.registerEditorExtension(createEscalationExtension(escalationActions));
    this.registerMarkdownPostProcessor(createEscalationPostProcessor(escalationActions));
    this.addCommand(recheckEscalationCommand(this.app, escalationActions, (m) => new Notice(m)));
    // Where each run's streamed text is in an editor: registered once, so every editor has it and keeps
    // it when reconfigured (adding it to an editor per run would be lost on reconfiguration and leak).
    this.registerEditorExtension(streamAnchors);

    this.addSettingTab(
      new WorkstreamPlannerSettingTab(this, {
        get settings() {
          return settings();
        },
        saveSettings: () => savePluginSettings(this, this.config),
        listModels: () => this.runner.listModels(),
      }),
    );

    // A deleted or renamed plan note stops its run; the panel's progress follows a rename.
    this.registerEvent(this.app.vault.on('delete', (file) => this.runner.onNoteGone(file.path, 'deleted')));
    this.registerEvent(
      this.app.vault.on('rename', (file, oldPath) => {
        this.runner.onNoteGone(oldPath, 'renamed');
        this.progress.move(oldPath, file.path);
      }),
    );

    // Nothing scans the vault during onload: discovery runs when a command asks for it, after the
    // layout is ready and the metadata cache has resolved (see PlanningRunner.pickAndPlan).
    this.app.workspace.onLayoutReady(renderStatus);
  }

  override onunload(): void {
    // Each run stops cleanly and leaves its note `interrupted`; leaves are not detached (guideline).
    this.runner?.cancel();
  }
}
