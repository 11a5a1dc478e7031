import type { Escalation } from '../../contracts/escalation';
import { splitFrontmatter } from '../../markdown/frontmatter-block';
import { maskCode } from '../../markdown/code-mask';
import { namesWorkstream } from '../../scope/names-workstream';
import type { EscalationContext } from '../context';
import { escalationFor, plannedWorkstreamName, quoted, workstreamLabel } from '../evidence';

export const RULE = 'meso-silent';

/**
 * Escalates when the meso plan is there and has content, but nothing in it names the planned
 * workstream: no heading, line or contract carries its id (`W3`, `Workstream 3`, a task id such as
 * `W3.1`) or its name as whole words, outside code. The plan would have no architecture decisions to
 * trace to. An empty or missing meso plan is `meso-missing`, not this.
 */
export function mesoSilent(ctx: EscalationContext): Escalation[] {
  const meso = ctx.meso;
  if (meso === null) return [];
  const { bodyOffset } = splitFrontmatter(meso.text);
  const body = maskCode(meso.text).slice(bodyOffset);
  if (body.trim() === '') return [];
  const id = ctx.workstreamId;
  const name = plannedWorkstreamName(ctx);
  if (namesWorkstream(body, id, name)) return [];
  const searched = name ? `its id ${id} (also as "Workstream ${id.slice(1)}" or a task id such as ${id}.1) and its name ${quoted(name)}` : `its id ${id} (also as "Workstream ${id.slice(1)}" or a task id such as ${id}.1)`;
  const label = workstreamLabel(id, name);
  return [
    escalationFor(ctx, RULE, {
      blocker: `The meso-level plan ${meso.path} never mentions ${label}, so there are no architecture decisions for it to plan against.`,
      mesoSection: `None: no heading or line of ${meso.path} names ${id}.`,
      evidence: [
        `Searched every heading and line of ${meso.path} (${meso.headings.length} heading${meso.headings.length === 1 ? '' : 's'}, code blocks excluded) for ${searched}: no match.`,
      ],
      questions: [
        `Which architecture decisions of the meso plan apply to ${label}: its components, data it owns, and the interfaces it exposes?`,
        `Which contracts does ${id} provide to or consume from other workstreams?`,
        `Is ${id} covered in the meso plan under another id or name, and if so which?`,
      ],
      recommendation: `Add a section for ${label} to ${meso.path} (its architecture decisions and its contracts with other workstreams), or correct the id or name under which it appears, then plan again.`,
      file: meso.path,
    }),
  ];
}
