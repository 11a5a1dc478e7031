import { maskCode } from '../markdown/code-mask';
import type { VaultPort } from './vault-port';
import type { NoteHeading } from '../contracts/note-meta';
import { normaliseHeadingForLink, parseLinkInner, parseWikilink, type Wikilink } from './wikilinks';

export type WikilinkResolution =
  | { ok: true; path: string; heading: NoteHeading | null }
  | { ok: false; reason: 'no-note' | 'no-heading' | 'no-block'; path?: string };

/**
 * Follow a wikilink from `sourcePath` to its note and, when it names one, the heading or block.
 *
 * `link` may be a parsed `Wikilink`, a written link (`[[Note#Heading|alias]]`, `![[…]]`) or the
 * bare inside of one (`Note#Heading`). `[[#Heading]]` looks in the source note itself.
 * Heading subpaths compare with `normaliseHeadingForLink`; a nested `A#B` needs `B` to sit under
 * `A` (after it, before the next heading of `A`'s level or higher). A block `^id` resolves when a
 * line of the target (outside code) ends in ` ^id` or is `^id` alone. `heading` is null for links
 * without a subpath and for block links.
 */
export async function resolveWikilink(
  vault: VaultPort,
  link: Wikilink | string,
  sourcePath: string,
): Promise<WikilinkResolution> {
  const parsed = typeof link === 'string' ? (parseWikilink(link) ?? parseLinkInner(link.trim())) : link;
  if (!parsed) return { ok: false, reason: 'no-note' };

  const path =
    parsed.linkpath === ''
      ? (await vault.exists(sourcePath)) ? sourcePath : null
      : await vault.resolveLink(parsed.linkpath, sourcePath);
  if (path === null) return { ok: false, reason: 'no-note' };
  if (parsed.subpath === null) return { ok: true, path, heading: null };

  if (parsed.isBlock) {
    const read = await vault.read(path);
    if (!read.ok) return { ok: false, reason: 'no-block', path };
    return hasBlockId(read.value, parsed.subpath.slice(1))
      ? { ok: true, path, heading: null }
      : { ok: false, reason: 'no-block', path };
  }

  const { headings } = await vault.meta(path);
  const heading = findHeading(headings, parsed.subpath);
  return heading ? { ok: true, path, heading } : { ok: false, reason: 'no-heading', path };
}

/**
 * The heading a subpath (`Heading`, or nested `A#B#C`) names, or null. Each part must be found
 * inside the section of the part before it.
 */
export function findHeading(headings: readonly NoteHeading[], subpath: string): NoteHeading | null {
  const parts = subpath
    .split('#')
    .map(normaliseHeadingForLink)
    .filter((p) => p !== '');
  if (parts.length === 0) return null;
  let scope = headings.slice();
  let found: NoteHeading | null = null;
  for (const part of parts) {
    const at = scope.findIndex((h) => normaliseHeadingForLink(h.text) === part);
    if (at < 0) return null;
    found = scope[at]!;
    const level = found.level;
    const rest = scope.slice(at + 1);
    const end = rest.findIndex((h) => h.level <= level);
    scope = end < 0 ? rest : rest.slice(0, end);
  }
  return found;
}

/** True when a line outside code ends in ` ^id` (or is `^id` alone); ids compare case-insensitively. */
export function hasBlockId(text: string, id: string): boolean {
  if (!/^[A-Za-z0-9-]+$/.test(id)) return false;
  const wanted = id.toLowerCase();
  for (const line of maskCode(text).split('\n')) {
    const m = /(?:^|\s)\^([A-Za-z0-9-]+)\s*$/.exec(line);
    if (m && m[1]!.toLowerCase() === wanted) return true;
  }
  return false;
}
