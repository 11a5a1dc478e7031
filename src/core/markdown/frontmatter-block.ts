/**
 * Finds the frontmatter block of a note without parsing its YAML (the core leaves YAML to the
 * adapters: gray-matter on Node, the metadata cache in Obsidian). Obsidian only treats a block as
 * frontmatter when the note's very first line is `---` and a later line is `---`.
 */
export interface FrontmatterBlock {
  /** The YAML between the fences, or null when the note has no frontmatter. */
  yaml: string | null;
  /** Offset of the first character after the closing fence line (0 when there is none). */
  bodyOffset: number;
  /** 1-based line on which the body starts. */
  bodyStartLine: number;
}

export function splitFrontmatter(text: string): FrontmatterBlock {
  const noFrontmatter = { yaml: null, bodyOffset: 0, bodyStartLine: 1 };
  const first = text.match(/^---[ \t]*\r?\n/);
  if (!first) return noFrontmatter;
  // The closing fence may sit right after the opening one (empty frontmatter).
  const rest = text.slice(first[0].length);
  const m = /(^|\n)---[ \t]*(?:\r?\n|$)/.exec(rest);
  if (!m) return noFrontmatter;
  const fenceStart = first[0].length + m.index + (m[1] ? 1 : 0);
  const yaml = text.slice(first[0].length, fenceStart);
  const bodyOffset = fenceStart + m[0].length - (m[1] ? 1 : 0);
  const bodyStartLine = countLines(text.slice(0, bodyOffset)) + 1;
  return { yaml, bodyOffset, bodyStartLine };
}

/** Number of line breaks in `s`. */
export function countLines(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 10) n++;
  return n;
}
