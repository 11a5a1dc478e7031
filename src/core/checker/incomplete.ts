/**
 * Where a note is not written through: placeholders (`[!todo]` callouts, `TODO` cells, the
 * offline-draft warning) and sections with nothing in them. The completeness item asks this of the
 * whole note; wbs-coverage asks it of section 2 alone, so "every WBS task has a detailed
 * specification" cannot hold while a module is still a placeholder.
 */
import type { PlanSection } from '../plan/parse-plan';
import { sectionAt } from './context';
import { findPlaceholders, OFFLINE_DRAFT_TITLE, TODO_CELL, type Placeholder } from './placeholders';

/** One section (or the banner) that is not written through, with the line to point at. */
export interface Incomplete {
  line: number;
  reason: string;
}

/** Unnumbered sections a generator writes (numbered ones are all checked). */
const UNNUMBERED_WRITTEN = new Set(['executive summary', 'appendices']);

const isChecked = (s: PlanSection): boolean => s.number !== null || UNNUMBERED_WRITTEN.has(s.title.toLowerCase());

/** The note's footer (`**Status:** …`, `**Next Step:** …`), which the renderer writes under the last section. */
const FOOTER_LINE = /^\*\*(?:Status|Next Step):\*\*/;

/**
 * Blank lines, thematic breaks (the renderer's `---` before each `##`), comments and the footer are
 * not content.
 */
function hasContent(s: PlanSection): boolean {
  const own = s.body
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/%%[\s\S]*?%%/g, '')
    .split('\n')
    .some((l) => l.trim() !== '' && !/^\s{0,3}([-*_])(?:\s*\1){2,}\s*$/.test(l) && !FOOTER_LINE.test(l));
  return own || s.children.some(hasContent);
}

/** Checked sections with nothing in them; an empty parent is named alone, not with each of its children. */
function emptySections(sections: PlanSection[]): PlanSection[] {
  const out: PlanSection[] = [];
  const walk = (list: PlanSection[]): void => {
    for (const s of list) {
      if (isChecked(s) && !hasContent(s)) out.push(s);
      else walk(s.children);
    }
  };
  walk(sections);
  return out;
}

function sectionName(s: PlanSection | undefined): string {
  if (!s) return 'The text before the first heading';
  if (s.number !== null) return s.title ? `Section ${s.number} (${s.title})` : `Section ${s.number}`;
  if (s.level === 1) return 'The title block';
  return `The ${s.title} section`;
}

const plural = (n: number, one: string, many: string): string => (n === 1 ? one : many);

function placeholderReason(section: PlanSection | undefined, marks: Placeholder[]): string {
  const callouts = marks.filter((m) => m.kind === 'todo-callout').length;
  const cells = marks.some((m) => m.kind === 'todo-cell');
  const what = [
    ...(callouts > 0 ? [callouts === 1 ? 'a [!todo] placeholder' : `${callouts} [!todo] placeholders`] : []),
    ...(cells ? [`table cells marked ${TODO_CELL}`] : []),
  ].join(' and ');
  const lines = marks.map((m) => m.line);
  return `${sectionName(section)} still holds ${what} (${plural(lines.length, 'line', 'lines')} ${lines.join(', ')}).`;
}

/**
 * Every placeholder (one entry per section that holds any) and every empty checked section, in
 * document order. With `within`, only that section and its children are searched (an empty
 * `within` is named alone); without it, the whole note, the offline-draft warning included.
 */
export function findIncomplete(text: string, sections: PlanSection[], within?: PlanSection): Incomplete[] {
  const found: Incomplete[] = [];
  const inside = (line: number): boolean => !within || (within.bodyStart <= line && line <= within.end);

  const bySection = new Map<PlanSection | undefined, Placeholder[]>();
  for (const p of findPlaceholders(text)) {
    if (!inside(p.line)) continue;
    if (p.kind === 'draft-banner') {
      found.push({ line: p.line, reason: `The "${OFFLINE_DRAFT_TITLE}" warning callout is still in the note (line ${p.line}); remove it once every part is written.` });
      continue;
    }
    const at = sectionAt(sections, p.line);
    bySection.set(at, [...(bySection.get(at) ?? []), p]);
  }
  for (const [section, marks] of bySection) found.push({ line: marks[0]!.line, reason: placeholderReason(section, marks) });
  for (const s of emptySections(within ? [within] : sections)) found.push({ line: s.line, reason: `${sectionName(s)} is empty (line ${s.line}).` });
  return found.sort((a, b) => a.line - b.line);
}

/** At most `max` reasons, the rest summed up in one "And N more sections …" line. */
export function capReasons(found: Incomplete[], max: number): string[] {
  const reasons = found.slice(0, max).map((f) => f.reason);
  const rest = found.length - max;
  if (rest > 0) reasons.push(`And ${rest} more ${plural(rest, 'section', 'sections')} with placeholders or no content.`);
  return reasons;
}
