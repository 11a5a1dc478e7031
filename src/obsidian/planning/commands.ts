/**
 * The planning commands (bare kebab-case ids, sentence-case names, no default hotkeys). Conditional
 * ones use `checkCallback`, so they only show when they can run.
 */
import type { App, Command } from 'obsidian';
import type { Settings } from '../../core/contracts/settings';
import { checkPlanNote } from '../../core/planner/check-plan-note';
import { folderOfPath } from '../note-folder';
import { READINESS_ITEM_LABELS } from '../readiness/readiness-model';
import { describeError } from '../describe-error';
import { ObsidianVault } from '../ObsidianVault';
import type { PlanningRunner } from './runner';

export interface CommandDeps {
  app: App;
  runner: PlanningRunner;
  settings: () => Settings;
  notify(message: string): void;
  openReadinessPanel(): Promise<unknown>;
}

/** The workstream of the active note when it is an interrupted plan, else null. */
export function interruptedPlanOf(app: App): string | null {
  const file = app.workspace.getActiveFile();
  if (!file) return null;
  const fm = app.metadataCache.getFileCache(file)?.frontmatter;
  const id: unknown = fm?.['workstream_id'];
  return fm?.['status'] === 'interrupted' && typeof id === 'string' ? id : null;
}

/** One or two sentences on the readiness of a plan note. */
export async function readinessSummary(app: App, settings: Settings, path: string): Promise<string> {
  const r = await checkPlanNote(new ObsidianVault(app), settings, path, {});
  if (!r.ok) return describeError(r.error);
  const { report, workstreamId } = r.value;
  const who = workstreamId ?? path;
  const failing = report.items.filter((i) => !i.ok);
  if (report.ready || failing.length === 0) return `${who} is ready for decomposition: all ${report.items.length} readiness items pass.`;
  const names = failing.slice(0, 3).map((i) => lowerFirst(READINESS_ITEM_LABELS[i.id]));
  const more = failing.length > 3 ? `, and ${failing.length - 3} more` : '';
  return `${who} is not ready: ${failing.length} of ${report.items.length} readiness items fail (${names.join(', ')}${more}).`;
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

export function planningCommands(d: CommandDeps): Command[] {
  return [
    {
      id: 'plan-workstream',
      name: 'Plan workstream',
      callback: () => void d.runner.pickAndPlan(),
    },
    {
      id: 'resume-workstream-plan',
      name: 'Resume workstream plan',
      checkCallback: (checking) => {
        const id = interruptedPlanOf(d.app);
        if (id === null || d.runner.isRunning(id)) return false;
        // The plan sits in its planning set's folder: that folder names the set in a vault of several.
        if (!checking) void d.runner.resume(id, folderOfPath(d.app.workspace.getActiveFile()?.path ?? ''));
        return true;
      },
    },
    {
      id: 'plan-all-workstreams',
      name: 'Plan all workstreams',
      callback: () => void d.runner.planAll(),
    },
    {
      id: 'resume-planning',
      name: 'Resume planning',
      checkCallback: (checking) => {
        // Batches of a run that stopped (Obsidian closed, a crash, Cancel) are recorded in the plan notes.
        if (d.runner.planningAll || !d.runner.hasBatchesInFlight()) return false;
        if (!checking) void d.runner.planAll(undefined, true);
        return true;
      },
    },
    {
      id: 'cancel-planning',
      name: 'Cancel planning',
      checkCallback: (checking) => {
        const runs = d.runner.active;
        const batches = d.runner.planningAll || d.runner.hasBatchesInFlight();
        if (runs.length === 0 && !batches) return false;
        if (!checking) {
          if (runs.length === 0) {
            // "Plan all workstreams": its batches are cancelled, not only the wait for them.
            void d.runner.cancelAll();
            return true;
          }
          // The run writing the active note if there is one, else every run.
          const path = d.app.workspace.getActiveFile()?.path;
          const mine = runs.find((r) => r.note === path);
          d.runner.cancel(mine?.id);
        }
        return true;
      },
    },
    {
      id: 'check-readiness',
      name: 'Check readiness of current note',
      checkCallback: (checking) => {
        const file = d.app.workspace.getActiveFile();
        if (!file || file.extension !== 'md') return false;
        if (!checking) {
          void (async () => {
            d.notify(await readinessSummary(d.app, d.settings(), file.path));
            await d.openReadinessPanel();
          })();
        }
        return true;
      },
    },
    {
      id: 'open-readiness-panel',
      name: 'Open readiness panel',
      callback: () => void d.openReadinessPanel(),
    },
  ];
}
