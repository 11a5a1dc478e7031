/**
 * Writes escalations as Markdown: one Obsidian callout per escalation, carrying the seed's fields in
 * the seed's order, and the escalation note that holds them. The core renders the note's YAML itself
 * (a fixed schema) so it never needs a YAML library.
 */
import { ESCALATION_AGENT, type Escalation } from '../contracts/escalation';
import { workstreamLabel } from './evidence';

/** The callout type; `parseEscalationCallouts` looks for the same word. */
export const ESCALATION_CALLOUT_TYPE = 'escalation';
export const ESCALATION_CALLOUT_TITLE = 'Escalation Request';

/** Field labels, in the seed's order. */
export const ESCALATION_FIELDS = [
  'Agent',
  'Workstream',
  'Blocker',
  'Meso-plan section',
  'Evidence',
  'Questions',
  'Recommendation',
] as const;
export type EscalationField = (typeof ESCALATION_FIELDS)[number];

/** A field value on one line: line breaks become spaces, so a value never leaves its bullet. */
function oneLine(s: string): string {
  return s.replace(/\s*\r?\n\s*/g, ' ').trim();
}

function field(label: EscalationField, value: string): string {
  return `> - **${label}:** ${oneLine(value)}`;
}

/** One item inline; several as nested bullets under the label. */
function listField(label: EscalationField, items: string[]): string[] {
  const clean = items.map(oneLine).filter((s) => s !== '');
  if (clean.length === 1) return [field(label, clean[0]!)];
  return [`> - **${label}:**`, ...clean.map((s) => `>   - ${s}`)];
}

/**
 * One escalation as a callout:
 * `> [!escalation] Escalation Request — W2: Inspection API`, then the seven fields as bullets.
 * No trailing newline.
 */
export function renderEscalationCallout(e: Escalation): string {
  const label = workstreamLabel(e.workstreamId, oneLine(e.workstreamName));
  return [
    `> [!${ESCALATION_CALLOUT_TYPE}] ${ESCALATION_CALLOUT_TITLE} — ${label}`,
    field('Agent', ESCALATION_AGENT),
    field('Workstream', label),
    field('Blocker', e.blocker),
    field('Meso-plan section', e.mesoSection),
    ...listField('Evidence', e.evidence),
    ...listField('Questions', e.questions),
    field('Recommendation', e.recommendation),
  ].join('\n');
}

export interface EscalationNoteArgs {
  escalations: Escalation[];
  /** Frontmatter `project`, a wikilink such as `[[01-Projects/Tidewater]]`. */
  projectLink: string;
  /** Frontmatter `source_plan`, a wikilink to the meso-level plan. */
  sourcePlanLink: string;
  /** YYYY-MM-DD, from the clock the caller passes in. */
  created: string;
  workstreamId: string;
  workstreamName: string;
}

/** A YAML double-quoted scalar; JSON's string escapes are valid YAML. */
function yamlString(s: string): string {
  return JSON.stringify(s);
}

function blockerCount(n: number): string {
  return n === 1 ? 'one blocker' : `${n} blockers`;
}

/**
 * The escalation note: frontmatter (status `escalated`), a title, why no plan was written, one
 * callout per escalation, and what to do next. Ends with a newline.
 */
export function renderEscalationNote(args: EscalationNoteArgs): string {
  const { workstreamId: id } = args;
  const name = oneLine(args.workstreamName);
  const label = workstreamLabel(id, name);
  const frontmatter = [
    '---',
    `tags: [workstream-escalation, micro-level, ${id}]`,
    `project: ${yamlString(args.projectLink)}`,
    `workstream_id: ${yamlString(id)}`,
    `workstream_name: ${yamlString(name)}`,
    `source_plan: ${yamlString(args.sourcePlanLink)}`,
    `created: ${yamlString(args.created)}`,
    'status: escalated',
    '---',
  ];
  const title = name ? `# Workstream ${id} Escalation: ${name}` : `# Workstream ${id} Escalation`;
  const why =
    `No micro-level plan was written for ${label}, because the planner found ` +
    `${blockerCount(args.escalations.length)} in its planning inputs that a person has to settle first.`;
  const next =
    `**What next:** fix the meso-level plan or the WBS as each request asks, then plan ${id} again; ` +
    'once a plan is written, this note is marked resolved.';
  const callouts = args.escalations.map(renderEscalationCallout);
  return [...frontmatter, '', title, '', why, '', ...callouts.flatMap((c) => [c, '']), next, ''].join('\n');
}
