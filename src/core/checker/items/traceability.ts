import { splitFrontmatter } from '../../markdown/frontmatter-block';
import { parseWikilinks, type Wikilink } from '../../vault/wikilinks';
import { stripTodoCallouts } from '../content';
import { fail, label, pass, type CheckContext, type ReadinessCheck } from '../context';

const baseName = (p: string): string =>
  (p.split('/').pop() ?? p).replace(/\.md$/i, '').trim().toLowerCase();

/** True when the link points at a heading (not a block) of the meso plan (any heading when the scope is unknown). */
function isMesoHeadingLink(ctx: CheckContext, link: Wikilink): boolean {
  if (link.subpath === null || link.isBlock) return false;
  if (!ctx.scope) return link.linkpath !== '';
  return link.linkpath !== '' && baseName(link.linkpath) === baseName(ctx.scope.mesoPath);
}

/**
 * Every module's `.1 Purpose and Responsibilities` links a meso-plan heading, and every heading
 * link in the note's body resolves (headings compared as Obsidian compares them, by `resolveLink`).
 */
export const traceability: ReadinessCheck = {
  id: 'traceability',
  check: async (ctx) => {
    const two = ctx.section('2');
    if (!two) return fail('traceability', null, ['Section 2 (Module and Component Specifications) is missing.']);
    const reasons: string[] = [];
    let line: number | null = null;
    const modules = ctx.modules();
    if (modules.length === 0) {
      reasons.push('Section 2 has no module subsections (2.1, 2.2, …) to trace.');
      line = two.line;
    }
    for (const m of modules) {
      const one = m.children.find((c) => c.number === `${m.number}.1`);
      const links = one ? parseWikilinks(stripTodoCallouts(ctx.textOf(one))) : [];
      if (!links.some((l) => isMesoHeadingLink(ctx, l))) {
        reasons.push(`Section ${one ? label(one) : `${m.number}.1`} does not link a heading of the meso-level plan.`);
        line ??= one?.line ?? m.line;
      }
    }
    const { bodyOffset } = splitFrontmatter(ctx.text);
    const headingLinks = parseWikilinks(ctx.text).filter((l) => l.offset >= bodyOffset && l.subpath !== null && !l.isBlock);
    const results = await Promise.all(headingLinks.map((l) => ctx.resolveLink(l, ctx.path)));
    headingLinks.forEach((l, i) => {
      if (results[i]) return;
      reasons.push(`The link ${l.raw} on line ${l.line} does not reach an existing heading.`);
      line ??= l.line;
    });
    return reasons.length === 0 ? pass('traceability', two.line) : fail('traceability', line, reasons);
  },
};
