import type { Escalation } from '../../contracts/escalation';
import { splitFrontmatter } from '../../markdown/frontmatter-block';
import type { EscalationContext } from '../context';
import { escalationFor } from '../evidence';

export const RULE = 'meso-missing';

/**
 * Escalates when there is no meso-level plan, or when the one found holds nothing but frontmatter
 * and whitespace: the meso plan is the planner's single source of truth. A meso plan that discovery
 * dropped as empty (`ctx.mesoEmptyPath`) is reported as that empty note, not as a missing one.
 */
export function mesoMissing(ctx: EscalationContext): Escalation[] {
  const id = ctx.workstreamId;
  if (ctx.meso === null && ctx.mesoEmptyPath !== undefined) {
    const path = ctx.mesoEmptyPath;
    return [
      escalationFor(ctx, RULE, {
        blocker: `The meso-level plan ${path} is empty, so it holds no architecture decisions for ${id}.`,
        mesoSection: 'The whole meso-level plan: it has no sections.',
        evidence: [`${path} was found but has no content after its frontmatter, so it was set aside as empty.`],
        questions: [
          `Is ${path} the right note for the meso-level plan, or was its content lost or never saved?`,
          `Which architecture decisions apply to ${id}?`,
        ],
        recommendation: `Fill in ${path} (at least a section for ${id} and its cross-workstream contracts), or point the settings at the right note, then plan again.`,
        file: path,
      }),
    ];
  }
  if (ctx.meso === null) {
    return [
      escalationFor(ctx, RULE, {
        blocker: `No meso-level plan was found, so there is no architecture for ${id} to plan against.`,
        mesoSection: 'The whole meso-level plan: no note fills that role.',
        evidence: [
          'No note was found at the configured meso-plan path, at the default path, through the project note\'s links or by tag.',
        ],
        questions: [
          'Where is the approved meso-level plan for this project?',
          'If it has not been written yet, who will write it, and when?',
        ],
        recommendation:
          'Write or locate the meso-level plan, set its path in the plugin settings (or link it from the project note), then plan this workstream again.',
      }),
    ];
  }
  const { path, text } = ctx.meso;
  const { bodyOffset, bodyStartLine } = splitFrontmatter(text);
  if (text.slice(bodyOffset).trim() !== '') return [];
  return [
    escalationFor(ctx, RULE, {
      blocker: `The meso-level plan ${path} is empty, so it holds no architecture decisions for ${id}.`,
      mesoSection: 'The whole meso-level plan: it has no sections.',
      evidence: [`${path} line ${bodyStartLine}: the note has no content after its frontmatter.`],
      questions: [
        `Is ${path} the right note for the meso-level plan, or was its content lost or never saved?`,
        `Which architecture decisions apply to ${id}?`,
      ],
      recommendation: `Fill in ${path} (at least a section for ${id} and its cross-workstream contracts), or point the settings at the right note, then plan again.`,
      file: path,
      line: bodyStartLine,
    }),
  ];
}
