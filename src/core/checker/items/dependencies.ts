import { stripTodoCallouts } from '../content';
import { fail, notInWbsReason, pass, type ReadinessCheck } from '../context';

/** Section 1.2 names every upstream workstream of the WBS. */
export const dependencies: ReadinessCheck = {
  id: 'dependencies',
  check: (ctx) => {
    const s = ctx.section('1.2');
    if (!ctx.scope) return fail('dependencies', s?.line ?? null, [notInWbsReason()]);
    if (!s) return fail('dependencies', null, ['Section 1.2 (Upstream Dependencies) is missing.']);
    const text = stripTodoCallouts(ctx.textOf(s));
    const reasons = ctx.scope.upstream
      .filter((id) => !new RegExp(`(?:^|[^\\p{L}\\p{N}_])${id}(?!\\d)`, 'u').test(text))
      .map((id) => `Section 1.2 (Upstream Dependencies) does not name ${id}, which the WBS lists as a dependency.`);
    if (ctx.scope.upstream.length === 0 && text.trim() === '') {
      reasons.push('Section 1.2 (Upstream Dependencies) is empty; it should say that there are none.');
    }
    return reasons.length === 0 ? pass('dependencies', s.line) : fail('dependencies', s.line, reasons);
  },
};
