/**
 * Shape: lettered or numbered epics written as list items, their tasks inline or as bullets.
 *
 *     - Epic B: Sync Core
 *       1) Manifest loader; 2) Cadence queue; 3) Retries
 */
import { leadingEpic } from '../epic-label';
import { indentOf, itemContent } from '../wbs-document';
import { readItemChildren } from './item-tasks';
import type { EpicDraft, EpicShape } from './types';

export const epicItems: EpicShape = {
  name: 'epics as list items with inline `1) …; 2) …` or bullet tasks (`- Epic B: Name`)',
  read(doc) {
    const out: EpicDraft[] = [];
    const { start, end } = doc.wbs;
    for (let i = start - 1; i < end && i < doc.lines.length; i++) {
      if (doc.headingLines.has(i + 1) || !itemContent(doc.masked[i]!)) continue;
      // Masking can make a list item of a line that is not one (`*` + code): read the original.
      const item = itemContent(doc.lines[i]!);
      if (!item) continue;
      const lead = leadingEpic(item.content);
      if (!lead) continue;
      const epic: EpicDraft = { label: lead.label, key: lead.key, name: lead.name, line: i + 1, format: 'list', tasks: [], statements: [] };
      i = readItemChildren(doc, i, indentOf(doc.lines[i]!), epic, end);
      out.push(epic);
    }
    return out;
  },
};
