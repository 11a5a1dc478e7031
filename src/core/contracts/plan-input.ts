import type { Wbs } from './wbs';
import type { WorkstreamScope } from './scope';
import type { Outline } from './outline';

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
  /** Version of the meso plan (its frontmatter `version`), "1.0" when it states none. */
  mesoVersion: string;
}
