import type { NoteHeading } from '../contracts/note-meta';
import { parseHeadings } from '../markdown/headings';
import { sectionKey } from './digest-inputs';
import { normaliseForDigest } from './digest';

/** What a re-plan changed, section by section (each heading with its text up to the next heading). */
export interface PlanChanges {
  changed: string[];
  added: string[];
  removed: string[];
  unchanged: number;
}

function ownSections(text: string): Map<string, string> {
  const lines = text.split('\n');
  const headings: NoteHeading[] = parseHeadings(text);
  const out = new Map<string, string>();
  // The text above the first heading (callouts, nothing else in a plan) is not a section.
  headings.forEach((h, i) => {
    const end = headings[i + 1]?.line ?? lines.length + 1;
    out.set(sectionKey(h, headings), normaliseForDigest(lines.slice(h.line, end - 1).join('\n')));
  });
  return out;
}

/**
 * The sections of the new plan that differ from the old one's, by heading (in the new plan's
 * order), those only one of them has, and how many are the same. Spacing differences do not count.
 */
export function comparePlans(oldText: string, newText: string): PlanChanges {
  const before = ownSections(oldText);
  const after = ownSections(newText);
  const out: PlanChanges = { changed: [], added: [], removed: [], unchanged: 0 };
  for (const [key, text] of after) {
    const was = before.get(key);
    if (was === undefined) out.added.push(key);
    else if (was !== text) out.changed.push(key);
    else out.unchanged++;
  }
  for (const key of before.keys()) if (!after.has(key)) out.removed.push(key);
  return out;
}

/** `Against the previous plan: 3 sections changed (1.2 Upstream Dependencies, …), 1 added; 20 unchanged.` */
export function describePlanChanges(c: PlanChanges): string {
  const list = (xs: string[]): string => (xs.length <= 8 ? xs.join(', ') : `${xs.slice(0, 8).join(', ')} and ${xs.length - 8} more`);
  const parts: string[] = [];
  if (c.changed.length) parts.push(`${c.changed.length} section${c.changed.length === 1 ? '' : 's'} changed (${list(c.changed)})`);
  if (c.added.length) parts.push(`${c.added.length} added (${list(c.added)})`);
  if (c.removed.length) parts.push(`${c.removed.length} removed (${list(c.removed)})`);
  if (parts.length === 0) return `Against the previous plan: no section changed (${c.unchanged} the same).`;
  return `Against the previous plan: ${parts.join(', ')}; ${c.unchanged} unchanged.`;
}
