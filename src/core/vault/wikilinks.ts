import { maskCode } from '../markdown/code-mask';

/** A wikilink as Obsidian reads it: `[[linkpath#subpath|alias]]`, optionally an embed `![[…]]`. */
export interface Wikilink {
  /** The whole link as written, brackets included. */
  raw: string;
  /** The note part, without `.md` trimming (resolution handles that); empty for `[[#Heading]]`. */
  linkpath: string;
  /** What follows `#`: a heading (`Heading`, or nested `A#B`), or a block id (`^abc`); null when absent. */
  subpath: string | null;
  /** True when the subpath is a block reference (`#^id`). */
  isBlock: boolean;
  alias: string | null;
  embed: boolean;
  /** 1-based line of the link. */
  line: number;
  /** Offset of the first character (`!` or `[`) in the text. */
  offset: number;
}

/** Every wikilink in a note, in order, skipping those inside code blocks, code spans and comments. */
export function parseWikilinks(text: string): Wikilink[] {
  const masked = maskCode(text);
  const links: Wikilink[] = [];
  const re = /(!?)\[\[([^[\]\n]*?)\]\]/g;
  let m: RegExpExecArray | null;
  let line = 1;
  let lineScan = 0;
  while ((m = re.exec(masked)) !== null) {
    for (; lineScan < m.index; lineScan++) if (masked.charCodeAt(lineScan) === 10) line++;
    const inner = text.slice(m.index + m[1]!.length + 2, m.index + m[0].length - 2);
    const parsed = parseLinkInner(inner);
    if (!parsed) continue;
    links.push({ ...parsed, raw: text.slice(m.index, m.index + m[0].length), embed: m[1] === '!', line, offset: m.index });
  }
  return links;
}

/** Parse the inside of `[[…]]`; null when there is nothing to link to. */
export function parseLinkInner(inner: string): Pick<Wikilink, 'linkpath' | 'subpath' | 'isBlock' | 'alias'> | null {
  // In tables Obsidian users escape the alias pipe as `\|`.
  const pipe = inner.search(/\\?\|/);
  const target = pipe >= 0 ? inner.slice(0, pipe) : inner;
  const alias = pipe >= 0 ? inner.slice(pipe).replace(/^\\?\|/, '').trim() || null : null;
  const hash = target.indexOf('#');
  const linkpath = (hash >= 0 ? target.slice(0, hash) : target).trim();
  const rawSub = hash >= 0 ? target.slice(hash + 1).trim() : null;
  const subpath = rawSub === null || rawSub === '' ? null : rawSub;
  if (linkpath === '' && subpath === null) return null;
  return { linkpath, subpath, isBlock: subpath !== null && subpath.startsWith('^'), alias };
}

/** Parse one link written as `[[…]]` (or `![[…]]`); null when it is not a wikilink. */
export function parseWikilink(raw: string): Wikilink | null {
  const m = /^(!?)\[\[([^[\]\n]*)\]\]$/.exec(raw.trim());
  if (!m) return null;
  const parsed = parseLinkInner(m[2]!);
  if (!parsed) return null;
  return { ...parsed, raw: raw.trim(), embed: m[1] === '!', line: 1, offset: 0 };
}

/** Format a link; `subpath` is a heading text or `^block`. */
export function formatWikilink(linkpath: string, subpath?: string | null, alias?: string | null): string {
  const sub = subpath ? `#${subpath}` : '';
  const al = alias ? `|${alias}` : '';
  return `[[${linkpath}${sub}${al}]]`;
}

/**
 * Compare heading texts the way a link reaches them: case-insensitively, ignoring the characters
 * a link cannot hold (`# | ^ : % [ ]`) and collapsing runs of spaces.
 */
export function normaliseHeadingForLink(heading: string): string {
  return heading
    .replace(/[#|^:%[\]\\]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** The text to put after `#` in a link to this heading (the characters a link cannot hold become spaces). */
export function headingLinkText(heading: string): string {
  return heading.replace(/[#|^:%[\]\\]/g, ' ').replace(/\s+/g, ' ').trim();
}
