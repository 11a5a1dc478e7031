import type { NoteMeta } from './note-meta';
import type { Role } from './settings';

/** How discovery found the note that fills a role. */
export type FoundBy = 'configured' | 'default-path' | 'project-link' | 'tag';

export interface PlanningNote {
  role: Role;
  path: string;
  foundBy: FoundBy;
  text: string;
  meta: NoteMeta;
}

export interface ProjectNote {
  path: string;
  /** The note's basename: the project's name. */
  name: string;
}

/** A notice for the user that does not stop planning. */
export interface PlannerWarning {
  kind:
    | 'bad-frontmatter'
    | 'marked-superseded'
    | 'optional-missing'
    | 'empty-note'
    | 'large-note'
    | 'provider-fallback'
    | 'outline-fallback'
    /** Something about the WBS: dependency sources that disagree, a note that numbers workstreams differently. */
    | 'wbs'
    | 'other';
  file?: string;
  line?: number;
  /** One plain sentence, already phrased for the user. */
  message: string;
}

export interface PlanningSet {
  project: ProjectNote | null;
  notes: Partial<Record<Role, PlanningNote>>;
  /** Optional roles that no note fills (required roles missing are an error or an escalation). */
  missing: Role[];
  warnings: PlannerWarning[];
}
