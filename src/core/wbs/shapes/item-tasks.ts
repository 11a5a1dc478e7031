/** Tasks written under an epic as list items, inline `1) …; 2) …` runs or `;`-separated clauses, with their `Entry:`/`Exit:` text. */
import { dependencyStatement, splitTaskDependencies, splitTrailingEstimate } from '../wbs-lines';
import { criteriaLine, indentOf, itemContent, type WbsDocument } from '../wbs-document';
import type { EpicDraft, TaskDraft } from './types';

/** `1) CLI skeleton; 2) PKL read` → the numbered parts. */
export function inlineNumbered(text: string): string[] | null {
  if (!/^\s*\d{1,2}\)\s+\S/.test(text)) return null;
  const parts = text
    .split(/(?:^|;)\s*\d{1,2}\)\s+/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  return parts.length > 0 ? parts : null;
}

// A bare number needs a separator (`1.2: CI`, `1.2 — CI`): `2.5 GHz radio` is a title.
const TASK_NUMBER = /^(?:\*\*|__)?(?:(?:task\s+|T)(\d{1,3}\.\d{1,3})(?:\*\*|__)?\s*[:—–)]?\s*|(\d{1,3}\.\d{1,3})(?:\*\*|__)?(?:\s*[:—–)]\s*|\s+-\s+))(?=\S)/i;
/** `— depends on 1.1`, `(after Task 1.2, 1.3)`: task numbers of a WBS whose tasks are numbered `N.M`. */
const NUMBERED_DEPS = /\s*(?:[—–;,]\s*|\s-\s|\(\s*)(?:depends\s+on|after|requires|blocked\s+by)\s*:?\s*((?:tasks?\s+)?\d{1,3}\.\d{1,3}(?:\s*(?:,|&|\band\b)\s*(?:tasks?\s+)?\d{1,3}\.\d{1,3})*)\s*\)?/i;

function splitNumberedDependencies(text: string): { text: string; dependsOn: string[] } {
  const m = NUMBERED_DEPS.exec(text);
  if (!m) return { text, dependsOn: [] };
  const ids = m[1]!.match(/\d{1,3}\.\d{1,3}/g) ?? [];
  return { text: (text.slice(0, m.index) + text.slice(m.index + m[0].length)).replace(/\s{2,}/g, ' ').trim(), dependsOn: ids };
}

/**
 * Reads one line of task text: its `Entry:`/`Exit:` clauses go to the epic (or, for one task, to
 * the task), the rest splits on `;` into tasks (`Routes, layout; prerender shell` is two).
 */
export function tasksOfText(text: string, line: number, epic: Pick<EpicDraft, 'entry' | 'exit'>): TaskDraft[] {
  const inline = inlineNumbered(text);
  const parts: string[] = [];
  if (inline) parts.push(...inline);
  else {
    const cut = /(?:^|[\s.;,(])(entry|exit)(?:\s+criteria)?\s*:/i.exec(text);
    const before = cut ? text.slice(0, cut.index) : text;
    if (cut) {
      const clauses = text.slice(cut.index).split(/[;.]\s*(?=(?:entry|exit)(?:\s+criteria)?\s*:)/i);
      for (const clause of clauses) {
        const c = criteriaLine(clause.replace(/^[\s.;,(]+/, ''));
        if (!c) continue;
        const value = c.text.replace(/[.;]+\s*$/, '').trim();
        if (c.kind === 'entry') epic.entry ??= { text: value, line };
        else epic.exit = epic.exit ? `${epic.exit}; ${value}` : value;
      }
    }
    parts.push(...before.split(';'));
  }
  const out: TaskDraft[] = [];
  for (const raw of parts) {
    const t = raw.trim().replace(/[.;,]+$/, '').trim();
    if (t === '' || /^tasks?\s*:?$/i.test(t)) continue;
    // `Task 1.2: CI pipeline`, `1.2 — CI pipeline`, `**1.2** CI pipeline`: the task's own id.
    const own = TASK_NUMBER.exec(t);
    const body = own ? t.slice(own[0].length) : t;
    const numbered = splitNumberedDependencies(body);
    const deps = splitTaskDependencies(numbered.text);
    const { title, estimate } = splitTrailingEstimate(deps.text);
    const task: TaskDraft = { title: title.replace(/^(?:tasks?\s*:\s*)/i, ''), line };
    if (own) task.id = (own[1] ?? own[2])!;
    if (estimate) task.estimate = estimate;
    const inline = [...numbered.dependsOn, ...deps.dependsOn];
    if (inline.length > 0) task.inlineDeps = inline;
    out.push(task);
  }
  return out;
}

/**
 * The tasks under an epic written as a list item at index `at` (0-based) with indentation
 * `indent`: the indented lines that follow, until a line at or left of the item's indentation.
 * Bullets and inline runs become tasks; `Entry:`/`Exit:` lines become the epic's criteria.
 * Returns the index of the last line read.
 */
export function readItemChildren(doc: WbsDocument, at: number, indent: number, epic: EpicDraft, stop: number): number {
  let i = at + 1;
  for (; i < stop; i++) {
    const masked = doc.masked[i]!;
    if (masked.trim() === '') continue;
    if (doc.headingLines.has(i + 1) || indentOf(masked) <= indent) break;
    const line = doc.lines[i]!;
    const item = itemContent(line);
    const content = item ? (/^\d/.test(item.marker) && item.marker.endsWith(')') ? `${item.marker} ${item.content}` : item.content) : line.trim();
    const statement = dependencyStatement(content);
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
    epic.tasks.push(...tasksOfText(content, i + 1, epic));
  }
  return i - 1;
}
