/**
 * Workstream and task ids as authors write them. A workstream id normalises to `W<n>` (no leading
 * zeros); a task id keeps its spelling and belongs to a workstream only when it carries a workstream
 * prefix (`W2.1`, `W2-T3`, `WS-02.1`, `WS2.1`, `W02.1`); `T2.1` belongs to the section it stands in.
 */

/** How a workstream reference starts: `W`, `W-`, `WS`, `Workstream `, `Workstream W`. */
const WS_PREFIX = String.raw`(?:workstream[ \t]*[-_#]?[ \t]*w?|ws[ \t]*[-_]?|w[-_]?)`;

/** How a task id with a workstream starts: `W`, `W-`, `WS`, `WS-` (no space: `WS 2.1` is not an id). */
const TASK_WS_PREFIX = String.raw`(?:ws[-_]?|w[-_]?)`;

/**
 * A task id as a regex source (no anchors, no flags; use with `i`): `W2.1`, `W2.1.3`, `W2-T3`,
 * `W2.T3`, `WS-02.1`, `WS2-T3`, `W02.1`, `T2.1`, `T3`.
 */
export const TASK_ID_PATTERN = String.raw`${TASK_WS_PREFIX}\d+(?:[.-]?t\d+(?:\.\d+)*|(?:\.\d+)+)|t\d+(?:\.\d+)*`;

/** `W2`, `w02`, `W-2`, `WS2`, `WS-02`, `ws-2`, `WS 2`, `Workstream 2`, `Workstream W2` → `W2`; anything else → null. */
export function normaliseWorkstreamId(s: string): string | null {
  const t = s
    .trim()
    .replace(/^[*_`[(]+|[*_`\])]+$/g, '')
    .trim();
  const m = /^(?:workstream[ \t]*[-_#]?[ \t]*w?|ws[ \t]*[-_#]?[ \t]*|w[ \t]*[-_#]?[ \t]*)0*(\d+)$/i.exec(t);
  return m ? `W${m[1]}` : null;
}

/** A workstream reference found in running text. */
export interface WorkstreamToken {
  /** Normalised workstream id. */
  id: string;
  /** Offset of the first character of the token. */
  index: number;
  /** Offset just past the token. */
  end: number;
  /** The task id as written when the token is a task id (`W2.1`, `W2-T3`, `WS-02.1`), else null. */
  task: string | null;
}

const isWordChar = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}_]/u.test(c);

/**
 * Every workstream reference in `text` as a whole word: `W2`, `Workstream 2` and task ids with a
 * workstream prefix (`W2.1`, `W2-T3`, which name W2). `W20` is W20, never W2; `AW2` is nothing.
 */
export function scanWorkstreamTokens(text: string): WorkstreamToken[] {
  const re = new RegExp(String.raw`${WS_PREFIX}0*(\d+)((?:\.\d+)+|[.-]?t\d+(?:\.\d+)*)?`, 'gi');
  const out: WorkstreamToken[] = [];
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const end = m.index + m[0].length;
    // Checked here rather than with lookarounds: no backtracking into a shorter token, and no
    // lookbehind (iOS before 16.4 lacks it).
    if (isWordChar(text[m.index - 1]) || isWordChar(text[end])) continue;
    out.push({ id: `W${m[1]}`, index: m.index, end, task: m[2] ? m[0] : null });
  }
  return out;
}

const TASK_ID_AT_START = new RegExp(String.raw`^(?:${TASK_ID_PATTERN}|\d+(?:\.\d+)+)`, 'i');

/**
 * A task id at the very start of `s`: `W2.1`, `W2.1.3`, `W2-T3`, `W2.T3`, `WS-02.1`, `WS2.1`,
 * `T2.1`, `T3`, or a bare `2.1`. Returns the id as written; the caller decides whether a bare number
 * counts.
 */
export function matchTaskIdAtStart(s: string): { id: string; bare: boolean } | null {
  const m = TASK_ID_AT_START.exec(s);
  if (!m || isWordChar(s[m[0].length])) return null;
  return { id: m[0], bare: /^\d/.test(m[0]) };
}

const TASK_OWNER = new RegExp(String.raw`^${TASK_WS_PREFIX}0*(\d+)(?=[.-]?t\d|\.\d)`, 'i');

/** `W2.1`, `W2-T3`, `WS-02.1`, `WS2.1`, `W02.1` → `W2`; `T2.1` and `2.1` carry no workstream → null. */
export function workstreamOfTaskId(taskId: string): string | null {
  const m = TASK_OWNER.exec(taskId.trim());
  return m ? `W${m[1]}` : null;
}

/**
 * A key under which spellings of one task id compare equal: the workstream prefix normalised
 * (`WS-01.2`, `ws1.2`, `W01.2` → `W1.2`), the rest upper-cased (`w2-t3` → `W2-T3`). For matching
 * only; the WBS keeps ids as written.
 */
export function taskIdKey(taskId: string): string {
  const t = taskId.trim();
  const m = TASK_OWNER.exec(t);
  return (m ? `W${m[1]}${t.slice(m[0].length)}` : t).toUpperCase();
}

/** The distinct workstream ids a dependency statement names, in order, task ids mapped to their workstream. */
export function dependencyIds(text: string, selfId: string | null): string[] {
  const out: string[] = [];
  for (const t of scanWorkstreamTokens(text)) if (t.id !== selfId && !out.includes(t.id)) out.push(t.id);
  return out;
}

/**
 * Task ids as whole words in `text`, as written, distinct (case-insensitively), in order: `W1.1`,
 * `W2-T3`, `WS-02.1`, `T2.1`; with `bare`, also `2.1` (only where nothing else can be meant, e.g. a `Deps`
 * column). A workstream id alone (`W2`) is not a task id.
 */
export function scanTaskIds(text: string, opts: { bare?: boolean } = {}): string[] {
  const re = new RegExp(opts.bare ? `${TASK_ID_PATTERN}|\\d+(?:\\.\\d+)+` : TASK_ID_PATTERN, 'gi');
  const out: string[] = [];
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const end = m.index + m[0].length;
    // `.` before: part of a longer dotted number; word characters: part of another word.
    if (isWordChar(text[m.index - 1]) || text[m.index - 1] === '.' || isWordChar(text[end])) continue;
    if (!out.some((x) => x.toUpperCase() === m![0].toUpperCase())) out.push(m[0]);
  }
  return out;
}
