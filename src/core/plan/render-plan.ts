/**
 * The plan note as an ordered list of parts, so a streaming generator can write it append-only:
 * the core owns the frontmatter, the title block, every heading, the dependency facts of 1.2 and
 * 1.3, the 11.1 checklist (unticked: the checker ticks it once the note is written) and the
 * footer; a generator (a model, or the offline provider) writes the bodies of the parts it owns.
 */
import type { PlanInput } from '../contracts/plan-input';
import type { PlanStatus } from '../contracts/plan-frontmatter';
import { downstreamFacts, upstreamFacts } from './dependency-facts';
import { renderPlanFrontmatter } from './render-frontmatter';
import {
  APPENDICES,
  EXECUTIVE_SUMMARY,
  NUMBERED_SECTIONS,
  TITLE_BLOCK_FIELDS,
  endpointSection,
  footerText,
  headingLine,
  moduleSection,
  titleHeading,
  uncheckedChecklist,
  type SkeletonSection,
} from './skeleton';

export interface PlanPart {
  /** Stable key: 'frontmatter', 'title', 'exec', a section number ('1', '2.1', '2.1.3', '11.1'), 'appendices', 'footer'. */
  key: string;
  /** The exact heading line the core writes, or null for the frontmatter and the footer. */
  heading: string | null;
  owner: 'core' | 'model';
  /** What the core writes under the heading (core parts only; '' for a heading with nothing under it). */
  coreBody?: string;
  /** One sentence on what a model part should hold (model parts only). */
  hint?: string;
  /** Written, with its reason, when the model leaves out a part the format asks for only in some cases. */
  notApplicable?: string;
}

export interface RenderPlanOptions {
  /** Markdown put right under the title heading, before the title block (e.g. a draft warning). */
  banner?: string;
}

/** Model bodies only: core parts ignore it. */
export type PartBodies = (part: PlanPart) => string;

/** What the title block says when the meso plan states no version: the core does not invent one. */
export const MESO_VERSION_NOT_STATED = 'not stated in the meso-level plan';

/**
 * Every part of the note in document order. `status` sets the frontmatter's `status` and the
 * footer. @default status 'draft'
 */
export function planParts(input: PlanInput, status: PlanStatus = 'draft', options: RenderPlanOptions = {}): PlanPart[] {
  const { scope, wbs, outline } = input;
  const ws = scope.workstream;
  const parts: PlanPart[] = [];
  const core = (key: string, heading: string | null, coreBody: string): void => {
    parts.push({ key, heading, owner: 'core', coreBody });
  };
  const model = (s: SkeletonSection, key = s.number ?? ''): void => {
    parts.push({ key, heading: headingLine(s), owner: 'model', hint: s.hint, ...(s.notApplicable ? { notApplicable: s.notApplicable } : {}) });
  };

  core(
    'frontmatter',
    null,
    renderPlanFrontmatter({
      tags: ['workstream-plan', 'micro-level', ws.id],
      project: input.projectLink,
      workstream_id: ws.id,
      workstream_name: ws.name,
      source_plan: input.sourcePlanLink,
      created: input.created,
      status,
      // The label the WBS gives the workstream (`Epic 2`) travels with the plan.
      ...(ws.label ? { planner: { workstream_label: ws.label } } : {}),
    }),
  );
  const values: Record<(typeof TITLE_BLOCK_FIELDS)[number], string> = {
    Project: input.projectName,
    'Workstream ID': ws.id,
    'Workstream Name': ws.name,
    Version: '1.0',
    Date: input.created,
    'Meso-Level Plan Version': input.mesoVersion ?? MESO_VERSION_NOT_STATED,
  };
  const titleBlock = TITLE_BLOCK_FIELDS.map((f) => `**${f}:** ${values[f]}`).join('\n');
  core('title', titleHeading(ws.id, ws.name), options.banner ? `${options.banner.trimEnd()}\n\n${titleBlock}` : titleBlock);
  model(EXECUTIVE_SUMMARY, 'exec');

  for (const top of NUMBERED_SECTIONS) {
    const n = top.number!;
    if (n === '2') {
      core(n, headingLine(top), '');
      outline.modules.forEach((m, i) => {
        const mod = moduleSection(i + 1, m.name);
        core(mod.number!, headingLine(mod), '');
        for (const sub of mod.children) model(sub);
      });
    } else if (n === '3') {
      core(n, headingLine(top), outline.endpoints.length === 0 ? noEndpointsSentence(ws.id) : '');
      outline.endpoints.forEach((e, i) => model(endpointSection(i + 1, e.method, e.path)));
    } else if (top.children.length === 0) {
      // Section 6 names its own integrations.
      model(top);
    } else {
      core(n, headingLine(top), '');
      for (const child of top.children) {
        const c = child.number!;
        if (c === '1.2') core(c, headingLine(child), upstreamFacts(scope, wbs));
        else if (c === '1.3') core(c, headingLine(child), downstreamFacts(scope, wbs));
        else if (c === '11.1') core(c, headingLine(child), uncheckedChecklist());
        else model(child);
      }
    }
  }
  model(APPENDICES, 'appendices');
  core('footer', null, footerText(status));
  return parts;
}

/**
 * The sentence section 3 carries when the outline lists no endpoint; the api-contracts item
 * accepts it as "the workstream exposes no endpoints". It claims only what was looked for:
 * endpoints are recognised as `METHOD /path`, so a path named without its method is not one.
 */
export function noEndpointsSentence(workstreamId: string): string {
  return `No endpoint written as METHOD /path was found in ${workstreamId}'s WBS tasks or meso sections; if it exposes HTTP endpoints, list each here as \`### 3.N METHOD /path\`.`;
}

/**
 * The text of one part as it is appended to the note: a `---` rule before each level-2 heading
 * and before the footer, as the output format has them, then the heading and the body.
 */
export function renderPart(part: PlanPart, body: string): string {
  if (part.key === 'frontmatter') return `${body.trimEnd()}\n\n`;
  const rule = part.key === 'footer' || part.heading?.startsWith('## ') ? '---\n\n' : '';
  const text = body.replace(/^\n+/, '').trimEnd();
  if (part.heading === null) return `${rule}${text}\n`;
  return text === '' ? `${rule}${part.heading}\n\n` : `${rule}${part.heading}\n\n${text}\n\n`;
}
