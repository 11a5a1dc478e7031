/**
 * Planning sets: folders holding the notes the upstream prompts write, named for their roles
 * (`meso-level-plan`, `micro-level-plan`, `macro-level-plan` or `macro-level-design`, `PRD` or
 * "… Product Requirements Document"). Real vaults keep them under `01-Projects/<Project>/Planning/`,
 * often several per project (`Planning/<variant>/…` for a plan B, a later phase, a redesign),
 * beside a folder of the prompts themselves, which are never planning notes.
 */
import { DEFAULT_ROLE_PATHS, type Role } from '../contracts/settings';
import { splitFrontmatter } from '../markdown/frontmatter-block';
import { basenameOf, frontmatterTags, retiredBecause } from './note-marks';
import type { NoteLoader } from './note-loader';
import { PROJECTS_FOLDER } from './find-project';

export interface PlanningSetProject {
  /** The project's name: its folder's name under `01-Projects/`, or the note's basename. */
  name: string;
  /** The project folder (`01-Projects/Acme`), or null when the set stands outside any project. */
  folder: string | null;
  /** The project note (`01-Projects/Acme.md`, `01-Projects/Acme/Acme.md`), when there is one. */
  note: string | null;
}

/** A folder with role-named planning notes. */
export interface PlanningSetCandidate {
  /** Vault folder of the set ('' for the vault root). */
  folder: string;
  project: PlanningSetProject;
  /** Notes in the folder named for each role (prompts, retired notes and our own plans excluded). */
  roles: Partial<Record<Role, string[]>>;
  /** True when it has both a meso-level plan and an overall micro-level plan. */
  complete: boolean;
  /** True for the seed's default layout (`research/project-planning/`). */
  isDefault: boolean;
}

/** Folder of the seed's default paths (`research/project-planning`). */
export const DEFAULT_SET_FOLDER = folderOf(DEFAULT_ROLE_PATHS.meso);

export function folderOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

/** A basename compared on words: lower case, `-`, `_` and runs of spaces as one space. */
function words(path: string): string {
  return basenameOf(path)
    .toLowerCase()
    .replace(/[-_\s]+/g, ' ')
    .trim();
}

/**
 * The role a note's file name gives it in a planning set, or null: `meso-level-plan`,
 * `AGILE3D - Phase 1 Meso-Level Plan`, `micro-level-plan` (never our own `W2-micro-level-plan`),
 * `macro-level-plan`, `macro-level-design`, `PRD`, `Acme - Product Requirements Document`.
 */
export function setRoleOfName(path: string): Role | null {
  const w = words(path);
  if (/(?:^| )meso level plan$/.test(w)) return 'meso';
  if (/(?:^| )micro level plan$/.test(w) && !/^w\d+ micro level plan$/.test(w)) return 'micro';
  if (/(?:^| )macro level (?:plan|design)$/.test(w)) return 'macro';
  if (/(?:^| )prd$/.test(w) || /(?:^| )product requirements(?: document)?$/.test(w)) return 'prd';
  if (/(?:^| )code standards$/.test(w)) return 'codeStandards';
  if (/(?:^| )common pitfalls(?: to avoid)?$/.test(w)) return 'pitfalls';
  return null;
}

/** A folder of prompts (`00-Agent-Prompts`, `Agent Prompts`, `Prompts`) anywhere on the path. */
export function isInPromptFolder(path: string): boolean {
  return folderOf(path)
    .split('/')
    .some((f) => /(?:^|[^a-z])prompts?(?:[^a-z]|$)/i.test(f));
}

/**
 * True when a note's text reads as instructions to an agent rather than a plan: a `# Prompt:` title,
 * a `## Persona` section, "You are the … Agent", or the prompts' `{obsidian_project_root}` placeholder,
 * in its first 40 lines.
 */
export function readsAsPrompt(text: string): boolean {
  const body = text.slice(splitFrontmatter(text).bodyOffset).split('\n').slice(0, 40).join('\n');
  return (
    /^#{1,3}\s*prompt\b/im.test(body) ||
    /^#{1,3}\s*persona\s*$/im.test(body) ||
    /^(?:[-*]\s*)?you are (?:an?|the) [^\n]{0,80}\b(?:agent|architect|planner|engineer|lead)\b/im.test(body) ||
    /\{obsidian_project_root\}/.test(body)
  );
}

/** The project a set folder belongs to. */
export function projectOfFolder(folder: string, allPaths: readonly string[]): PlanningSetProject {
  const segs = folder === '' ? [] : folder.split('/');
  let projectFolder: string | null = null;
  if (segs.length >= 2 && segs[0]!.toLowerCase() === PROJECTS_FOLDER.toLowerCase()) projectFolder = segs.slice(0, 2).join('/');
  else {
    const planning = segs.findIndex((s) => /^planning$/i.test(s));
    if (planning > 0) projectFolder = segs.slice(0, planning).join('/');
    else if (planning < 0 && segs.length > 0) projectFolder = folder;
  }
  if (projectFolder === null) return { name: segs[segs.length - 1] ?? 'Project', folder: null, note: null };
  const name = projectFolder.split('/').pop()!;
  const lower = new Map(allPaths.map((p) => [p.toLowerCase(), p]));
  const note = lower.get(`${projectFolder}.md`.toLowerCase()) ?? lower.get(`${projectFolder}/${name}.md`.toLowerCase()) ?? null;
  return { name, folder: projectFolder, note };
}

/**
 * Every folder of the vault holding role-named planning notes, in path order. Notes in prompt
 * folders, notes that read as prompts, retired notes (superseded, archived, under an Archive
 * folder) and the planner's own plans are left out.
 */
export async function findPlanningSets(allPaths: readonly string[], loader: NoteLoader): Promise<PlanningSetCandidate[]> {
  const byFolder = new Map<string, Partial<Record<Role, string[]>>>();
  for (const path of allPaths) {
    const role = setRoleOfName(path);
    if (role === null || role === 'codeStandards' || role === 'pitfalls' || isInPromptFolder(path)) continue;
    const meta = await loader.meta(path);
    if (retiredBecause(path, meta.frontmatter) !== null || frontmatterTags(meta.frontmatter).includes('workstream-plan')) continue;
    // Only the notes that could make a set are read whole, to tell a plan from a prompt about one.
    const loaded = await loader.load(path, role);
    if (loaded.ok && readsAsPrompt(loaded.value.text)) continue;
    const folder = folderOf(path);
    const roles = byFolder.get(folder) ?? {};
    (roles[role] ??= []).push(path);
    byFolder.set(folder, roles);
  }
  return [...byFolder.entries()]
    .filter(([, roles]) => roles.meso || roles.micro)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([folder, roles]) => ({
      folder,
      project: projectOfFolder(folder, allPaths),
      roles,
      complete: (roles.meso?.length ?? 0) > 0 && (roles.micro?.length ?? 0) > 0,
      isDefault: folder.toLowerCase() === DEFAULT_SET_FOLDER.toLowerCase(),
    }));
}

/** True when `folder` is `root` or inside it. */
export function isWithin(folder: string, root: string): boolean {
  if (root === '') return true;
  const f = folder.toLowerCase();
  const r = root.toLowerCase();
  return f === r || f.startsWith(`${r}/`);
}

/** The folders from `folder` up to `stop` (inclusive, when `folder` is inside it), nearest first. */
export function foldersUpTo(folder: string, stop: string | null): string[] {
  const out = [folder];
  if (stop === null || !isWithin(folder, stop)) return out;
  let f = folder;
  while (f.toLowerCase() !== stop.toLowerCase() && f !== '') {
    f = folderOf(f);
    out.push(f);
  }
  return out;
}
