import type { Escalation } from '../../contracts/escalation';
import { findWorkstreams } from '../../wbs/parse-wbs';
import type { EscalationContext } from '../context';
import { escalationFor, quoted, wbsAt, wbsEvidence, wbsPlace } from '../evidence';

export const RULE = 'no-tasks';

/**
 * Escalates when the WBS defines the planned workstream but lists no task under any of its
 * definitions: every section of the plan must trace back to a WBS task. Stays quiet when the WBS
 * lacks the workstream altogether (that is `workstream-not-in-wbs`, or a usage error).
 */
export function noTasks(ctx: EscalationContext): Escalation[] {
  const defs = findWorkstreams(ctx.wbs, ctx.workstreamId);
  if (defs.length === 0 || defs.some((w) => w.tasks.length > 0)) return [];
  const id = ctx.workstreamId;
  const first = defs[0]!;
  return [
    escalationFor(ctx, RULE, {
      blocker: `The WBS defines ${id} but lists no tasks for it, so there is nothing to specify.`,
      mesoSection: `None: the gap is in ${wbsPlace(ctx)}, not in the meso plan.`,
      evidence: defs.map((w) =>
        wbsEvidence(ctx, w.line, `${id} ${quoted(w.name)} is defined here, ${w.format === 'table' ? 'as table rows' : 'under a heading'}, with no task rows or task bullets`),
      ),
      questions: [
        `Which tasks make up ${id}, with their ids and estimates?`,
        `Should ${id} be in this phase's WBS at all, or was its task list left for later?`,
      ],
      recommendation: `Add ${id}'s tasks to the WBS (one line each, with an id such as ${id}.1 and an estimate), then plan again.`,
      ...wbsAt(ctx, first.line),
    }),
  ];
}
