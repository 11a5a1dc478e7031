import { DEFAULT_SETTINGS, type Settings } from '../contracts/settings';
import type { Clock } from '../clock';
import { fileStamp } from '../clock';

/** The output folder, without leading or trailing slashes ("" means the vault root). */
export function outputFolder(settings: Settings): string {
  return settings.outputFolder.replace(/\\/g, '/').replace(/^\/+|\/+$/g, '').trim();
}

/**
 * Where the plans and escalations of a planning set go: beside the set when discovery found it in
 * a folder of its own (`01-Projects/Acme/Planning/v2`) and the output folder setting is left at its
 * default, `Planning` (the seed's `Planning/` is relative to the project); otherwise the setting
 * (so the seed's default layout keeps writing to `Planning/`, and a chosen folder is honoured).
 */
export function outputFolderFor(settings: Settings, set: { folder: string | null }): string {
  if (set.folder !== null && outputFolder(settings) === DEFAULT_SETTINGS.outputFolder) return set.folder;
  return outputFolder(settings);
}

/** The settings with the output folder replaced by the planning set's (`outputFolderFor`). */
export function withOutputFolder(settings: Settings, folder: string): Settings {
  return folder === settings.outputFolder ? settings : { ...settings, outputFolder: folder };
}

function inFolder(folder: string, name: string): string {
  return folder === '' ? name : `${folder}/${name}`;
}

export function planNotePath(settings: Settings, workstreamId: string): string {
  return inFolder(outputFolder(settings), `${workstreamId}-micro-level-plan.md`);
}

export function escalationNotePath(settings: Settings, workstreamId: string): string {
  return inFolder(outputFolder(settings), `${workstreamId}-escalation.md`);
}

/**
 * Where an old note goes before it is replaced: a dot-folder, which Obsidian does not index,
 * so backups never show up as duplicate plans in search, graph or link suggestions.
 */
export function backupPath(settings: Settings, notePath: string, clock: Clock): string {
  const base = notePath.split('/').pop()!.replace(/\.md$/, '');
  return inFolder(inFolder(outputFolder(settings), '.backup'), `${base}.${fileStamp(clock.now())}.md`);
}
