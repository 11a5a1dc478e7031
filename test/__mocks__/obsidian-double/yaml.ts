/**
 * YAML and frontmatter helpers with the app's contracts, backed by the `yaml` package (the double
 * only; src never imports it). Obsidian's parser is also `yaml`-like: a bad block raises an error
 * named `YAMLParseError` whose `linePos` is 1-based within the YAML text.
 */
import { parse, stringify } from 'yaml';

export function parseYaml(text: string): any {
  return parse(text);
}

export function stringifyYaml(obj: unknown): string {
  return stringify(obj);
}

export interface FrontMatterInfo {
  exists: boolean;
  frontmatter: string;
  from: number;
  to: number;
  contentStart: number;
}

/**
 * Like the app's `getFrontMatterInfo`: a block exists when the first line is `---` and a later line
 * is `---`. `from`/`to` delimit the YAML text, `contentStart` is the offset after the closing line.
 */
export function getFrontMatterInfo(content: string): FrontMatterInfo {
  const none: FrontMatterInfo = { exists: false, frontmatter: '', from: 0, to: 0, contentStart: 0 };
  const open = /^---[ \t]*(\r?\n)/.exec(content);
  if (!open) return none;
  const from = open[0].length;
  const close = /(^|\r?\n)---[ \t]*(\r?\n|$)/g;
  close.lastIndex = from - open[1]!.length; // allow an empty block: `---\n---`
  const m = close.exec(content);
  if (!m) return none;
  const to = Math.max(from, m.index + m[1]!.length);
  return { exists: true, frontmatter: content.slice(from, to), from, to, contentStart: m.index + m[0].length };
}
