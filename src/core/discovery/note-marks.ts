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

/**
 * Words in a link's alias or in the line around a link that say which role the linked note plays
 * (`[[Harbor WBS|WBS]]`, `- Overall micro plan: [[Harbor WBS]]`). Whole words, any case.
 */
const ROLE_WORDS: Record<Role, RegExp> = {
  prd: /\b(?:prd|product\s+requirements?)\b/i,
  macro: /\bmacro\b/i,
  meso: /\b(?:meso|architecture)\b/i,
  micro: /\b(?:micro|wbs|work\s+breakdown)\b/i,
  codeStandards: /\b(?:code|coding)\s+standards?\b/i,
  pitfalls: /\bpitfalls?\b/i,
};

/** The one role that `text` names by keyword, or null when it names none or several. */
export function roleFromWords(text: string): Role | null {
  const roles = (Object.keys(ROLE_WORDS) as Role[]).filter((r) => ROLE_WORDS[r].test(text));
  return roles.length === 1 ? roles[0]! : null;
}

/** The roles a note's file name claims (`Meso-Level Plan`, `Harbor PRD`). */
export function rolesFromName(path: string): Role[] {
  const name = basenameOf(path).toLowerCase();
  return (Object.keys(ROLE_NAMES) as Role[]).filter((r) => ROLE_NAMES[r].test(name));
}

/** The roles a note's frontmatter tags claim. */
export function rolesFromTags(tags: readonly string[]): Role[] {
  return (Object.keys(ROLE_TAGS) as Role[]).filter((r) => tags.includes(ROLE_TAGS[r]));
}

/** How the project note links one note: each link's alias and the text around it on its line. */
export interface LinkContext {
  alias: string | null;
  /** The line's text near the link, without links: the part before it, or after it when nothing precedes. */
  around: string;
}

/**
 * The role of a note the project note links, by the first of these that names exactly one role:
 * 1. its frontmatter tags (`meso-level-plan`…; several role tags give several roles);
 * 2. a link's alias (`[[Harbor WBS|WBS]]`);
 * 3. the words of the line or list item around a link (`- Overall micro plan: [[Harbor WBS]]`);
 * 4. its file name (`Meso-Level Plan`, `Harbor PRD`).
 * Keywords for 2 and 3: PRD / product requirements; macro; meso / architecture; micro / WBS /
 * work breakdown; code standards; pitfalls.
 */
export function rolesOfLinkedNote(path: string, tags: readonly string[], links: readonly LinkContext[]): Role[] {
  const byTags = rolesFromTags(tags);
  if (byTags.length > 0) return byTags;
  for (const pick of [(l: LinkContext) => l.alias ?? '', (l: LinkContext) => l.around]) {
    const roles = [...new Set(links.map((l) => roleFromWords(pick(l))).filter((r): r is Role => r !== null))];
    if (roles.length === 1) return roles;
  }
  return rolesFromName(path);
}
