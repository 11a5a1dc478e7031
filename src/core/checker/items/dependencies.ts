import { normaliseWorkstreamId, scanWorkstreamTokens } from '../../wbs/workstream-id';
import { stripTodoCallouts } from '../content';
import { fail, notInWbsReason, pass, type ReadinessCheck } from '../context';

/**
 * Section 1.2 names every upstream workstream of the WBS, in any spelling the WBS reader accepts
 * (`W1`, `w1`, `W-01`, `WS-01`, `Workstream 1`, a task id `W1.3`); `W10` never counts as `W1`.
 */
export const dependencies: ReadinessCheck = {
  id: 'dependencies',
  check: (ctx) => {
    const s = ctx.section('1.2');
    if (!ctx.scope) return fail('dependencies', s?.line ?? null, [notInWbsReason()]);
    if (!s) return fail('dependencies', null, ['Section 1.2 (Upstream Dependencies) is missing.']);
    const text = stripTodoCallouts(ctx.textOf(s));
    const named = new Set(scanWorkstreamTokens(text).map((t) => t.id));
    const reasons = ctx.scope.upstream
      .filter((id) => !named.has(normaliseWorkstreamId(id) ?? id))
      .map((id) => `Section 1.2 (Upstream Dependencies) does not name ${id}, which the WBS lists as a dependency.`);
    if (ctx.scope.upstream.length === 0 && text.trim() === '') {
      reasons.push('Section 1.2 (Upstream Dependencies) is empty; it should say that there are none.');
    }
    return reasons.length === 0 ? pass('dependencies', s.line) : fail('dependencies', s.line, reasons);
  },
};
