/**
 * A row of an open-questions table, read by its header: `| Question | Blocks | Status | Proposed assumption | Validation |`.
 * An "Affects" or "Blocks" cell says what it blocks. A status cell settles (`Resolved`, `Decided`), defers or clears (`Non-blocking`) the row; a
 * decision cell with a value settles it; an empty or open cell ("Open", "TBD") leaves it open.
 */
import type { QuestionFacts, QuestionItem } from '../question';
import { DEFERRAL, NOTHING, OPEN_VALUE, SETTLED_STATUS, unemphasised, type QuestionShape } from './shape';

function read(item: QuestionItem): Partial<QuestionFacts> {
  if (item.kind !== 'table' || item.header.length === 0) return {};
  const out: Partial<QuestionFacts> = {};
  const line = item.lines[0]!;
  const heads = item.header.map((h) => unemphasised(h).toLowerCase());
  // "Decision" is the row's subject in a decisions table, and its answer only beside a question column.
  const asked = heads.some((h) => /\b(?:questions?|topic|issue|item)\b/.test(h));
  item.header.forEach((h, i) => {
    const head = unemphasised(h).toLowerCase();
    const value = unemphasised(item.cells[i] ?? '');
    if (value === '' || /^[-—–]+$/.test(value)) return;
    const fact = { text: value, line };
    if (/\bblock|\baffect|\bimpacts?\b/.test(head) && !/\bnot\b|\bnon\b/.test(head)) {
      if (NOTHING.test(value)) out.notBlocking ??= fact;
      else out.blocks = [...(out.blocks ?? []), fact];
      if (DEFERRAL.test(value)) out.deferred ??= fact;
    } else if (/\bstatus\b|\bstate\b/.test(head)) {
      if (SETTLED_STATUS.test(value)) out.resolved ??= fact;
      else if (DEFERRAL.test(value)) out.deferred ??= fact;
      else if (/^(?:not\s+blocking|non[- ]?blocking)\b/i.test(value)) out.notBlocking ??= fact;
    } else if (/\bassum|\bdefault\b|\bproposal\b|\bproposed\b/.test(head)) {
      if (!OPEN_VALUE.test(value)) out.assumption ??= fact;
    } else if (/\bvalidat/.test(head)) {
      out.validation ??= fact;
    } else if (/\b(?:resolution|mitigation)\s+plan\b|\bplan\b|\bnext\s+steps?\b|\bmitigation\b/.test(head)) {
      // How the team means to settle it meanwhile ("User decides during Task 2.1; default to Option A").
      if (DEFERRAL.test(value)) out.deferred ??= fact;
      else out.assumption ??= fact;
    } else if ((/\bresolution\b|\banswer\b|\boutcome\b/.test(head) || (asked && /\bdecision\b/.test(head))) && !/\bneeded\b|\bquestion\b/.test(head)) {
      if (!OPEN_VALUE.test(value)) out.resolved ??= fact;
    } else if (/\brecommend/.test(head)) {
      if (DEFERRAL.test(value)) out.deferred ??= fact;
      else out.assumption ??= fact;
    }
  });
  return out;
}

export const tableColumns: QuestionShape = { name: 'table-columns', read };
