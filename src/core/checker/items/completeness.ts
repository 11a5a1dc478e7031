import { flattenSections } from '../../plan/parse-plan';
import { fail, pass, type ReadinessCheck } from '../context';
import { capReasons, findIncomplete } from '../incomplete';

/** Reasons listed before the rest are summed up in one "And N more" line. */
export const MAX_COMPLETENESS_REASONS = 10;

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
    const found = findIncomplete(ctx.text, ctx.sections);
    const passLine = flattenSections(ctx.sections).find((s) => s.level === 1)?.line ?? 1;
    if (found.length === 0) return pass('completeness', passLine);
    return fail('completeness', found[0]!.line, capReasons(found, MAX_COMPLETENESS_REASONS));
  },
};
