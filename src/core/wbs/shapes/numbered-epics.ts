/**
 * Shape: numbered epics with bullet tasks and an exit line, inside the WBS section only.
 *
 *     3. Import pipeline
 *        - Parse the CSV exports.
 *        - Exit: a full import runs in under a minute.
 *
 * The weakest shape (a numbered list is common), so it is read only inside a section titled for
 * the WBS, only for items with indented lines under them, and only when no other shape found epics.
 */
import { leadingEpic, leadingShortEpic } from '../epic-label';
import { cleanName } from '../wbs-lines';
import { indentOf, itemContent } from '../wbs-document';
import { readItemChildren } from './item-tasks';
import type { EpicDraft, EpicShape } from './types';

export const numberedEpics: EpicShape = {
  name: 'numbered epics with bullet tasks and `Exit:` (`3. Import pipeline`)',
  read(doc) {
    if (!doc.wbs.found) return [];
    const out: EpicDraft[] = [];
    const { start, end } = doc.wbs;
    for (let i = start - 1; i < end && i < doc.lines.length; i++) {
      if (doc.headingLines.has(i + 1)) continue;
      const masked = doc.masked[i]!;
      const m = /^( {0,3})(\d{1,2})[.)]\s+(\S.*)$/.exec(masked);
      if (!m) continue;
      const content = doc.lines[i]!.slice(m[0].length - m[3]!.length).trim();
      // Chains (`1) A → 2) B`) and epics written with a label belong to other shapes.
      if (/→|->|⟶|=>/.test(content) || leadingEpic(content) || leadingShortEpic(content) || !itemContent(masked)) continue;
      const name = cleanName(content.replace(/[.:]\s*$/, ''));
      const epic: EpicDraft = { label: `Epic ${m[2]}`, key: { kind: 'number', n: Number(m[2]) }, name, line: i + 1, format: 'list', tasks: [], statements: [] };
      const last = readItemChildren(doc, i, indentOf(masked), epic, end);
      if (last === i) continue; // Nothing under it: a plain numbered list, not an epic.
      out.push(epic);
      i = last;
    }
    return out;
  },
};
