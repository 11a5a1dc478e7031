/**
 * Section 11.1: the output format's eight checklist lines, ticked from a readiness report.
 *
 * Mapping (a line is ticked only when every item listed passes):
 * 1. WBS tasks specified     ← wbs-coverage, unknown-ids, traceability
 * 2. Public interfaces       ← interfaces
 * 3. Data models             ← data-models
 * 4. API contracts           ← api-contracts
 * 5. Error handling          ← error-handling
 * 6. Test requirements       ← tests
 * 7. Environment variables   ← env-vars
 * 8. Dependencies            ← dependencies
 * `frontmatter` and `completeness` have no line of their own: they only affect the report's
 * `ready`. The eight lines are the output format's and say what is specified; `completeness` says
 * the whole note is written (no placeholder, no empty section), which cuts across all eight, so
 * mapping it to one line would untick that line for a placeholder in, say, section 9.2. A note
 * that fails it is not ready, and the status callout under the title names it.
 */
import type { ReadinessItemId, ReadinessReport } from '../contracts/readiness';
import { parsePlanSections, findSection } from '../plan/parse-plan';

export const READINESS_CHECKLIST: readonly { text: string; items: readonly ReadinessItemId[] }[] = [
  { text: 'Every WBS task of the workstream has a detailed specification', items: ['wbs-coverage', 'unknown-ids', 'traceability'] },
  { text: 'Every public interface is fully defined', items: ['interfaces'] },
  { text: 'Every data model and schema is complete', items: ['data-models'] },
  { text: 'Every API contract is specified', items: ['api-contracts'] },
  { text: 'Error handling is documented for every module', items: ['error-handling'] },
  { text: 'Test requirements are clear for every module', items: ['tests'] },
  { text: 'Every environment variable is listed', items: ['env-vars'] },
  { text: 'Every dependency is documented', items: ['dependencies'] },
];

/** The eight lines, `- [x]` where all mapped items pass (an item absent from the report counts as failing). */
export function renderReadinessChecklist(report: ReadinessReport): string {
  const ok = new Map(report.items.map((i) => [i.id, i.ok]));
  return READINESS_CHECKLIST.map((l) => `- [${l.items.every((id) => ok.get(id) === true) ? 'x' : ' '}] ${l.text}`).join('\n');
}

/**
 * The note with the body of section 11.1 replaced by the ticked checklist; everything else stays
 * byte for byte. A note without a section 11.1 comes back unchanged.
 */
export function replaceReadinessChecklist(text: string, report: ReadinessReport): string {
  const section = findSection(parsePlanSections(text), '11.1');
  if (!section) return text;
  const lines = text.split('\n');
  const before = lines.slice(0, section.line);
  const after = lines.slice(section.bodyEnd);
  // Keep one blank line on each side of the list, as the renderer writes it.
  const tail = after.length > 0 ? ['', ...after] : [''];
  return [...before, '', renderReadinessChecklist(report), ...tail].join('\n');
}
