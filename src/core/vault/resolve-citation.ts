import { findCitedSection, readSections } from '../markdown/note-sections';
import type { VaultPort } from './vault-port';

/**
 * True when `[[linkpath]] §number title`, written in `sourcePath`, names a real section of the
 * linked note: a heading or a plain numbered line (`2.1 Components`) with that number, whose title
 * agrees with the cited one (see `findCitedSection`). A link that reaches no note, or a note
 * without that section, resolves to nothing.
 */
export async function resolveCitation(vault: VaultPort, linkpath: string, number: string, title: string, sourcePath: string): Promise<boolean> {
  const path = linkpath === '' ? sourcePath : await vault.resolveLink(linkpath, sourcePath);
  if (path === null) return false;
  const read = await vault.read(path);
  if (!read.ok) return false;
  const meta = await vault.meta(path);
  return findCitedSection(readSections(read.value, meta.headings), number, title) !== null;
}
