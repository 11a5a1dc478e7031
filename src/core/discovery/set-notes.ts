/**
 * Choosing a planning set (by `--project`, the project setting, or because there is only one) and
 * reading its notes: the meso and micro plans from its folder; the PRD and the macro plan from its
 * folder or, failing that, the folders above it up to the project folder (a plan-B sub-folder
 * shares its project's PRD); the reference notes from settings, `04-Agent-Reference-Files/` or the
 * project's folders.
 */
import type { PlannerError } from '../contracts/errors';
import type { PlannerWarning, PlanningNote, PlanningSet } from '../contracts/planning-set';
import { configuredPath, DEFAULT_ROLE_PATHS, ROLE_LABELS, ROLE_SETTING_KEYS, ROLES, type Role, type Settings } from '../contracts/settings';
import { err, ok, type Result } from '../result';
import { resolveLinkpath } from '../vault/link-resolver';
import { forRole, isEmpty, noteWarnings } from './note-checks';
import type { LoadedNote, NoteLoader } from './note-loader';
import { retiredBecause } from './note-marks';
import { folderOf, foldersUpTo, isInPromptFolder, isWithin, setRoleOfName, type PlanningSetCandidate } from './planning-sets';

/** What `--project` (or the project setting) names. */
export type PlanningTarget =
  | { kind: 'none' }
  | { kind: 'note'; path: string; folder: string }
  | { kind: 'folder'; folder: string }
  | { kind: 'missing'; input: string };

/**
 * A project note, a project folder or a planning folder, as a path (with or without `.md`, any
 * case) or, for a note, a name resolved the way a link from the vault root is. A note's project
 * folder: `01-Projects/Acme.md` → `01-Projects/Acme`; a note inside a folder → that folder.
 */
export function planningTarget(input: string, allPaths: readonly string[]): PlanningTarget {
  const named = input.trim().replace(/\\/g, '/').replace(/^\/+|\/+$/g, '');
  if (named === '') return { kind: 'none' };
  const lower = named.toLowerCase();
  const note =
    allPaths.find((p) => p === named || p === `${named}.md`) ??
    allPaths.find((p) => p.toLowerCase() === lower || p.toLowerCase() === `${lower}.md`) ??
    (/\.md$/i.test(named) || !allPaths.some((p) => p.toLowerCase().startsWith(`${lower}/`)) ? resolveLinkpath(named, '', allPaths) : null);
  if (note) {
    const beside = note.replace(/\.md$/i, '');
    const folder = allPaths.some((p) => p.toLowerCase().startsWith(`${beside.toLowerCase()}/`)) ? beside : folderOf(note);
    return { kind: 'note', path: note, folder };
  }
  const folder = allPaths.find((p) => p.toLowerCase().startsWith(`${lower}/`));
  if (folder) return { kind: 'folder', folder: folder.slice(0, named.length) };
  // A folder given by its name alone (`Demo-AGILE3D`) or its last folders (`Demo-AGILE3D/Planning/plan-b`,
  // as if under 01-Projects/): the one folder whose path ends so.
  const byName = [...new Set(allPaths.flatMap((p) => ancestors(p)))].filter((f) => {
    const l = f.toLowerCase();
    return l === lower || l.endsWith(`/${lower}`);
  });
  if (byName.length === 1) return { kind: 'folder', folder: byName[0]! };
  return { kind: 'missing', input: named };
}

function ancestors(path: string): string[] {
  const out: string[] = [];
  for (let f = folderOf(path); f !== ''; f = folderOf(f)) out.push(f);
  return out;
}

/** The complete sets the target allows: the one folder it names, or every set under it. */
export function setsFor(target: PlanningTarget, sets: readonly PlanningSetCandidate[]): PlanningSetCandidate[] {
  const complete = sets.filter((s) => s.complete);
  switch (target.kind) {
    case 'none':
      return complete;
    case 'missing':
      return [];
    case 'folder': {
      const exact = complete.filter((s) => s.folder.toLowerCase() === target.folder.toLowerCase());
      return exact.length > 0 ? exact : complete.filter((s) => isWithin(s.folder, target.folder));
    }
    case 'note':
      return complete.filter((s) => isWithin(s.folder, target.folder));
  }
}

/** Notes directly in `folder` (not in sub-folders) that its name gives `role`. */
function roleNotesIn(folder: string, role: Role, allPaths: readonly string[]): string[] {
  return allPaths.filter((p) => folderOf(p).toLowerCase() === folder.toLowerCase() && setRoleOfName(p) === role && !isInPromptFolder(p));
}

/**
 * The notes of one planning set. The meso plan and the micro plan come from the set's folder
 * (several of either: `ambiguous-role`); a missing or empty meso plan comes back unfilled, an
 * escalation for the caller. The other roles are optional: each missing one is a warning naming the
 * folders looked in.
 */
export async function notesOfSet(
  set: PlanningSetCandidate,
  settings: Settings,
  allPaths: readonly string[],
  loader: NoteLoader,
): Promise<Result<PlanningSet, PlannerError>> {
  const warnings: PlannerWarning[] = [];
  const notes: Partial<Record<Role, PlanningNote>> = {};
  const missing: Role[] = [];
  const take = (role: Role, note: LoadedNote, foundBy: PlanningNote['foundBy']): void => {
    warnings.push(...noteWarnings(role, note));
    if (role === 'meso' && isEmpty(note)) return;
    notes[role] = { role, path: note.path, foundBy, text: note.text, meta: note.meta };
  };
  const up = foldersUpTo(set.folder, set.project.folder);
  for (const role of ROLES) {
    const configured = configuredPath(settings, role);
    if (configured !== '') {
      const path = allPaths.includes(configured) || /\.md$/i.test(configured) || !allPaths.includes(`${configured}.md`) ? configured : `${configured}.md`;
      const loaded = await loader.load(path, role);
      if (!loaded.ok) return err(forRole(loaded.error, role));
      take(role, loaded.value, 'configured');
      continue;
    }
    let candidates: string[] = [];
    let looked: string[] = [];
    if (role === 'meso' || role === 'micro') {
      candidates = set.roles[role] ?? [];
      looked = [set.folder];
    } else {
      // The reference notes live in 04-Agent-Reference-Files/ as the seed says, or with the project.
      const fixed = role === 'codeStandards' || role === 'pitfalls' ? DEFAULT_ROLE_PATHS[role] : null;
      if (fixed && allPaths.includes(fixed) && retiredBecause(fixed, (await loader.meta(fixed)).frontmatter) === null) candidates = [fixed];
      for (const f of up) {
        if (candidates.length > 0) break;
        looked.push(f);
        const here: string[] = [];
        for (const p of roleNotesIn(f, role, allPaths)) if (retiredBecause(p, (await loader.meta(p)).frontmatter) === null) here.push(p);
        candidates = here;
      }
      if (fixed) looked = [fixed, ...looked];
    }
    if (candidates.length > 1) {
      if (role === 'meso' || role === 'micro') return err({ kind: 'ambiguous-role', role, candidates: [...candidates].sort(), setting: ROLE_SETTING_KEYS[role] });
      warnings.push({
        kind: 'optional-missing',
        message: `Several notes could be the ${ROLE_LABELS[role]} of the planning set ${set.folder}: ${candidates.join(', ')}; none is used (set ${ROLE_SETTING_KEYS[role]} to choose).`,
      });
      missing.push(role);
      continue;
    }
    const only = candidates[0];
    if (only === undefined) {
      if (role === 'micro') return err({ kind: 'missing-note', role, path: null, near: [set.folder] });
      if (role === 'meso') continue; // An escalation, raised by the caller.
      missing.push(role);
      warnings.push({
        kind: 'optional-missing',
        message: `No ${ROLE_LABELS[role]} note was found for the planning set ${set.folder}: looked in ${describeLooked(looked)} for ${roleNameHint(role)}; planning goes on without it.`,
      });
      continue;
    }
    const loaded = await loader.load(only, role);
    if (!loaded.ok) return err(forRole(loaded.error, role));
    take(role, loaded.value, 'planning-set');
  }
  const p = set.project;
  const project = p.note ? { path: p.note, name: p.name, ...(p.folder ? { folder: p.folder } : {}) } : p.folder ? { path: p.folder, name: p.name, folder: p.folder } : null;
  return ok({ project, folder: set.folder, notes, missing, warnings });
}

function describeLooked(folders: readonly string[]): string {
  const named = folders.map((f) => (f === '' ? 'the vault root' : f));
  return named.length <= 1 ? (named[0] ?? 'the set') : `${named.slice(0, -1).join(', ')} and ${named[named.length - 1]}`;
}

function roleNameHint(role: Role): string {
  switch (role) {
    case 'prd':
      return 'a note named PRD or "… Product Requirements Document"';
    case 'macro':
      return 'a note named macro-level-plan or macro-level-design';
    case 'codeStandards':
      return 'Code-Standards';
    case 'pitfalls':
      return 'Common-Pitfalls-to-Avoid';
    default:
      return `a note named ${role}-level-plan`;
  }
}
