import { splitFrontmatter } from './frontmatter-block';

/**
 * Replaces one top-level key of a note's frontmatter with `rendered` (the key's whole YAML, e.g.
 * `status: "draft"`), leaving every other line as it is; a key that is not there is added before the
 * closing fence. Not a YAML parser: a top-level key block is its `key:` line at column 0 plus the lines
 * that continue it (indented, list items, blank lines inside). That is enough for the planner's own
 * keys even after Obsidian's Properties panel rewrote them over several lines. Notes without
 * frontmatter are returned unchanged.
 */
export function setTopLevelKey(text: string, key: string, rendered: string): string {
  const fm = splitFrontmatter(text);
  if (fm.yaml === null) return text;
  const open = text.indexOf('\n') + 1;
  const eol = fm.yaml.includes('\r\n') ? '\r\n' : '\n';
  const lines = fm.yaml.split('\n');
  // The YAML ends with the line break before the closing fence: keep that shape.
  const trailing = lines[lines.length - 1] === '' ? lines.pop() : undefined;
  const isKeyLine = (l: string): boolean => /^[^\s#-][^:]*:(?:\s|$)/.test(l);
  const start = lines.findIndex((l) => l.replace(/\r$/, '').startsWith(`${key}:`) && isKeyLine(l));
  const renderedLines = rendered.split('\n').map((l) => (eol === '\r\n' ? `${l}\r` : l));
  if (start < 0) {
    lines.push(...renderedLines);
  } else {
    let end = start + 1;
    while (end < lines.length && !isKeyLine(lines[end]!) && !/^#/.test(lines[end]!)) end++;
    // Blank lines between this key and the next stay with the next.
    while (end > start + 1 && lines[end - 1]!.replace(/\r$/, '').trim() === '') end--;
    lines.splice(start, end - start, ...renderedLines);
  }
  if (trailing !== undefined) lines.push(trailing);
  return text.slice(0, open) + lines.join('\n') + text.slice(open + fm.yaml.length);
}
