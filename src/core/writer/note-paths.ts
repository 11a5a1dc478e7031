import type { Settings } from '../contracts/settings';
import type { Clock } from '../clock';
import { fileStamp } from '../clock';

/** The output folder, without leading or trailing slashes ("" means the vault root). */
export function outputFolder(settings: Settings): string {
  return settings.outputFolder.replace(/\\/g, '/').replace(/^\/+|\/+$/g, '').trim();
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
