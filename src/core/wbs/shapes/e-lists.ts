/**
 * Shape: short epic ids as list items, tasks and criteria in the text under them.
 *
 *     - E4 Charting
 *       - Choose the library; lazy module. Exit: toggle < 50 ms.
 */
import { leadingShortEpic } from '../epic-label';
import { indentOf, itemContent } from '../wbs-document';
import { readItemChildren } from './item-tasks';
import type { EpicDraft, EpicShape } from './types';

export const eLists: EpicShape = {
  name: 'short epic ids as list items (`- E4 Charting`) with `;`-separated tasks and `Entry:`/`Exit:` text',
  read(doc) {
    const out: EpicDraft[] = [];
    const { start, end } = doc.wbs;
    for (let i = start - 1; i < end && i < doc.lines.length; i++) {
      if (doc.headingLines.has(i + 1) || !itemContent(doc.masked[i]!)) continue;
      // Masking can make a list item of a line that is not one (`*` + code): read the original.
      const item = itemContent(doc.lines[i]!);
      if (!item) continue;
      const lead = leadingShortEpic(item.content);
      if (!lead) continue;
      const epic: EpicDraft = { label: lead.label, key: lead.key, name: lead.name, line: i + 1, format: 'list', tasks: [], statements: [] };
      i = readItemChildren(doc, i, indentOf(doc.lines[i]!), epic, end);
      out.push(epic);
    }
    return out;
  },
};
