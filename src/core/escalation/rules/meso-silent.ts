import type { Escalation } from '../../contracts/escalation';
import { splitFrontmatter } from '../../markdown/frontmatter-block';
import { maskCode } from '../../markdown/code-mask';
import { namesWorkstream } from '../../scope/names-workstream';
import type { EscalationContext, EscalationMeso } from '../context';
import { workstreamModules } from '../../scope/modules';
import { sectionEnd } from '../../scope/section-entries';
import { namedIds } from '../../scope/workstream-refs';
import { escalationFor, mesoTarget, plannedWorkstreamName, quoted, workstreamLabel } from '../evidence';

export const RULE = 'meso-silent';

/** Titles of the meso section that lists the workstreams or epics ("10. Readiness for Micro-Level Planning"). */
const READINESS = /\breadiness\b|\bworkstreams?\b|\bepics?\b|\bmilestones?\b/i;

/**
 * Other ways a meso plan written with the upstream prompts covers a workstream without its id or
 * name: an epic label or a range (`Epic 3`, `Epics 1–3`); the readiness section's numbered list of
 * workstreams, whose N-th entry is the WBS's N-th epic (`3) Scene & UI` for Epic C); or components,
 * interfaces or integration points that the workstream's tasks touch, which are architecture
 * decisions it plans against.
 */
function mesoConcerns(ctx: EscalationContext, meso: EscalationMeso, body: string): boolean {
  const id = ctx.workstreamId;
  if (namedIds(body, ctx.wbs).includes(id)) return true;
  const ids = [...new Set(ctx.wbs.workstreams.map((w) => w.id))];
  const position = ids.indexOf(id) + 1;
  const lines = meso.text.split('\n');
  const heads = meso.headings;
  for (const h of heads.filter((x) => READINESS.test(x.text))) {
    const end = sectionEnd(heads, h, lines.length);
    for (const line of lines.slice(h.line, end)) {
      // An entry written with the id (`W2.`, `WS-2:`) was found above as the id itself: only bare numbers are left.
      const m = /^\s*(?:[-*+]\s+)?(?:\*\*)?(\d{1,2})[.):]\s+\S/.exec(line);
      if (m && Number(m[1]) === position) return true;
    }
  }
  const ws = ctx.wbs.workstreams.find((w) => w.id === id);
  // Without tasks nothing is touched (the name was searched for already).
  if (!ws) return false;
  const { modules, interfaces } = workstreamModules(ws, ctx.wbs, { text: meso.text, heads: meso.headings, linkTarget: mesoTarget(ctx, meso) }, null);
  return interfaces.length > 0 || modules.some((m) => m.mesoSections.some((s) => s.reason === 'component'));
}

/**
 * Escalates when the meso plan is there and has content, but nothing in it covers the planned
 * workstream: no heading, line or contract carries its id (`W3`, `Workstream 3`, a task id such as
 * `W3.1`), epic label or name as whole words, outside code; its readiness list has no entry of its
 * number; and none of its tasks touches a component, interface or integration point the meso plan
 * describes. The plan would have no architecture decisions to trace to. An empty or missing meso
 * plan is `meso-missing`, not this.
 */
export function mesoSilent(ctx: EscalationContext): Escalation[] {
  const meso = ctx.meso;
  if (meso === null) return [];
  const { bodyOffset } = splitFrontmatter(meso.text);
  const body = maskCode(meso.text).slice(bodyOffset);
  if (body.trim() === '') return [];
  const id = ctx.workstreamId;
  const name = plannedWorkstreamName(ctx);
  if (namesWorkstream(body, id, name) || mesoConcerns(ctx, meso, body)) return [];
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
