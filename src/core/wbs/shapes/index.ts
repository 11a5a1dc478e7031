/**
 * The WBS shapes of epics, one file each, strongest first. `numberedEpics` is a fallback: read only
 * when no other shape finds epics (see `readEpics`). Workstreams written with ids (`W1`,
 * `Workstream 1`, `WS-01`: headings, lists, tables) are read by `parse-wbs.ts` before any of these.
 */
import { eLists } from './e-lists';
import { epicHeadings } from './epic-headings';
import { epicItems } from './epic-items';
import { epicLines } from './epic-lines';
import { epicColumnTable } from './epic-column-table';
import { numberedEpics } from './numbered-epics';
import type { EpicDraft, EpicShape } from './types';
import type { WbsDocument } from '../wbs-document';

export const EPIC_SHAPES: readonly EpicShape[] = [epicHeadings, epicItems, eLists, epicLines];
/** Read after the others: a task table under an epic heading may carry an Epic column too, and is that epic's. */
export const TABLE_EPIC_SHAPES: readonly EpicShape[] = [epicColumnTable];
export const FALLBACK_EPIC_SHAPES: readonly EpicShape[] = [numberedEpics];

/** Every epic the shapes find, in line order (a line read by two shapes counts once). */
export function readEpics(doc: WbsDocument): EpicDraft[] {
  const collect = (shapes: readonly EpicShape[]): EpicDraft[] => {
    const seen = new Set<number>();
    return shapes
      .flatMap((s) => s.read(doc))
      .sort((a, b) => a.line - b.line)
      .filter((e) => !seen.has(e.line) && seen.add(e.line) !== undefined);
  };
  // A label seen again with nothing under it (`- E2 and E1 …` under "Parallelization") is a mention, not an epic.
  const strong = collect(EPIC_SHAPES).filter((e, i, all) => e.tasks.length > 0 || !all.slice(0, i).some((x) => x.label === e.label));
  const tabled = collect(TABLE_EPIC_SHAPES).filter((e) => !strong.some((x) => x.label === e.label));
  const all = [...strong, ...tabled].sort((a, b) => a.line - b.line);
  return all.length > 0 ? all : collect(FALLBACK_EPIC_SHAPES);
}

export type { EpicDraft, EpicShape, TaskDraft } from './types';
