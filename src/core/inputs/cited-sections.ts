import type { NoteHeading } from '../contracts/note-meta';
import { splitFrontmatter } from '../markdown/frontmatter-block';
import { findCitedSection, type SectionHead } from '../markdown/note-sections';
import { sectionCitations } from '../vault/cite-section';
import { findHeading } from '../vault/resolve-wikilink';
import { parseWikilinks } from '../vault/wikilinks';

const baseName = (p: string): string =>
  (p.split('/').pop() ?? p).replace(/\.md$/i, '').trim().toLowerCase();

/**
 * The meso sections a plan's body cites: heading links into the meso plan (`[[meso-level-plan#W2
 * Data model]]`) and citations of its numbered sections (`[[meso-level-plan]] §2.1 Components`).
 * Links are matched to the meso plan by file name, as Obsidian resolves a bare name; each section
 * once, in the meso plan's order.
 */
export function citedSections(planText: string, mesoPath: string, sections: readonly SectionHead[]): SectionHead[] {
  const body = planText.slice(splitFrontmatter(planText).bodyOffset);
  const links = parseWikilinks(body);
  const isMeso = (linkpath: string): boolean => linkpath !== '' && baseName(linkpath) === baseName(mesoPath);
  const found = new Set<NoteHeading>();
  for (const l of links) {
    if (l.subpath === null || l.isBlock || !isMeso(l.linkpath)) continue;
    const h = findHeading(sections, l.subpath);
    if (h) found.add(h);
  }
  for (const { link, cite } of sectionCitations(body, links)) {
    if (!isMeso(link.linkpath)) continue;
    const h = findCitedSection(sections, cite.number, cite.title);
    if (h) found.add(h);
  }
  return sections.filter((s) => found.has(s));
}
