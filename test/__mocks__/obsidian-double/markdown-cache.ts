/**
 * Computes a `CachedMetadata` from note text, shaped like the app's: 0-based lines, `{line, col,
 * offset}` positions, `frontmatter` + `frontmatterPosition` + a `yaml` section, `headings`, `links`,
 * `embeds`, `frontmatterLinks`, `sections`. Covered syntax: YAML frontmatter, ATX headings, fenced
 * code (skipped for headings and links), wikilinks, embeds and Markdown links to local files.
 * Not covered: setext headings, tags, list items, blocks, footnotes. When the YAML does not parse,
 * the cache keeps `frontmatterPosition` and the `yaml` section but has no `frontmatter`, as the app does.
 * For exact shapes of tricky notes, load a hand-written fixture instead (see test/support/obsidian-app.ts).
 */
import type { CachedMetadata, HeadingCache, LinkCache, Loc, SectionCache, FrontmatterLinkCache } from 'obsidian';
import { getFrontMatterInfo, parseYaml } from './yaml';

interface Line {
  text: string;
  offset: number;
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let offset = 0;
  for (const raw of text.split('\n')) {
    const t = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    lines.push({ text: t, offset });
    offset += raw.length + 1;
  }
  return lines;
}

const loc = (line: number, col: number, offset: number): Loc => ({ line, col, offset });

const WIKI = /(!?)\[\[([^\]\n]+?)\]\]/g;
const MDLINK = /(!?)\[([^\]\n]*)\]\(([^)\s]+)\)/g;

function refsIn(line: Line, n: number, links: LinkCache[], embeds: LinkCache[]): void {
  const text = line.text.replace(/`[^`]*`/g, (m) => ' '.repeat(m.length)); // ignore inline code
  for (const m of text.matchAll(WIKI)) {
    const [original, bang, inner] = m as unknown as [string, string, string];
    const bar = inner.indexOf('|');
    const link = (bar === -1 ? inner : inner.slice(0, bar)).trim();
    const ref: LinkCache = { link, original: line.text.substr(m.index!, original.length), position: pos(line, n, m.index!, original.length) };
    if (bar !== -1) ref.displayText = inner.slice(bar + 1);
    else if (!bang) ref.displayText = link;
    (bang ? embeds : links).push(ref);
  }
  for (const m of text.matchAll(MDLINK)) {
    const [original, bang, display, target] = m as unknown as [string, string, string, string];
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // URLs are not vault links
    const ref: LinkCache = {
      link: decodeURI(target),
      original: line.text.substr(m.index!, original.length),
      displayText: display,
      position: pos(line, n, m.index!, original.length),
    };
    (bang ? embeds : links).push(ref);
  }
}

function pos(line: Line, n: number, col: number, length: number) {
  return { start: loc(n, col, line.offset + col), end: loc(n, col + length, line.offset + col + length) };
}

function frontmatterLinks(fm: Record<string, unknown>): FrontmatterLinkCache[] {
  const out: FrontmatterLinkCache[] = [];
  const visit = (key: string, v: unknown): void => {
    if (typeof v === 'string') {
      const m = /^\[\[([^\]|]+)(?:\|([^\]]*))?\]\]$/.exec(v.trim());
      if (m) out.push({ key, link: m[1]!, original: v, displayText: m[2] ?? m[1]! });
    } else if (Array.isArray(v)) v.forEach((x, i) => visit(`${key}.${i}`, x));
  };
  for (const [k, v] of Object.entries(fm)) visit(k, v);
  return out;
}

export function computeMetadata(text: string): CachedMetadata {
  const lines = splitLines(text);
  const cache: CachedMetadata = {};
  const sections: SectionCache[] = [];
  const headings: HeadingCache[] = [];
  const links: LinkCache[] = [];
  const embeds: LinkCache[] = [];
  const end = (n: number): Loc => loc(n, lines[n]!.text.length, lines[n]!.offset + lines[n]!.text.length);

  let i = 0;
  const info = getFrontMatterInfo(text);
  if (info.exists) {
    const upto = text.slice(0, info.contentStart);
    const newlines = (upto.match(/\n/g) ?? []).length;
    const closing = upto.endsWith('\n') ? newlines - 1 : newlines;
    const position = { start: loc(0, 0, 0), end: end(closing) };
    cache.frontmatterPosition = position;
    sections.push({ type: 'yaml', position });
    try {
      const parsed: unknown = parseYaml(info.frontmatter);
      if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
        cache.frontmatter = parsed as Record<string, unknown>;
        const fl = frontmatterLinks(cache.frontmatter);
        if (fl.length > 0) cache.frontmatterLinks = fl;
      }
    } catch {
      // The app drops `frontmatter` for YAML it cannot parse and reports nothing.
    }
    i = closing + 1;
  }

  let block: { type: string; start: number } | null = null;
  const closeBlock = (last: number): void => {
    if (block) sections.push({ type: block.type, position: { start: loc(block.start, 0, lines[block.start]!.offset), end: end(last) } });
    block = null;
  };
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    const fence = /^ {0,3}(`{3,}|~{3,})/.exec(line.text);
    if (fence) {
      closeBlock(i - 1);
      const start = i;
      const marker = fence[1]!;
      for (i++; i < lines.length && !lines[i]!.text.trimStart().startsWith(marker); i++);
      const last = Math.min(i, lines.length - 1);
      sections.push({ type: 'code', position: { start: loc(start, 0, lines[start]!.offset), end: end(last) } });
      continue;
    }
    const h = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/.exec(line.text);
    if (h) {
      closeBlock(i - 1);
      const position = { start: loc(i, 0, line.offset), end: end(i) };
      headings.push({ heading: (h[2] ?? '').trim(), level: h[1]!.length, position });
      sections.push({ type: 'heading', position });
      refsIn(line, i, links, embeds);
      continue;
    }
    if (line.text.trim() === '') {
      closeBlock(i - 1);
      continue;
    }
    const type = /^\s*>\s*\[!/.test(line.text) ? 'callout'
      : /^\s*>/.test(line.text) ? 'blockquote'
      : /^\s*([-*+]|\d+[.)])\s/.test(line.text) ? 'list'
      : /^\s*\|/.test(line.text) ? 'table'
      : /^\s*([-*_])(\s*\1){2,}\s*$/.test(line.text) ? 'thematicBreak'
      : 'paragraph';
    if (!block) block = { type, start: i };
    refsIn(line, i, links, embeds);
  }
  closeBlock(lines.length - 1);

  if (headings.length > 0) cache.headings = headings;
  if (links.length > 0) cache.links = links;
  if (embeds.length > 0) cache.embeds = embeds;
  if (sections.length > 0) cache.sections = sections;
  return cache;
}
