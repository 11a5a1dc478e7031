import type { Wbs } from '../../contracts/wbs';
import type { QuestionSubject } from './judge';

/**
 * What each workstream owns, for judging questions: its name, its task titles and, when known, the
 * names of the modules its plan will have. `modules` maps a workstream id to its module names.
 */
export function questionSubject(wbs: Wbs, id: string, modules: ReadonlyMap<string, readonly string[]> = new Map()): QuestionSubject {
  const owned = new Map<string, string[]>();
  for (const w of wbs.workstreams) {
    const list = owned.get(w.id) ?? [];
    if (w.name.trim() !== '') list.push(w.name);
    for (const t of w.tasks) list.push(t.title);
    list.push(...(modules.get(w.id) ?? []));
    owned.set(w.id, list);
  }
  return { id, wbs, owns: owned.get(id) ?? [], othersOwn: owned };
}
