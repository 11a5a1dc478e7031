import type { Escalation } from '../../contracts/escalation';
import { findWorkstreams } from '../../wbs/parse-wbs';
import type { EscalationContext } from '../context';
import { escalationFor, quoted, wbsAt, wbsEvidence, wbsPlace } from '../evidence';

export const RULE = 'duplicate-workstream';

/**
 * Escalates when the WBS defines the planned workstream's id more than once: the planner cannot tell
 * which definition (tasks, dependencies, name) is the real one.
 */
export function duplicateWorkstream(ctx: EscalationContext): Escalation[] {
  const defs = findWorkstreams(ctx.wbs, ctx.workstreamId);
  if (defs.length < 2) return [];
  const id = ctx.workstreamId;
  const lines = defs.map((w) => w.line).join(', ');
  return [
    escalationFor(ctx, RULE, {
      blocker: `The WBS defines ${id} ${defs.length} times (lines ${lines}), so its scope is ambiguous.`,
      mesoSection: `None: the duplicate is in ${wbsPlace(ctx)}.`,
      evidence: defs.map((w) =>
        wbsEvidence(ctx, w.line, `${id} ${quoted(w.name)} with ${w.tasks.length} task${w.tasks.length === 1 ? '' : 's'}${w.dependsOn.length ? `, depending on ${w.dependsOn.join(', ')}` : ''}`),
      ),
      questions: [
        `Which of the ${defs.length} definitions of ${id} is current?`,
        `Are they one workstream split by mistake (merge them) or different workstreams that need distinct ids?`,
      ],
      recommendation: `Keep one definition of ${id} in the WBS: merge the task lists or renumber the other workstream, then plan again.`,
      ...wbsAt(ctx, defs[1]!.line),
    }),
  ];
}
