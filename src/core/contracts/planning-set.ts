import type { NoteMeta } from './note-meta';
import type { Role } from './settings';

/** How discovery found the note that fills a role. */
export type FoundBy = 'configured' | 'default-path' | 'project-link' | 'tag' | 'planning-set';

export interface PlanningNote {
  role: Role;
  path: string;
  foundBy: FoundBy;
  text: string;
  meta: NoteMeta;
}

export interface ProjectNote {
  /** The project note's path, or the project folder's (`01-Projects/Acme`) when it has no note. */
  path: string;
  /** The note's basename (or the folder's name): the project's name. */
  name: string;
  /** The project folder (`01-Projects/Acme`), when the project is a folder. */
  folder?: string;
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
  /**
   * The folder the planning set was found in (`01-Projects/Acme/Planning/v2`), when discovery found
   * it as a folder of role-named notes; null when the notes came from settings, the seed's default
   * paths or a project note's links. Plans and escalations of such a set are written beside it.
   */
  folder: string | null;
  notes: Partial<Record<Role, PlanningNote>>;
  /** Optional roles that no note fills (required roles missing are an error or an escalation). */
  missing: Role[];
  warnings: PlannerWarning[];
}
