/**
 * A table of workstreams with a dependency column, as macro plans write them:
 * `| Id | Name | Covers | Depends on |` / `| W2 | Inspection API | F1–F4 | W1 |`. The row's
 * workstream comes from its id column (`Id`, `Workstream`, `Epic`, else the first column).
 */
import { classifyHeader, cleanCell, isSeparatorRow, splitRow } from '../table';
import { nameWords, type WorkstreamResolver } from '../dependency-refs';
import type { DependencyEdge } from './edges';

export interface TableEdges {
  edges: DependencyEdge[];
  /** Rows whose name disagrees with the WBS's name for that id (the table numbers differently). */
  mismatched: Array<{ line: number; id: string; name: string }>;
}

export function tableEdges(lines: readonly string[], masked: readonly string[], range: { start: number; end: number }, r: WorkstreamResolver, source: DependencyEdge['source']): TableEdges {
  const out: TableEdges = { edges: [], mismatched: [] };
  for (let i = range.start - 1; i < range.end - 1 && i < lines.length - 1; i++) {
    if (!masked[i]!.includes('|') || !isSeparatorRow(masked[i + 1]!)) continue;
    const header = splitRow(masked[i]!, lines[i]!);
    const cols = classifyHeader(header);
    const depsCol = cols.index.deps;
    let j = i + 2;
    if (depsCol !== undefined) {
      const keyCol = cols.index.workstream ?? cols.index.id ?? (header.findIndex((h) => /^\W*epic\W*$/i.test(h.trim())) >= 0 ? header.findIndex((h) => /^\W*epic\W*$/i.test(h.trim())) : 0);
      const nameCol = cols.index.task;
      for (; j < lines.length && masked[j]!.includes('|') && masked[j]!.trim() !== ''; j++) {
        const cells = splitRow(masked[j]!, lines[j]!);
        const key = r.resolveElement(cleanCell(cells[keyCol] ?? ''));
        if (key.ids.length !== 1) continue;
        const to = key.ids[0]!;
        const name = nameCol !== undefined && nameCol !== keyCol ? cleanCell(cells[nameCol] ?? '') : '';
        if (name && key.by === 'number' && !sharesWord(name, r.nameOf(to))) {
          out.mismatched.push({ line: j + 1, id: to, name });
          continue;
        }
        for (const from of r.workstreamsIn(cells[depsCol] ?? '', to)) out.edges.push({ from, to, line: j + 1, source, by: [{ id: from, by: 'number' }, { id: to, by: key.by ?? 'number' }] });
      }
    }
    i = j - 1;
  }
  return out;
}

/** True when two names share a word (or either is empty): `Inspection API` and `Inspection API service`. */
export function sharesWord(a: string, b: string): boolean {
  const x = nameWords(a);
  const y = nameWords(b);
  return x.length === 0 || y.length === 0 || x.some((w) => y.includes(w));
}
