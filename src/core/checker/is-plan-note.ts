/**
 * Tells a workstream plan from the other notes of a planning folder (the WBS, the meso plan, an
 * escalation note), so an adapter can say "X is not a workstream plan" instead of listing every
 * readiness item as failing.
 */
import { parseHeadings } from '../markdown/headings';

/** The title the renderer writes (`# Workstream W2 Micro-Level Plan: Billing`), in any case. */
const PLAN_TITLE = /^Workstream\s+W\d+\s+Micro-Level\s+Plan\b/i;

function tagsOf(frontmatter: Record<string, unknown> | null): string[] {
  const raw = frontmatter?.['tags'];
  const list = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(/[\s,]+/) : [];
  return list.filter((t): t is string => typeof t === 'string').map((t) => t.trim().replace(/^#/, '').toLowerCase());
}

/**
 * True when the note is meant as a workstream plan: its frontmatter tags hold `workstream-plan`
 * (as a list or as one string), or it has `workstream_id` and the plan's level-1 title
 * heading. A note whose frontmatter did not parse (`frontmatter` null) counts on its title alone,
 * so a plan with broken YAML is still checked and told what is wrong with it.
 */
export function isPlanNote(frontmatter: Record<string, unknown> | null, text: string): boolean {
  if (tagsOf(frontmatter).includes('workstream-plan')) return true;
  const hasId = frontmatter === null || typeof frontmatter['workstream_id'] === 'string';
  return hasId && parseHeadings(text).some((h) => h.level === 1 && PLAN_TITLE.test(h.text));
}
