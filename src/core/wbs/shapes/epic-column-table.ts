/**
 * Shape: one WBS table for every epic, with a column naming the epic of each task.
 *
 *     | Epic | Task ID | Task | Estimate | Depends On |
 *     | Epic 1: Setup | 1.1 | Repo scaffold | 2h | - |
 *     | Epic 2: API | 2.1 | Routes | 3h | 1.1 |
 *
 * Rows join the epic their cell names (`Epic 1: Setup`, `Epic 1`, `E1 Setup`), in the order epics
 * first appear; a row whose epic cell is empty continues the epic above it.
 */
import { leadingEpic, leadingShortEpic } from '../epic-label';
import { classifyHeader, cleanCell, isSeparatorRow, splitRow } from '../table';
import { taskOfRow } from './epic-headings';
import type { EpicDraft, EpicShape } from './types';

const EPIC_HEADER = /^(?:epic|epics|epic name|epic \/ task|feature)$/i;

export const epicColumnTable: EpicShape = {
  name: 'one task table with an epic column (`| Epic | Task ID | Task | … |`)',
  read(doc) {
    const { start, end } = doc.wbs;
    const out: EpicDraft[] = [];
    for (let i = start - 1; i < end - 1 && i < doc.lines.length - 1; i++) {
      if (!(doc.masked[i] ?? '').includes('|') || !isSeparatorRow(doc.masked[i + 1] ?? '')) continue;
      const header = splitRow(doc.masked[i]!, doc.lines[i]!);
      const epicCol = header.findIndex((h) => EPIC_HEADER.test(cleanCell(h)));
      const cols = classifyHeader(header);
      const taskCol = cols.index.task ?? cols.index.id;
      let j = i + 2;
      if (epicCol >= 0 && taskCol !== undefined && taskCol !== epicCol) {
        let current: EpicDraft | null = null;
        for (; j < end && j < doc.lines.length && (doc.masked[j] ?? '').includes('|') && doc.masked[j]!.trim() !== ''; j++) {
          const cells = splitRow(doc.masked[j]!, doc.lines[j]!);
          const cell = cleanCell(cells[epicCol] ?? '');
          if (cell !== '') {
            const lead = leadingEpic(cell) ?? leadingShortEpic(cell);
            if (!lead) {
              current = null;
              continue;
            }
            current = out.find((e) => e.label === lead.label) ?? null;
            if (!current) {
              current = { label: lead.label, key: lead.key, name: lead.name || lead.label, line: j + 1, format: 'list', tasks: [], statements: [] };
              out.push(current);
            } else if (current.name === current.label && lead.name) current.name = lead.name;
          }
          if (!current) continue;
          const task = taskOfRow(cells, cols, j + 1);
          if (task) current.tasks.push(task);
        }
      }
      i = j - 1;
    }
    return out.filter((e) => e.tasks.length > 0);
  },
};
