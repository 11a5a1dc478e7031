import { flattenSections, type PlanSection } from '../../plan/parse-plan';
import { fail, pass, type ReadinessCheck } from '../context';
import { findPlaceholders, OFFLINE_DRAFT_TITLE, TODO_CELL, type Placeholder } from '../placeholders';

/** Reasons listed before the rest are summed up in one "And N more" line. */
export const MAX_COMPLETENESS_REASONS = 10;

/** Unnumbered sections a generator writes (numbered ones are all checked). */
const UNNUMBERED_WRITTEN = new Set(['executive summary', 'appendices']);

const isChecked = (s: PlanSection): boolean => s.number !== null || UNNUMBERED_WRITTEN.has(s.title.trim().toLowerCase());

/** Blank lines, thematic breaks (the renderer's `---` before each `##`) and comments are not content. */
function hasContent(s: PlanSection): boolean {
  const own = s.body
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/%%[\s\S]*?%%/g, '')
    .split('\n')
    .some((l) => l.trim() !== '' && !/^\s{0,3}([-*_])(?:\s*\1){2,}\s*$/.test(l));
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
  return `The ${s.title.trim()} section`;
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
 * The note is written through: no `[!todo]` callout or `TODO` table cell is left anywhere, the
 * offline-draft warning is gone, and no numbered section (nor the Executive Summary or the
 * Appendices) is empty. The other items look for the shape of each part; this one catches a note
 * whose checked parts are filled while the rest still holds placeholders. Reasons come in document
 * order, one per section, at most MAX_COMPLETENESS_REASONS; the line is the first offender's.
 */
export const completeness: ReadinessCheck = {
  id: 'completeness',
  check: (ctx) => {
    const flat = flattenSections(ctx.sections);
    const found: Array<{ line: number; reason: string }> = [];

    const bySection = new Map<PlanSection | undefined, Placeholder[]>();
    for (const p of findPlaceholders(ctx.text)) {
      if (p.kind === 'draft-banner') {
        found.push({ line: p.line, reason: `The "${OFFLINE_DRAFT_TITLE}" warning callout is still in the note (line ${p.line}); remove it once every part is written.` });
        continue;
      }
      const at = deepestAt(flat, p.line);
      bySection.set(at, [...(bySection.get(at) ?? []), p]);
    }
    for (const [section, marks] of bySection) found.push({ line: marks[0]!.line, reason: placeholderReason(section, marks) });
    for (const s of emptySections(ctx.sections)) found.push({ line: s.line, reason: `${sectionName(s)} is empty (line ${s.line}).` });

    const passLine = flat.find((s) => s.level === 1)?.line ?? 1;
    if (found.length === 0) return pass('completeness', passLine);
    found.sort((a, b) => a.line - b.line);
    const reasons = found.slice(0, MAX_COMPLETENESS_REASONS).map((f) => f.reason);
    const rest = found.length - MAX_COMPLETENESS_REASONS;
    if (rest > 0) reasons.push(`And ${rest} more ${plural(rest, 'section', 'sections')} with placeholders or no content.`);
    return fail('completeness', found[0]!.line, reasons);
  },
};

function deepestAt(flat: PlanSection[], line: number): PlanSection | undefined {
  return flat.filter((s) => s.line <= line && line <= s.end).pop();
}
