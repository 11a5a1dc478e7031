import type { Wbs } from './wbs';
import type { WorkstreamScope } from './scope';
import type { Outline } from './outline';
import type { NoteHeading } from './note-meta';

/** Everything a generator needs to write one workstream's plan. Built by the planner, never by a provider. */
export interface PlanInput {
  scope: WorkstreamScope;
  wbs: Wbs;
  outline: Outline;
  /** Project name shown in the title block. */
  projectName: string;
  /** Frontmatter `project`, e.g. `[[01-Projects/Acme]]`. */
  projectLink: string;
  /** Frontmatter `source_plan`: a wikilink that resolves to the meso plan used. */
  sourcePlanLink: string;
  /** YYYY-MM-DD, from the clock passed in. */
  created: string;
  /**
   * Version of the meso plan (its frontmatter `version`); null when it states none or its
   * frontmatter does not parse, and the title block then says so rather than inventing one.
   */
  mesoVersion: string | null;
  /**
   * The meso plan's full text (frontmatter included), so a generator without a model can quote
   * what it says about the workstream. Optional: without it, drafts carry links only.
   */
  mesoText?: string;
  /** The meso plan's headings, lines 1-based in `mesoText`; parsed from `mesoText` when absent. */
  mesoHeadings?: NoteHeading[];
}
