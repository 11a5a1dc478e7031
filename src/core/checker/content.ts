/**
 * What counts as content in a section: placeholders (`> [!todo]` callouts) are blanked first,
 * then code blocks, tables, lists, checkboxes and labels are looked for.
 */
import { maskCode } from '../markdown/code-mask';
import { splitFrontmatter } from '../markdown/frontmatter-block';

/** A `[!todo]` callout's opening line, also nested in another callout (`> > [!todo]`). */
const TODO_START = /^\s{0,3}(?:>\s*)+\[!todo\]/i;
const QUOTED = /^\s{0,3}>/;

/** The text with every `> [!todo]` callout blanked (line count kept, so lines still match the note). */
export function stripTodoCallouts(text: string): string {
  let inTodo = false;
  return text
    .split('\n')
    .map((line) => {
      if (TODO_START.test(line)) inTodo = true;
      else if (inTodo && !QUOTED.test(line)) inTodo = false;
      return inTodo ? '' : line;
    })
    .join('\n');
}

/** The note with its frontmatter's lines emptied (line breaks kept), so a line found in it is the note's. */
export function withoutFrontmatter(text: string): string {
  const { bodyOffset, bodyStartLine } = splitFrontmatter(text);
  return '\n'.repeat(bodyStartLine - 1) + text.slice(bodyOffset);
}

/** Lines outside code, with placeholders blanked. */
function proseLines(text: string): string[] {
  return maskCode(stripTodoCallouts(text)).split('\n');
}

/** True when the text (placeholders aside) holds a fenced code block. */
export function hasCodeBlock(text: string): boolean {
  return stripTodoCallouts(text)
    .split('\n')
    .some((l) => /^(?:\s{0,3}>\s?)*\s{0,3}(?:`{3,}|~{3,})/.test(l));
}

const TABLE_RULE = /^\s*(?:>\s?)*\s*\|?\s*:?-{1,}:?\s*(?:\|\s*:?-{1,}:?\s*)+\|?\s*$|^\s*(?:>\s?)*\s*\|\s*:?-{1,}:?\s*\|\s*$/;

/** True when the text (placeholders and code aside) holds a Markdown table: a row with pipes over a rule row. */
export function hasTable(text: string): boolean {
  return tables(text).length > 0;
}

/** A Markdown table as written: its header cells and the cells of each data row, trimmed. */
export interface MarkdownTable {
  header: string[];
  rows: string[][];
}

/**
 * The cells of one table line. Pipes are found in `masked` (code blanked), so a pipe inside a code
 * span or escaped (`\|`) does not split a cell; the cells' text is read from `raw`.
 */
function tableCells(raw: string, masked: string): string[] {
  // Quote marks and indentation before the first cell (no `^` needed: a pattern that may match nothing
  // always matches at index 0).
  const lead = /\s*(?:>\s?)*/.exec(masked)![0].length;
  const r = raw.slice(lead);
  const m = masked.slice(lead);
  const cells: string[] = [];
  let start = 0;
  for (const pipe of m.matchAll(/\\?\|/g)) {
    if (pipe[0] !== '|') continue; // an escaped pipe, part of its cell
    cells.push(r.slice(start, pipe.index));
    start = pipe.index + 1;
  }
  cells.push(r.slice(start));
  if (m.trim().startsWith('|')) cells.shift();
  if (m.trim().endsWith('|')) cells.pop();
  return cells.map((c) => c.trim());
}

/** Every Markdown table of the text (placeholders and fenced code aside), in order. */
export function tables(text: string): MarkdownTable[] {
  const stripped = stripTodoCallouts(text);
  const raw = stripped.split('\n');
  const masked = maskCode(stripped).split('\n');
  const out: MarkdownTable[] = [];
  for (let i = 0; i + 1 < masked.length; i++) {
    if (!masked[i]!.includes('|') || !TABLE_RULE.test(masked[i + 1]!)) continue;
    const table: MarkdownTable = { header: tableCells(raw[i]!, masked[i]!), rows: [] };
    let j = i + 2;
    for (; j < masked.length && masked[j]!.includes('|'); j++) {
      table.rows.push(tableCells(raw[j]!, masked[j]!));
    }
    out.push(table);
    i = j - 1;
  }
  return out;
}

/** True when the text (placeholders and code aside) holds a bulleted or numbered list item. */
export function hasList(text: string): boolean {
  return proseLines(text).some((l) => /^\s*(?:>\s?)*\s*(?:[-*+]|\d+[.)])\s+\S/.test(l));
}

/** True when the text (placeholders and code aside) holds a task item `- [ ]` or `- [x]`. */
export function hasCheckbox(text: string): boolean {
  return proseLines(text).some((l) => /^\s*(?:>\s?)*\s*(?:[-*+]|\d+[.)])\s+\[[ xX]\]\s+\S/.test(l));
}

/** The text's prose (placeholders and code blanked), for word searches. */
export function prose(text: string): string {
  return proseLines(text).join('\n');
}

/** `s` as a regex source that matches it literally. */
export const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * True when `label` (words separated by single spaces, e.g. "Status codes") stands as a label
 * anywhere in the text: at the start of a line (after list markers, quote marks or heading hashes),
 * or followed by a colon, in any case, with any spaces between its words and with or without
 * emphasis. Placeholders and code do not count.
 */
export function hasLabel(text: string, label: string): boolean {
  const words = label.split(' ').map(escapeRe).join('\\s+');
  const atStart = new RegExp(`^\\s*(?:>\\s?)*\\s*(?:#{1,6}\\s+|[-*+]\\s+|\\d+[.)]\\s+)?(?:${words})s?\\b`, 'i');
  const withColon = new RegExp(`(?:^|[^\\p{L}\\p{N}])(?:${words})s?(?:\\s*\\([^)\\n]*\\))?\\s*:`, 'iu');
  return proseLines(text).some((raw) => {
    const line = raw.replace(/[*_]/g, '');
    return atStart.test(line) || withColon.test(line);
  });
}

/**
 * Regex source (flag `u`) matching what `source` matches as a whole token, captured as group 1: not
 * inside a word, nor after a dot, nor before `.` and a digit (so W2.1 does not match inside W2.10,
 * W12.1 or W2.1.3).
 */
export function tokenPattern(source: string): string {
  return `(?:^|[^\\p{L}\\p{N}_.])(${source})(?![\\p{L}\\p{N}_]|\\.\\d)`;
}

/** True when the text (placeholders aside) names `id` as a whole token. */
export function namesId(text: string, id: string): boolean {
  return new RegExp(tokenPattern(escapeRe(id)), 'u').test(stripTodoCallouts(text));
}
