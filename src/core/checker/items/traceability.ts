import { numberedChildren } from '../../plan/parse-plan';
import { parseWikilinks, type Wikilink } from '../../vault/wikilinks';
import { sectionCitations as citations } from '../../vault/cite-section';
import { stripTodoCallouts, withoutFrontmatter } from '../content';
import { fail, label, pass, type CheckContext, type ReadinessCheck } from '../context';

const baseName = (p: string): string =>
  p.split('/').pop()!.replace(/\.md$/i, '').toLowerCase();

/** True when the link names a note that is the meso plan (any note when the scope is unknown); a link into the plan itself is not. */
function isMesoLink(ctx: CheckContext, link: Wikilink): boolean {
  return link.linkpath !== '' && (!ctx.scope || baseName(link.linkpath) === baseName(ctx.scope.mesoPath));
}

/**
 * True when the text links a heading (not a block) of the meso plan, or cites one of its numbered
 * sections after a link to the note itself (`[[meso-level-plan]] §2.1 Components`).
 */
function tracesToMeso(ctx: CheckContext, text: string): boolean {
  const links = parseWikilinks(text);
  if (links.some((l) => l.subpath !== null && !l.isBlock && isMesoLink(ctx, l))) return true;
  return citations(text, links).some((c) => isMesoLink(ctx, c.link));
}

/**
 * Every module's `.1 Purpose and Responsibilities` traces to the meso plan: a link to one of its
 * headings, or a citation of one of its numbered sections (`[[meso-level-plan]] §2.1 Components`,
 * for notes that number sections with plain lines, which Obsidian cannot link to). Every heading
 * link in the body resolves (headings compared as Obsidian compares them, by `resolveLink`), and
 * every citation names a section the cited note has.
 */
export const traceability: ReadinessCheck = {
  id: 'traceability',
  check: async (ctx) => {
    const two = ctx.section('2');
    if (!two) return fail('traceability', null, ['Section 2 (Module and Component Specifications) is missing.']);
    const reasons: string[] = [];
    let line: number | null = null;
    const modules = numberedChildren(two);
    if (modules.length === 0) {
      reasons.push('Section 2 has no module subsections (2.1, 2.2, …) to trace.');
      line = two.line;
    }
    for (const m of modules) {
      const one = m.children.find((c) => c.number === `${m.number}.1`);
      if (one && tracesToMeso(ctx, stripTodoCallouts(ctx.textOf(one)))) continue;
      reasons.push(`Section ${one ? label(one) : `${m.number}.1`} does not link a heading (or cite a numbered section) of the meso-level plan.`);
      line ??= one?.line ?? m.line;
    }
    // Links and citations in the frontmatter are left alone (line breaks kept: lines stay the note's).
    const body = withoutFrontmatter(ctx.text);
    const bodyLinks = parseWikilinks(body);
    const headingLinks = bodyLinks.filter((l) => l.subpath !== null && !l.isBlock);
    const results = await Promise.all(headingLinks.map((l) => ctx.resolveLink(l, ctx.path)));
    headingLinks.forEach((l, i) => {
      if (results[i]) return;
      reasons.push(`The link ${l.raw} on line ${l.line} does not reach an existing heading.`);
      line ??= l.line;
    });
    const cites = citations(body, bodyLinks);
    const resolve = ctx.resolveCitation;
    // Without a way to read the cited notes no citation can be verified: each one fails.
    const found = resolve ? await Promise.all(cites.map((c) => resolve(c.link, c.cite.number, c.cite.title, ctx.path))) : [];
    cites.forEach((c, i) => {
      if (found[i]) return;
      reasons.push(`The citation ${c.link.raw} ${c.cite.raw} on line ${c.cite.line} names no section of that note.`);
      line ??= c.cite.line;
    });
    return reasons.length === 0 ? pass('traceability', two.line) : fail('traceability', line, reasons);
  },
};
