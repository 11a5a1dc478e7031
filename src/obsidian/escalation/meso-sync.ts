/**
 * Applies the meso-plan callouts (setting `calloutsInMesoPlan`, off by default): takes out the
 * workstream's callouts that no longer block and adds the current ones, in one `vault.process`
 * (atomic, and no write when nothing changes). With the setting off it does nothing at all.
 */
import { normalizePath, type App } from 'obsidian';
import type { Escalation } from '../../core/contracts/escalation';
import type { Settings } from '../../core/contracts/settings';
import { insertMesoCallouts, removeMesoCallouts } from '../../core/escalation/meso-callouts';

export type MesoSyncResult =
  | { ok: true; changed: boolean }
  | { ok: false; message: string };

export async function syncMesoCallouts(
  deps: { app: App; settings: Settings },
  mesoPath: string,
  workstreamId: string,
  escalations: readonly Escalation[],
): Promise<MesoSyncResult> {
  if (!deps.settings.calloutsInMesoPlan) return { ok: true, changed: false };
  const path = normalizePath(mesoPath);
  const file = deps.app.vault.getFileByPath(path);
  if (!file) return { ok: false, message: `The meso-level plan ${path} was not found, so no callouts were put into it.` };
  let changed = false;
  try {
    await deps.app.vault.process(file, (text) => {
      const next = insertMesoCallouts(removeMesoCallouts(text, workstreamId, escalations), escalations, path);
      changed = next !== text;
      return next;
    });
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return { ok: false, message: `The callouts in the meso-level plan ${path} could not be updated: ${detail}` };
  }
  return { ok: true, changed };
}
