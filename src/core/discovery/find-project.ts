import type { PlannerError } from '../contracts/errors';
import type { Settings } from '../contracts/settings';
import { err, ok, type Result } from '../result';
import { resolveLinkpath } from '../vault/link-resolver';
import type { NoteLoader } from './note-loader';
import { frontmatterTags, retiredBecause } from './note-marks';

/** The folder whose top-level notes are project notes when none is configured or named. */
export const PROJECTS_FOLDER = '01-Projects';

export type ProjectSearch =
  | { kind: 'found'; path: string }
  | { kind: 'none' }
  | { kind: 'ambiguous'; candidates: string[] };

/**
 * Which note is the project note: `settings.projectNote`, else `project` (a path, with or without
 * `.md`, or a name resolved as a link is), else the notes directly in `01-Projects/`: those tagged
 * `project` when any are, otherwise all of them (retired ones never count). A configured or named
 * project that does not exist is `project-not-found`; several candidates are reported, not an error,
 * so the caller decides whether it needed the project at all.
 */
export async function findProject(
  settings: Settings,
  project: string | undefined,
  allPaths: readonly string[],
  loader: NoteLoader,
): Promise<Result<ProjectSearch, PlannerError>> {
  const configured = settings.projectNote.trim();
  const named = configured !== '' ? configured : (project ?? '').trim();
  if (named !== '') {
    const path = locate(named, allPaths);
    return path === null ? err({ kind: 'project-not-found', path: named }) : ok({ kind: 'found', path });
  }

  const inFolder = allPaths.filter((p) => {
    const slash = p.indexOf('/');
    return slash >= 0 && p.slice(0, slash).toLowerCase() === PROJECTS_FOLDER.toLowerCase() && !p.slice(slash + 1).includes('/');
  });
  const live: { path: string; tagged: boolean }[] = [];
  for (const path of inFolder) {
    const meta = await loader.meta(path);
    if (retiredBecause(path, meta.frontmatter) !== null) continue;
    live.push({ path, tagged: frontmatterTags(meta.frontmatter).includes('project') });
  }
  const tagged = live.filter((c) => c.tagged);
  const pool = (tagged.length > 0 ? tagged : live).map((c) => c.path);
  if (pool.length === 0) return ok({ kind: 'none' });
  if (pool.length === 1) return ok({ kind: 'found', path: pool[0]! });
  return ok({ kind: 'ambiguous', candidates: pool });
}

/** A path as given, the path with `.md` added, or a name resolved the way a link from the root is. */
function locate(named: string, allPaths: readonly string[]): string | null {
  const path = named.replace(/^\/+/, '');
  const lower = path.toLowerCase();
  const exact = allPaths.find((p) => p === path || p === `${path}.md`);
  if (exact) return exact;
  const folded = allPaths.find((p) => p.toLowerCase() === lower || p.toLowerCase() === `${lower}.md`);
  if (folded) return folded;
  return resolveLinkpath(path, '', allPaths);
}
