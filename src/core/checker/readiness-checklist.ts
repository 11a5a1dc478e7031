/**
 * Section 11.1: the output format's eight checklist lines, ticked from a readiness report and,
 * for the first line, from the note itself.
 *
 * Mapping (a line is ticked only when every item listed passes, and every section listed under
 * "written" is written through):
 * 1. WBS tasks specified     ← wbs-coverage, unknown-ids, traceability; written: section 2
 * 2. Public interfaces       ← interfaces
 * 3. Data models             ← data-models
 * 4. API contracts           ← api-contracts (which also fails on a `[!todo]` in section 3's own text)
 * 5. Error handling          ← error-handling
 * 6. Test requirements       ← tests
 * 7. Environment variables   ← env-vars (a table counts only with a row filled in, not `TODO` cells)
 * 8. Dependencies            ← dependencies
 * "Written: section 2" is the completeness item's test (no `[!todo]` callout, no `TODO` cell, no
 * empty subsection) restricted to section 2 and its modules: a task named in a module whose
 * subsections are still placeholders has no detailed specification. It is read from the note, not
 * from a report item, so the item ids stay as they are and wbs-coverage keeps meaning "every task
 * is named in a module".
 * `frontmatter` and `completeness` have no line of their own: they only affect the report's
 * `ready`. `completeness` says the whole note is written, which cuts across all eight, so mapping
 * it to one line would untick that line for a placeholder in, say, section 9.2. A note that fails
 * it is not ready, and the status callout under the title names it.
 */
import type { ReadinessItemId, ReadinessReport } from '../contracts/readiness';
import { parsePlanSections, findSection } from '../plan/parse-plan';
import { READINESS_CHECKLIST_LINES, checklistLine, type ReadinessChecklistText } from '../plan/skeleton';
import { findIncomplete } from './incomplete';

export interface ReadinessChecklistLine {
  text: string;
  items: readonly ReadinessItemId[];
  /** Section numbers that must hold no placeholder and no empty subsection for the line to tick. */
  written?: readonly string[];
}

/** Which items (and written sections) each line of 11.1 stands for; the line texts are the skeleton's. */
const LINE_ITEMS: Record<ReadinessChecklistText, Omit<ReadinessChecklistLine, 'text'>> = {
  'Every WBS task of the workstream has a detailed specification': { items: ['wbs-coverage', 'unknown-ids', 'traceability'], written: ['2'] },
  'Every public interface is fully defined': { items: ['interfaces'] },
  'Every data model and schema is complete': { items: ['data-models'] },
  'Every API contract is specified': { items: ['api-contracts'] },
  'Error handling is documented for every module': { items: ['error-handling'] },
  'Test requirements are clear for every module': { items: ['tests'] },
  'Every environment variable is listed': { items: ['env-vars'] },
  'Every dependency is documented': { items: ['dependencies'] },
};

export const READINESS_CHECKLIST: readonly ReadinessChecklistLine[] = READINESS_CHECKLIST_LINES.map((text) => ({ text, ...LINE_ITEMS[text] }));

/** True when the note has section `number` and nothing in it is a placeholder or empty. */
export function isSectionWritten(note: string, number: string): boolean {
  const sections = parsePlanSections(note);
  const section = findSection(sections, number);
  return section !== null && findIncomplete(note, sections, section).length === 0;
}

/**
 * The eight lines, `- [x]` where all mapped items pass (an item absent from the report counts as
 * failing) and, for a line that needs sections written, `note` shows them written. Without `note`
 * such a line stays unticked: it cannot be shown to hold.
 */
export function renderReadinessChecklist(report: ReadinessReport, note?: string): string {
  const ok = new Map(report.items.map((i) => [i.id, i.ok]));
  const ticked = (l: ReadinessChecklistLine): boolean =>
    l.items.every((id) => ok.get(id) === true) && (l.written ?? []).every((n) => note !== undefined && isSectionWritten(note, n));
  return READINESS_CHECKLIST.map((l) => checklistLine(l.text, ticked(l))).join('\n');
}

/**
 * The note with the body of section 11.1 replaced by the ticked checklist (read against the note
 * itself); everything else stays byte for byte. A note without a section 11.1 comes back unchanged.
 */
export function replaceReadinessChecklist(text: string, report: ReadinessReport): string {
  const section = findSection(parsePlanSections(text), '11.1');
  if (!section) return text;
  const lines = text.split('\n');
  const before = lines.slice(0, section.line);
  const after = lines.slice(section.bodyEnd);
  // Keep one blank line on each side of the list, as the renderer writes it.
  return [...before, '', renderReadinessChecklist(report, text), '', ...after].join('\n');
}
