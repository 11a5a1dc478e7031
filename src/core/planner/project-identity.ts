import type { PlanningSet } from '../contracts/planning-set';
import { parseWikilink } from '../vault/wikilinks';

/** The project a plan belongs to: its name and the frontmatter `project` link. */
export interface ProjectIdentity {
  name: string;
  link: string;
}

/**
 * From the project note when there is one (`[[01-Projects/Acme]]`). Without one, the meso plan's
 * own `project` frontmatter (a link or a name), then the PRD's title; the link then follows the
 * convention's `01-Projects/<name>` so it starts working as soon as the team creates that note.
 */
export function projectIdentity(set: PlanningSet): ProjectIdentity {
  if (set.project) {
    return { name: set.project.name, link: `[[${set.project.path.replace(/\.md$/i, '')}]]` };
  }
  const declared = set.notes.meso?.meta.frontmatter?.['project'] ?? set.notes.prd?.meta.frontmatter?.['project'];
  if (typeof declared === 'string' && declared.trim() !== '') {
    const link = parseWikilink(declared.trim());
    if (link) {
      const name = link.alias ?? link.linkpath.split('/').pop() ?? link.linkpath;
      return { name, link: `[[${link.linkpath}]]` };
    }
    return { name: declared.trim(), link: `[[01-Projects/${cleanName(declared)}]]` };
  }
  const prdTitle = set.notes.prd?.meta.headings.find((h) => h.level === 1)?.text;
  const name = prdTitle ? prdTitle.replace(/\b(PRD|Product Requirements( Document)?)\b[:\s—-]*/gi, '').trim() || prdTitle : 'Project';
  return { name, link: `[[01-Projects/${cleanName(name)}]]` };
}

/** Characters a note name cannot hold become spaces. */
function cleanName(name: string): string {
  return name.replace(/[\\/#|^:%[\]*"<>?]/g, ' ').replace(/\s+/g, ' ').trim() || 'Project';
}
