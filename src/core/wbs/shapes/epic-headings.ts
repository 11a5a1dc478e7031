/**
 * Shape: epic headings with task tables, as the upstream micro-level prompt most often writes them.
 *
 *     #### **Epic 2: Notification Service**
 *     **Entry Criteria**: Epic 1 complete
 *     | Task ID | Task | Owner | Estimated Time | Dependencies | Exit Criteria |
 *     | 2.1 | Choose the mail provider | Dev + User | 10 min | User input | Decision recorded |
 *     **Epic Exit Criteria**: mails go out.
 *
 * Also bullet tasks under an epic heading, and `E3 …` headings.
 */
import { parseEstimate } from '../estimates';
import { leadingEpic, leadingShortEpic } from '../epic-label';
import { classifyHeader, cleanCell, isSeparatorRow, splitRow, type TableColumns } from '../table';
import { dependencyStatement, stripNumbering } from '../wbs-lines';
import { criteriaLine, indentOf, itemContent, type WbsDocument } from '../wbs-document';
import { tasksOfText } from './item-tasks';
import type { EpicDraft, EpicShape, TaskDraft } from './types';

export const epicHeadings: EpicShape = {
  name: 'epic headings with task tables or bullet tasks (`#### Epic 2: Name`)',
  read(doc) {
    const { start, end } = doc.wbs;
    const heads = doc.sections.filter((s) => s.kind === 'heading' && s.line >= start && s.line <= end);
    const out: EpicDraft[] = [];
    heads.forEach((h, i) => {
      const text = stripNumbering(h.text);
      const lead = leadingEpic(text) ?? leadingShortEpic(text);
      if (!lead) return;
      const next = heads.slice(i + 1).find((x) => x.level <= h.level || leadingEpic(stripNumbering(x.text)) || leadingShortEpic(stripNumbering(x.text)));
      const stop = next ? next.line - 1 : end;
      const epic: EpicDraft = { label: lead.label, key: lead.key, name: lead.name, line: h.line, format: 'heading', tasks: [], statements: [] };
      readEpicBody(doc, h.line, stop, epic);
      out.push(epic);
    });
    return out;
  },
};

/** Lines `from + 1` … `to` (1-based) under an epic heading: tables, bullets, criteria, dependency statements. */
export function readEpicBody(doc: WbsDocument, from: number, to: number, epic: EpicDraft): void {
  let base: number | null = null;
  for (let i = from; i < to && i < doc.lines.length; i++) {
    const masked = doc.masked[i]!;
    if (masked.trim() === '' || doc.headingLines.has(i + 1)) continue;
    if (masked.includes('|') && i + 1 < doc.lines.length && isSeparatorRow(doc.masked[i + 1]!)) {
      i = readTaskTable(doc, i, to, epic);
      continue;
    }
    const line = doc.lines[i]!;
    const item = itemContent(masked) ? itemContent(line) : null;
    const content = item ? item.content : line.trim();
    const statement = dependencyStatement(line);
    if (statement !== null) {
      if (statement !== '') epic.statements.push({ text: statement, line: i + 1 });
      continue;
    }
    const crit = criteriaLine(content);
    if (crit) {
      const value = crit.text.replace(/[.;]+\s*$/, '').trim();
      if (crit.kind === 'entry') epic.entry ??= { text: value, line: i + 1 };
      else epic.exit = epic.exit ? `${epic.exit}; ${value}` : value;
      continue;
    }
    if (!item) continue;
    // Only the first level of bullets are tasks; deeper ones describe them.
    base ??= indentOf(line);
    if (indentOf(line) > base) continue;
    epic.tasks.push(...tasksOfText(content, i + 1, epic));
  }
}

/** Reads a table starting at index `i` (its header); returns the index of its last row. */
export function readTaskTable(doc: WbsDocument, i: number, to: number, epic: EpicDraft): number {
  const cols = classifyHeader(splitRow(doc.masked[i]!, doc.lines[i]!));
  const isTaskTable = cols.index.task !== undefined || cols.index.id !== undefined;
  let j = i + 2;
  for (; j < to && j < doc.lines.length; j++) {
    const masked = doc.masked[j]!;
    if (masked.trim() === '' || !masked.includes('|') || doc.headingLines.has(j + 1)) break;
    if (isTaskTable) {
      const task = taskOfRow(splitRow(masked, doc.lines[j]!), cols, j + 1);
      if (task) epic.tasks.push(task);
    }
  }
  return j - 1;
}

export function taskOfRow(cells: string[], cols: TableColumns, line: number): TaskDraft | null {
  const cell = (c: keyof TableColumns['index']): string => {
    const k = cols.index[c];
    return k === undefined ? '' : (cells[k] ?? '').trim();
  };
  const id = cleanCell(cell('id'));
  // Emphasis around the whole title goes; a title that starts with `code` keeps its backticks.
  const title = unwrap(cell('task'));
  if (id === '' && title === '') return null;
  // A row of dashes or a totals row is not a task.
  if (/^(?:total|sum)$/i.test(id || title)) return null;
  const task: TaskDraft = { title: title || id, line };
  if (id !== '') task.id = id;
  const est = cell('estimate');
  const estimate = est ? parseEstimate(est, { defaultUnit: cols.estimateUnit }) : null;
  if (estimate) task.estimate = estimate;
  const deps = cell('deps');
  if (deps !== '') task.deps = deps;
  const exit = unwrap(cell('exit'));
  if (exit !== '') task.exit = exit;
  return task;
}

/** `**Title**` → `Title`; `` `POST /x` with y `` stays as written. */
function unwrap(cell: string): string {
  let t = cell.trim();
  for (let m = /^(\*\*|__|\*|_|`)(.*)\1$/s.exec(t); m && !m[2]!.includes(m[1]!); m = /^(\*\*|__|\*|_|`)(.*)\1$/s.exec(t)) t = m[2]!.trim();
  return t;
}
