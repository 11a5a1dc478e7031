import type { NoteHeading } from '../contracts/note-meta';
import { isNumberedLine, parseCitations, type SectionCitation, type SectionHead } from '../markdown/note-sections';
import { formatWikilink, headingLinkText, type Wikilink } from './wikilinks';

/**
 * How a plan points at a section of another note: a heading link (`[[meso-level-plan#2.1
 * Components]]`) for a heading, and for a plain numbered line, which Obsidian cannot link to, the
 * note link followed by the section number and title (`[[meso-level-plan]] §2.1 Components`).
 */
export function citeSection(linkTarget: string, h: NoteHeading): string {
  if (isNumberedLine(h)) {
    const s = h as SectionHead;
    return `${formatWikilink(linkTarget)} §${s.number} ${headingLinkText(s.title)}`.trimEnd();
  }
  return formatWikilink(linkTarget, headingLinkText(h.text));
}

/**
 * Citations of numbered sections (`[[meso-level-plan]] §2.1 Components`): each `§` that follows a
 * wikilink without a subpath on its line, paired with the nearest such link before it. A `§` with
 * no link before it on its line refers to the plan's own sections and is not checked.
 */
export function sectionCitations(text: string, links: readonly Wikilink[]): Array<{ link: Wikilink; cite: SectionCitation }> {
  const out: Array<{ link: Wikilink; cite: SectionCitation }> = [];
  for (const cite of parseCitations(text)) {
    const before = links.filter((l) => l.line === cite.line && l.offset + l.raw.length <= cite.offset && !l.isBlock);
    const link = before[before.length - 1];
    if (link && link.subpath === null) out.push({ link, cite });
  }
  return out;
}

