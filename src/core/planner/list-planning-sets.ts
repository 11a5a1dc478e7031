import type { VaultPort } from '../vault/vault-port';
import type { Settings } from '../contracts/settings';
import type { PlannerError } from '../contracts/errors';
import { loadPlanningContext } from './planning-context';

/** A planning set as `list` shows it when the vault holds several and none was chosen. */
export interface PlanningSetSummary {
  /** The set's folder: what `--project` takes to choose it. */
  folder: string;
  project: string;
  /** Workstreams its WBS defines (distinct ids); null when its notes could not be read. */
  workstreams: number | null;
  /** Why its notes could not be read, when they could not. */
  problem: PlannerError | null;
}

/** Each candidate set read on its own, for the list that asks the user to choose one. */
export async function summarisePlanningSets(
  vault: VaultPort,
  settings: Settings,
  candidates: ReadonlyArray<{ folder: string; project: string }>,
): Promise<PlanningSetSummary[]> {
  const out: PlanningSetSummary[] = [];
  for (const c of candidates) {
    // The folder names the set exactly: the project setting must not narrow it again.
    const loaded = await loadPlanningContext(vault, { ...settings, projectNote: '' }, { project: c.folder });
    out.push({
      folder: c.folder,
      project: c.project,
      workstreams: loaded.ok ? new Set(loaded.value.wbs.workstreams.map((w) => w.id)).size : null,
      problem: loaded.ok ? null : loaded.error,
    });
  }
  return out;
}
