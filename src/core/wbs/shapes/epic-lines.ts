/**
 * Shape: epics written as lines of their own that are neither headings nor list items, often bold,
 * with their tasks (bullets, checkboxes, a task table) under them.
 *
 *     **Epic 1: Setup**
 *     - [ ] Repo scaffold (2h)
 *     Epic 2 — API
 *     | Task ID | Task | Estimate |
 *
 * A sentence that starts with an epic (`Epic 4 can run in parallel…`) is not an epic line: the
 * label must be followed by `:`/`—`/`–` or the whole line be bold, and an epic line with no tasks
 * under it counts for nothing.
 */
import { leadingEpic, leadingShortEpic, type LeadingEpic } from '../epic-label';
import { itemContent, type WbsDocument } from '../wbs-document';
import { stripNumbering } from '../wbs-lines';
import { readEpicBody } from './epic-headings';
import type { EpicDraft, EpicShape } from './types';

export const epicLines: EpicShape = {
  name: 'epics as bold or plain lines with tasks under them (`**Epic 1: Setup**`)',
  read(doc) {
    const { start, end } = doc.wbs;
    const starts: Array<{ line: number; lead: LeadingEpic }> = [];
    for (let i = start; i < end && i < doc.lines.length; i++) {
      const lead = epicLine(doc, i);
      if (lead) starts.push({ line: i + 1, lead });
    }
    const out: EpicDraft[] = [];
    starts.forEach((s, k) => {
      // The epic runs to the next epic line or the next heading, whichever comes first.
      const nextEpic = starts[k + 1]?.line ?? end + 1;
      let stop = Math.min(nextEpic - 1, end);
      for (let j = s.line + 1; j <= stop; j++) if (doc.headingLines.has(j)) stop = j - 1;
      const epic: EpicDraft = { label: s.lead.label, key: s.lead.key, name: s.lead.name, line: s.line, format: 'list', tasks: [], statements: [] };
      readEpicBody(doc, s.line, stop, epic);
      if (epic.tasks.length > 0) out.push(epic);
    });
    return out;
  },
};

/** The epic a line at index `i` (0-based) introduces, when it is a line of its own (not a heading, item or row). */
function epicLine(doc: WbsDocument, i: number): LeadingEpic | null {
  const masked = doc.masked[i] ?? '';
  if (masked.trim() === '' || doc.headingLines.has(i + 1) || itemContent(masked) || masked.includes('|') || /^\s/.test(masked)) return null;
  const raw = (doc.lines[i] ?? '').trim();
  const bold = /^(\*\*|__)(.+?)\1\s*(?:\(([^)]*)\))?\s*$/.exec(raw);
  const text = stripNumbering(bold ? bold[2]! : raw);
  const lead = leadingEpic(text) ?? leadingShortEpic(text);
  if (!lead || lead.name === '') return null;
  const afterLabel = text.replace(/^(?:\*\*|__)?\s*(?:epic[ \t]*[-#]?[ \t]*(?:\d{1,3}|[A-Z])|E\d{1,3})/i, '');
  if (!bold && !/^\s*(?:\*\*|__)?\s*[:—–]/.test(afterLabel)) return null;
  return lead;
}
