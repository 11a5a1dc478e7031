import type { Role } from '../contracts/settings';

/** The frontmatter tag that marks a note as filling each role. */
export const ROLE_TAGS: Record<Role, string> = {
  prd: 'prd',
  macro: 'macro-level-plan',
  meso: 'meso-level-plan',
  micro: 'micro-level-plan',
  codeStandards: 'code-standards',
  pitfalls: 'common-pitfalls',
};

/**
 * Basenames that name a role, for notes the project note links without tagging them
 * (`[[PRD]]`, `[[Meso-Level Plan]]`). Compared on the lower-cased basename without `.md`.
 */
const ROLE_NAMES: Record<Role, RegExp> = {
  prd: /(^|[^a-z])prd([^a-z]|$)|product[- _]requirements/,
  macro: /macro[- _]?level[- _]?plan|(^|[^a-z])macro([^a-z]|$)/,
  meso: /meso[- _]?level[- _]?plan|(^|[^a-z])meso([^a-z]|$)/,
  micro: /micro[- _]?level[- _]?plan|(^|[^a-z])micro([^a-z]|$)/,
  codeStandards: /code[- _]?standards/,
  pitfalls: /pitfalls/,
};

const RETIRED = new Set(['superseded', 'archived']);

/**
 * Frontmatter tags as Obsidian reads them: `tags` or `tag`, a list or a string (split on commas and
 * spaces), with or without `#`, lower-cased.
 */
export function frontmatterTags(frontmatter: Record<string, unknown> | null): string[] {
  if (!frontmatter) return [];
  const out: string[] = [];
  for (const key of ['tags', 'tag']) {
    const value = frontmatter[key];
    const items = Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
    for (const item of items) {
      if (typeof item !== 'string' && typeof item !== 'number') continue;
      for (const t of String(item).split(/[,\s]+/)) {
        const tag = t.replace(/^#+/, '').trim().toLowerCase();
        if (tag !== '') out.push(tag);
      }
    }
  }
  return out;
}

/** Why a note must not be picked unless configured, or null when nothing retires it. */
export function retiredBecause(path: string, frontmatter: Record<string, unknown> | null): string | null {
  const status = frontmatter?.['status'];
  const statuses = (Array.isArray(status) ? status : [status])
    .filter((s): s is string => typeof s === 'string')
    .map((s) => s.trim().toLowerCase());
  const byStatus = statuses.find((s) => RETIRED.has(s));
  if (byStatus) return `its status is "${byStatus}"`;
  const byTag = frontmatterTags(frontmatter).find((t) => RETIRED.has(t));
  if (byTag) return `it is tagged "${byTag}"`;
  if (isInArchiveFolder(path)) return 'it is in an archive folder';
  return null;
}

/**
 * True when a folder on the path is an archive: `Archive` at any depth, any case, also with a
 * numbering prefix as PARA vaults write it (`04-Archive`, `4 Archive`) or plural (`Archives`).
 */
export function isInArchiveFolder(path: string): boolean {
  const folders = path.split('/').slice(0, -1);
  return folders.some((f) => /^(?:\d+[-_. ]*)?archives?$/i.test(f.trim()));
}

export function basenameOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return (slash < 0 ? path : path.slice(slash + 1)).replace(/\.md$/i, '');
}

/** Roles that a note's tags or (for linked notes) its name claim. */
export function rolesOfNote(path: string, tags: readonly string[], byName: boolean): Role[] {
  const roles = (Object.keys(ROLE_TAGS) as Role[]).filter((r) => tags.includes(ROLE_TAGS[r]));
  if (!byName) return roles;
  const name = basenameOf(path).toLowerCase();
  for (const r of Object.keys(ROLE_NAMES) as Role[]) if (!roles.includes(r) && ROLE_NAMES[r].test(name)) roles.push(r);
  return roles;
}
