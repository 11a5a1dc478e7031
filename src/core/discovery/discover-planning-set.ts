import type { PlannerError } from '../contracts/errors';
import type { FoundBy, PlannerWarning, PlanningNote, PlanningSet, ProjectNote } from '../contracts/planning-set';
import {
  configuredPath,
  DEFAULT_ROLE_PATHS,
  REQUIRED_ROLES,
  ROLE_LABELS,
  ROLE_SETTING_KEYS,
  ROLES,
  type Role,
  type Settings,
} from '../contracts/settings';
import { err, ok, type Result } from '../result';
import type { VaultPort } from '../vault/vault-port';
import { parseWikilinks, type Wikilink } from '../vault/wikilinks';
import { findProject, PROJECTS_FOLDER } from './find-project';
import { NoteLoader, type LoadedNote } from './note-loader';
import { forRole, isEmpty, noteWarnings } from './note-checks';
import { findPlanningSets, isWithin } from './planning-sets';
import { notesOfSet, planningTarget, setsFor } from './set-notes';
import { basenameOf, frontmatterTags, retiredBecause, ROLE_TAGS, rolesFromTags, rolesOfLinkedNote, type LinkContext } from './note-marks';

export { LARGE_NOTE_BYTES } from './note-checks';

export interface DiscoverOptions {
  /**
   * The project: a project note (path or basename), a project folder or a planning folder; the
   * project setting wins over it.
   */
  project?: string;
  /**
   * The folder of the note the user is working in (a plan, an escalation, the meso plan shown in the
   * panel): when it is a planning set's folder and nothing else names the project, that set is the one.
   */
  near?: string;
}

interface Candidate {
  path: string;
  linked: boolean;
  tagged: boolean;
}

/**
 * Find the notes that fill the six planning roles by role, without planning-set folders: the
 * configured paths, the seed's default paths, the project note's links and tags (the discovery
 * `discoverPlanningSet` falls back to when no folder holds a planning set).
 *
 * For each role, in order: the configured path (used even when marked superseded or archived, with
 * a warning); else the default path, when it exists and is not retired; else the notes the project
 * note links (one level, never followed further) and the notes tagged for the role. Retired notes
 * (status or tag `superseded`/`archived`, or under an `Archive` folder) are never picked unless
 * configured. Several candidates: the ones the project note links win; still several is
 * `ambiguous-role`. A linked note's role comes from, in order: its tags, the link's alias, the words
 * of the line around the link, its file name (see `rolesOfLinkedNote`).
 *
 * When the vault holds several project notes (in `01-Projects/` or tagged `project`), a note that
 * the chosen project note does not link is not taken silently: a role with only such candidates is
 * left unfilled (so the usual missing-note error, or for the meso plan the escalation), unless it
 * has exactly one candidate that no other project note links, which is used with a warning.
 *
 * The meso plan is the exception among the required roles: when it is missing or empty the set
 * comes back without `notes.meso` rather than as an error, because a missing meso plan is an
 * escalation (the caller raises it with the rest of the escalations), not a usage mistake.
 * Optional roles that nothing fills are listed in `missing` with an `optional-missing` warning.
 */
export async function discoverByRoles(
  vault: VaultPort,
  settings: Settings,
  opts: DiscoverOptions = {},
  shared?: { loader: NoteLoader; allPaths: string[] },
): Promise<Result<PlanningSet, PlannerError>> {
  const found: Found = { loader: shared?.loader ?? new NoteLoader(vault), chosen: {}, warnings: [] };
  const allPaths = shared?.allPaths ?? (await vault.listMarkdown());

  // 1. Configured and default paths: these need no project note.
  const byPath = await chooseByPath(vault, settings, allPaths, found);
  if (!byPath.ok) return byPath;
  const pending = byPath.value;

  // 2. The project note: needed only when a required role is still open, so an ambiguous
  // `01-Projects/` does not stop a vault whose notes sit at configured or default paths.
  // The PRD and the macro plan are optional, but a project note that links them should still be chosen, not skipped.
  const needProject = pending.some((r) => REQUIRED_ROLES.includes(r) || r === 'prd' || r === 'macro');
  const search = await findProject(settings, opts.project, allPaths, found.loader);
  if (!search.ok) return search;
  if (search.value.kind === 'ambiguous' && needProject) {
    return err({ kind: 'ambiguous-project', candidates: search.value.candidates });
  }
  const projectPath = search.value.kind === 'found' ? search.value.path : null;
  const project: ProjectNote | null = projectPath === null ? null : { path: projectPath, name: basenameOf(projectPath) };

  // 3. Links of the project note (one level) and tags, for the roles still open.
  if (pending.length > 0) {
    const byLinks = await chooseByLinksAndTags(vault, allPaths, project, pending, found);
    if (!byLinks.ok) return byLinks;
  }

  // 4. What is still missing, and the notices about the notes that were found.
  return assemble(project, found);
}

/** The notes chosen so far, by role, how each was found, and the warnings on the way. */
interface Found {
  loader: NoteLoader;
  chosen: Partial<Record<Role, { note: LoadedNote; foundBy: FoundBy }>>;
  warnings: PlannerWarning[];
}

/** Step 1: the configured path of each role, else its default path; returns the roles still open. */
async function chooseByPath(vault: VaultPort, settings: Settings, allPaths: readonly string[], found: Found): Promise<Result<Role[], PlannerError>> {
  const { loader, chosen, warnings } = found;
  const pending: Role[] = [];
  for (const role of ROLES) {
    const configured = configuredPath(settings, role);
    if (configured !== '') {
      const path = allPaths.includes(configured) || /\.md$/i.test(configured) || !allPaths.includes(`${configured}.md`)
        ? configured
        : `${configured}.md`;
      const loaded = await loader.load(path, role);
      if (!loaded.ok) return err(forRole(loaded.error, role));
      const why = retiredBecause(path, loaded.value.meta.frontmatter);
      if (why !== null) {
        warnings.push({
          kind: 'marked-superseded',
          file: path,
          message: `The ${ROLE_LABELS[role]} note "${path}" is used because it is configured, but ${why}.`,
        });
      }
      chosen[role] = { note: loaded.value, foundBy: 'configured' };
      continue;
    }
    const fallback = DEFAULT_ROLE_PATHS[role];
    const entry = await vault.stat(fallback);
    if (entry.kind === 'file') {
      const loaded = await loader.load(fallback, role);
      if (!loaded.ok) return err(forRole(loaded.error, role));
      if (retiredBecause(fallback, loaded.value.meta.frontmatter) === null) {
        chosen[role] = { note: loaded.value, foundBy: 'default-path' };
        continue;
      }
    }
    pending.push(role);
  }
  return ok(pending);
}

/** Step 3: the open roles from the project note's links and the notes' tags. */
async function chooseByLinksAndTags(
  vault: VaultPort,
  allPaths: readonly string[],
  project: ProjectNote | null,
  pending: readonly Role[],
  found: Found,
): Promise<Result<void, PlannerError>> {
  const { loader, chosen, warnings } = found;
  const projectPath = project?.path ?? null;
  const candidates = await gatherCandidates(vault, loader, allPaths, projectPath);
  // Several project notes: a note found only by tag may belong to another project.
  const others = projectPath === null ? [] : (await projectNotes(allPaths, loader)).filter((p) => p !== projectPath);
  const linkedByOthers = new Set<string>();
  for (const other of others) for (const target of (await linkedNotes(vault, loader, other)).keys()) linkedByOthers.add(target);
  for (const role of pending) {
    const all = candidates.get(role) ?? [];
    if (others.length > 0 && project !== null && !all.some((c) => c.linked)) {
      const only = all.length === 1 ? all[0]! : null;
      if (only === null || linkedByOthers.has(only.path)) continue; // Left missing: not this project's note.
      const loaded = await loader.load(only.path, role);
      if (!loaded.ok) return err(forRole(loaded.error, role));
      chosen[role] = { note: loaded.value, foundBy: 'tag' };
      warnings.push({
        kind: 'other',
        file: only.path,
        message: `The ${ROLE_LABELS[role]} note "${only.path}" was found by its tag, not linked from the project note "${project.path}", and the vault holds other project notes; link it from "${project.path}" (or set ${ROLE_SETTING_KEYS[role]}) if it belongs to this project.`,
      });
      continue;
    }
    const pick = pickCandidate(all);
    if (pick.kind === 'ambiguous') {
      return err({ kind: 'ambiguous-role', role, candidates: pick.candidates, setting: ROLE_SETTING_KEYS[role] });
    }
    if (pick.kind === 'none') continue;
    const loaded = await loader.load(pick.candidate.path, role);
    if (!loaded.ok) return err(forRole(loaded.error, role));
    chosen[role] = { note: loaded.value, foundBy: pick.candidate.linked ? 'project-link' : 'tag' };
  }
  return ok(undefined);
}

/** Step 4: the planning set from the chosen notes; a required role left open is an error (the meso plan an escalation). */
function assemble(project: ProjectNote | null, { chosen, warnings }: Found): Result<PlanningSet, PlannerError> {
  const notes: Partial<Record<Role, PlanningNote>> = {};
  const missing: Role[] = [];
  for (const role of ROLES) {
    const c = chosen[role];
    if (!c) {
      if (role === 'meso') continue; // An escalation, raised by the caller.
      if (REQUIRED_ROLES.includes(role)) return err({ kind: 'missing-note', role, path: null });
      missing.push(role);
      warnings.push({
        kind: 'optional-missing',
        message: `No ${ROLE_LABELS[role]} note was found: not at ${DEFAULT_ROLE_PATHS[role]}, not linked from a project note, not tagged ${ROLE_TAGS[role]} (set ${ROLE_SETTING_KEYS[role]} to its path); planning goes on without it.`,
      });
      continue;
    }
    const { note, foundBy } = c;
    warnings.push(...noteWarnings(role, note));
    if (role === 'meso' && isEmpty(note)) continue; // Empty meso plan: the same escalation as a missing one.
    notes[role] = { role, path: note.path, foundBy, text: note.text, meta: note.meta };
  }
  return ok({ project, folder: null, notes, missing, warnings });
}

/** For every role, the notes that could fill it: linked from the project note or tagged for it. */
async function gatherCandidates(
  vault: VaultPort,
  loader: NoteLoader,
  allPaths: readonly string[],
  projectPath: string | null,
): Promise<Map<Role, Candidate[]>> {
  const linked = projectPath === null ? new Map<string, LinkContext[]>() : await linkedNotes(vault, loader, projectPath);

  const byRole = new Map<Role, Candidate[]>();
  for (const path of allPaths) {
    if (path === projectPath) continue;
    const meta = await loader.meta(path);
    if (retiredBecause(path, meta.frontmatter) !== null) continue;
    const tags = frontmatterTags(meta.frontmatter);
    const links = linked.get(path);
    const tagRoles = rolesFromTags(tags);
    for (const role of links ? rolesOfLinkedNote(path, tags, links) : tagRoles) {
      const list = byRole.get(role) ?? [];
      list.push({ path, linked: links !== undefined, tagged: tagRoles.includes(role) });
      byRole.set(role, list);
    }
  }
  return byRole;
}

/**
 * Every project note in the vault: the live notes directly in `01-Projects/` and the live notes
 * tagged `project` anywhere.
 */
async function projectNotes(allPaths: readonly string[], loader: NoteLoader): Promise<string[]> {
  const out: string[] = [];
  for (const path of allPaths) {
    const meta = await loader.meta(path);
    if (retiredBecause(path, meta.frontmatter) !== null) continue;
    const slash = path.indexOf('/');
    const inFolder = slash >= 0 && path.slice(0, slash).toLowerCase() === PROJECTS_FOLDER.toLowerCase() && !path.slice(slash + 1).includes('/');
    if (inFolder || frontmatterTags(meta.frontmatter).includes('project')) out.push(path);
  }
  return out;
}

/** The notes a project note links (one level, never followed further), each with how it is linked. */
async function linkedNotes(vault: VaultPort, loader: NoteLoader, projectPath: string): Promise<Map<string, LinkContext[]>> {
  const out = new Map<string, LinkContext[]>();
  const project = await loader.load(projectPath, null);
  if (!project.ok) return out;
  const text = project.value.text;
  const links = parseWikilinks(text);
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  for (const link of links) {
    if (link.linkpath === '') continue;
    const target = await vault.resolveLink(link.linkpath, projectPath);
    if (target === null || target === projectPath) continue;
    const list = out.get(target) ?? [];
    list.push({ alias: link.alias, around: textAround(text, lineStarts, links, link) });
    out.set(target, list);
  }
  return out;
}

/** The words of a link's line before it (since the previous link), or after it when none precede. */
function textAround(text: string, lineStarts: number[], links: readonly Wikilink[], link: Wikilink): string {
  const start = lineStarts[link.line - 1] ?? 0;
  const next = lineStarts[link.line];
  const end = next === undefined ? text.length : next - 1;
  const onLine = links.filter((l) => l.line === link.line);
  const i = onLine.indexOf(link);
  const prevEnd = i > 0 ? onLine[i - 1]!.offset + onLine[i - 1]!.raw.length : start;
  const before = text.slice(prevEnd, link.offset);
  if (/[\p{L}\p{N}]/u.test(before)) return before;
  const after = onLine[i + 1];
  return text.slice(link.offset + link.raw.length, after ? after.offset : end);
}

type Pick = { kind: 'none' } | { kind: 'one'; candidate: Candidate } | { kind: 'ambiguous'; candidates: string[] };

/** Linked and tagged beats linked, which beats tagged; several in the best tier is ambiguous. */
function pickCandidate(candidates: readonly Candidate[]): Pick {
  const tiers = [candidates.filter((c) => c.linked && c.tagged), candidates.filter((c) => c.linked), candidates];
  const best = tiers.find((t) => t.length > 0);
  if (!best) return { kind: 'none' };
  if (best.length === 1) return { kind: 'one', candidate: best[0]! };
  return { kind: 'ambiguous', candidates: best.map((c) => c.path).sort() };
}


/**
 * Find the notes of the planning set to plan from, in this order:
 * 1. meso or micro plan configured in settings: the roles as configured (`discoverByRoles`);
 * 2. planning sets, folders holding a meso and a micro plan named for their roles
 *    (`01-Projects/<Project>/Planning/…`, `research/project-planning/`): the one `project` (or the
 *    project setting) names, as a project note, a project folder or a planning folder, or the only
 *    one in the vault. Several and nothing to choose is `ambiguous-planning-set`: never picked
 *    silently. The seed's default layout reads as it always has (`discoverByRoles`);
 * 3. no planning set: the default paths, the project note's links and tags (`discoverByRoles`).
 */
export async function discoverPlanningSet(
  vault: VaultPort,
  settings: Settings,
  opts: DiscoverOptions = {},
): Promise<Result<PlanningSet, PlannerError>> {
  const loader = new NoteLoader(vault);
  const allPaths = await vault.listMarkdown();
  const shared = { loader, allPaths };
  if (configuredPath(settings, 'meso') !== '' || configuredPath(settings, 'micro') !== '') return discoverByRoles(vault, settings, opts, shared);
  const named = settings.projectNote.trim() !== '' ? settings.projectNote : (opts.project ?? '');
  const target = planningTarget(named, allPaths);
  const sets = await findPlanningSets(allPaths, loader);
  const allowed = setsFor(target, sets);
  // The note the user is in sits in one of the allowed sets' folders: that set, however many there are.
  const here = opts.near === undefined ? [] : allowed.filter((x) => x.folder.toLowerCase() === opts.near!.toLowerCase());
  const chosen = here.length === 1 ? here : allowed;
  if (chosen.length > 1) {
    const within = target.kind === 'folder' ? target.folder : target.kind === 'note' ? target.path : undefined;
    return err({ kind: 'ambiguous-planning-set', candidates: chosen.map((s) => ({ folder: s.folder, project: s.project.name })), ...(within !== undefined ? { within } : {}) });
  }
  const only = chosen[0];
  if (only && !only.isDefault) return notesOfSet(only, settings, allPaths, loader);
  if (target.kind === 'folder' && !only) {
    const incomplete = sets.filter((s) => !s.complete && isWithin(s.folder, target.folder));
    return err({ kind: 'no-planning-set', target: target.folder, incomplete: incomplete.map((s) => ({ folder: s.folder, missing: s.roles.micro ? 'meso-level plan' : 'micro-level plan' })) });
  }
  const byRoles = await discoverByRoles(vault, settings, target.kind === 'note' ? { project: target.path } : target.kind === 'missing' ? { project: target.input } : {}, shared);
  // Nothing found the micro plan: say where part of a planning set is, if anywhere.
  if (!byRoles.ok && byRoles.error.kind === 'missing-note' && byRoles.error.path === null) {
    const near = sets.filter((s) => !s.complete).map((s) => s.folder);
    if (near.length > 0) return err({ ...byRoles.error, near });
  }
  return byRoles;
}
