import type { NoteHeading } from '../contracts/note-meta';
import { isNumberedLine, type SectionHead } from '../markdown/note-sections';
import { formatWikilink, headingLinkText } from './wikilinks';

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
