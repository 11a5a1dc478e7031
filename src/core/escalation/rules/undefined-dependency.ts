import type { Escalation } from '../../contracts/escalation';
import { findWorkstreams } from '../../wbs/parse-wbs';
import type { EscalationContext } from '../context';
import { escalationFor, wbsAt, wbsEvidence, wbsPlace } from '../evidence';

export const RULE = 'undefined-dependency';

/**
 * Escalates, once per missing id, when the WBS says the planned workstream depends on a workstream
 * id that the WBS never defines: the plan could not state what that upstream provides.
 */
export function undefinedDependency(ctx: EscalationContext): Escalation[] {
  const id = ctx.workstreamId;
  const defined = new Set(ctx.wbs.workstreams.map((w) => w.id));
  const out: Escalation[] = [];
  const seen = new Set<string>();
  for (const ws of findWorkstreams(ctx.wbs, id)) {
    for (const dep of ws.dependsOn) {
      if (defined.has(dep) || seen.has(dep)) continue;
      seen.add(dep);
      const line = ws.dependsLine ?? ws.line;
      // Never empty: the planned workstream itself is defined.
      const known = [...defined].join(', ');
      out.push(
        escalationFor(ctx, RULE, {
          blocker: `${id} depends on ${dep}, but the WBS defines no workstream ${dep}, so that dependency cannot be planned against.`,
          mesoSection: `None: the dependency is stated in ${wbsPlace(ctx)}.`,
          evidence: [
            wbsEvidence(ctx, line, `${id} lists ${dep} among its dependencies`),
            `The WBS defines these workstreams: ${known}.`,
          ],
          questions: [
            `Is ${dep} a typo for one of the defined workstreams, and if so which?`,
            `If ${dep} is a real workstream, what are its name and tasks, and what does it provide to ${id}?`,
          ],
          recommendation: `Correct ${id}'s dependency list, or add ${dep} to the WBS with its tasks (and its contract with ${id} to the meso plan), then plan again.`,
          ...wbsAt(ctx, line),
        }),
      );
    }
  }
  return out;
}
