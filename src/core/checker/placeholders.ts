/**
 * The marks a draft leaves where content is still to be written: `> [!todo]` callouts, table
 * cells holding only `TODO`, and the offline-draft warning under the title. Generators write
 * them with the constants here and the completeness item finds them with `findPlaceholders`, so
 * the two cannot drift apart.
 */
import { maskCode } from '../markdown/code-mask';
import { splitFrontmatter } from '../markdown/frontmatter-block';
import { STATUS_CALLOUT_MARK } from '../writer/plan-status';

/** Title of the warning callout an offline draft carries under its title. */
export const OFFLINE_DRAFT_TITLE = 'Offline draft';

/** What a generator writes in a table cell it cannot fill (the whole cell, nothing else). */
export const TODO_CELL = 'TODO';

export type PlaceholderKind = 'todo-callout' | 'todo-cell' | 'draft-banner';

export interface Placeholder {
  kind: PlaceholderKind;
  /** 1-based line in the note. */
  line: number;
}

/** A callout opening line, also nested (`> > [!todo]`), with its type and its title (untrimmed) captured. */
const CALLOUT_START = /^\s{0,3}(?:>\s*)+\[!([^\]\s]+)\][+-]?(.*)/;
const BANNER_TITLE = new RegExp(`^${OFFLINE_DRAFT_TITLE}\\b`, 'i');

/**
 * Every placeholder left in the note, in document order. The frontmatter, code (fenced, inline,
 * HTML comments) and the status callout the writer puts under the title (marked
 * `<!-- wp:status -->`) are not searched: they quote or describe placeholders, they are none.
 */
export function findPlaceholders(text: string): Placeholder[] {
  const raw = text.split('\n');
  const { bodyStartLine } = splitFrontmatter(text);
  const lines = maskCode(text).split('\n');
  const found: Placeholder[] = [];
  let inStatus = false;
  for (let i = bodyStartLine - 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (inStatus && /^\s{0,3}>/.test(line)) continue;
    inStatus = false;
    if (raw[i]!.includes(STATUS_CALLOUT_MARK) && /^\s{0,3}>/.test(raw[i]!)) {
      inStatus = true;
      continue;
    }
    const callout = CALLOUT_START.exec(line);
    if (callout) {
      const type = callout[1]!.toLowerCase();
      if (type === 'todo') found.push({ kind: 'todo-callout', line: i + 1 });
      else if (type === 'warning' && BANNER_TITLE.test(callout[2]!.trim())) found.push({ kind: 'draft-banner', line: i + 1 });
      continue;
    }
    if (line.includes('|') && line.split('|').some((cell) => cell.trim() === TODO_CELL)) {
      found.push({ kind: 'todo-cell', line: i + 1 });
    }
  }
  return found;
}
