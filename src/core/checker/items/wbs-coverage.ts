import { numberedChildren } from '../../plan/parse-plan';
import { namesId } from '../content';
import { fail, notInWbsReason, pass, type ReadinessCheck } from '../context';

/** Every WBS task of the workstream is named inside one of section 2's modules. */
export const wbsCoverage: ReadinessCheck = {
  id: 'wbs-coverage',
  check: (ctx) => {
    const two = ctx.section('2');
    if (!ctx.scope) return fail('wbs-coverage', two?.line ?? null, [notInWbsReason()]);
    if (!two) return fail('wbs-coverage', null, ['Section 2 (Module and Component Specifications) is missing.']);
    const moduleTexts = numberedChildren(two).map((m) => ctx.textOf(m));
    const reasons = ctx.scope.workstream.tasks
      .filter((t) => !moduleTexts.some((text) => namesId(text, t.id)))
      .map((t) => `No module in section 2 names WBS task ${t.id} (${t.title}).`);
    return reasons.length === 0 ? pass('wbs-coverage', two.line) : fail('wbs-coverage', two.line, reasons);
  },
};
