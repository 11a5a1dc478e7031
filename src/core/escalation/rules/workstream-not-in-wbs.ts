import type { Escalation } from '../../contracts/escalation';
import { parseContractHeadingAll } from '../../wbs/contract-heading';
import { findWorkstreams } from '../../wbs/parse-wbs';
import type { EscalationContext } from '../context';
import { escalationFor, headingLink, mesoEvidence, quoted, sectionLinkAt } from '../evidence';

export const RULE = 'workstream-not-in-wbs';

/** At most this many meso lines are quoted as evidence; the rest are counted. */
const MAX_QUOTED = 3;

/**
 * Escalates when the meso plan names a workstream that the WBS lacks, where it concerns the planned
 * workstream:
 * - the planned id itself is mentioned in the meso plan but has no WBS entry (callers normally refuse
 *   such an id as a usage error first; this covers direct callers and a WBS that lost the entry);
 * - a meso contract heading has the planned workstream on one side (`W5 → W2`) and, on the other, a
 *   workstream the WBS does not define. Ids already in the planned workstream's WBS dependencies are
 *   left to `undefined-dependency`, so one gap is reported once.
 */
export function workstreamNotInWbs(ctx: EscalationContext): Escalation[] {
  const id = ctx.workstreamId;
  const meso = ctx.meso;
  if (meso === null) return [];
  const defined = new Set(ctx.wbs.workstreams.map((w) => w.id));
  const known = [...defined].join(', ') || 'none';
  const out: Escalation[] = [];

  if (!defined.has(id)) {
    const mentions = ctx.mesoMentions.filter((m) => m.id === id);
    if (mentions.length > 0) {
      const first = mentions[0]!;
      const rest = mentions.length - MAX_QUOTED;
      out.push(
        escalationFor(ctx, RULE, {
          blocker: `The meso plan describes ${id}, but the WBS has no entry for it, so there are no tasks to plan.`,
          mesoSection: sectionLinkAt(ctx, meso, first.line),
          evidence: [
            ...mentions.slice(0, MAX_QUOTED).map((m) => mesoEvidence(meso, m.line)),
            ...(rest > 0 ? [`…and ${rest} more line${rest === 1 ? '' : 's'} of ${meso.path} mention ${id}.`] : []),
            `The WBS defines these workstreams: ${known}.`,
          ],
          questions: [
            `Should ${id} be added to the WBS, and with which tasks and dependencies?`,
            `Or does the meso plan's ${id} correspond to a workstream the WBS numbers differently?`,
          ],
          recommendation: `Add ${id} with its tasks to the WBS in the overall micro-level plan (or fix the numbering in one of the notes), then plan again.`,
          file: meso.path,
          line: first.line,
        }),
      );
    }
  }

  const dependsOn = new Set(findWorkstreams(ctx.wbs, id).flatMap((w) => w.dependsOn));
  const reported = new Set<string>();
  for (const h of meso.headings) {
    for (const c of parseContractHeadingAll(h.text)) {
      if (c.from !== id && c.to !== id) continue;
      const other = c.from === id ? c.to : c.from;
      if (other === id || defined.has(other) || dependsOn.has(other) || reported.has(other)) continue;
      reported.add(other);
      const role = c.from === id ? `${id} provides to ${other}` : `${other} provides to ${id}`;
      out.push(
        escalationFor(ctx, RULE, {
          blocker: `The meso plan has a contract between ${id} and ${other}, but the WBS defines no workstream ${other}, so that side of the contract has no owner.`,
          mesoSection: headingLink(ctx, meso, h),
          evidence: [mesoEvidence(meso, h.line, `a contract in which ${role}`), `The WBS defines these workstreams: ${known}.`],
          questions: [
            `Which workstream is ${other}: is it missing from the WBS, or is the contract heading misnumbered?`,
            `Is the contract ${quoted(h.text)} still part of ${id}'s scope?`,
          ],
          recommendation: `Add ${other} to the WBS, or correct the contract heading to name a defined workstream, then plan again.`,
          file: meso.path,
          line: h.line,
        }),
      );
    }
  }
  return out;
}
