/** Line-level readers shared by the WBS parser and the meso mentions: headings, list items, tasks. */
import type { Estimate } from '../contracts/wbs';
import { parseEstimate } from './estimates';
import { TASK_ID_PATTERN, matchTaskIdAtStart, normaliseWorkstreamId, scanTaskIds, scanWorkstreamTokens } from './workstream-id';

const ID_AT_START = /^(?:\*\*|__)?\s*((?:workstream[ \t]*[-_#]?[ \t]*w?|ws[ \t]*[-_]?|w[-_]?)\d+)(?![\p{L}\p{N}_]|\.\d|[.-]?t\d)/iu;

/** Drop a leading section number (`3.`, `4.1`) that authors put in front of heading text. */
export function stripNumbering(text: string): string {
  return text.trim().replace(/^\d+(?:\.\d+)*\.?\s+(?=\D)/, '');
}

/** The content of a list item (`- x`, `* x`, `1. x`, `- [ ] x`, inside a quote too), or null. */
export function listItemContent(line: string): string | null {
  const m = /^\s*(?:>\s*)*(?:[-*+]|\d+[.)])\s+(?:\[[ xX/-]\]\s+)?(.*)$/.exec(line);
  return m ? m[1]! : null;
}

/** Trim separators, emphasis and wrapping parentheses from a name. */
export function cleanName(s: string): string {
  let t = s.trim().replace(/^(?:[:—–|.)-]+|\*\*|__)+\s*/, '');
  t = t.replace(/\s*(?:\*\*|__)\s*$/, '').replace(/^(?:\*\*|__)\s*/, '');
  const paren = /^\((.*)\)$/.exec(t);
  if (paren) t = paren[1]!;
  return t.trim();
}

export interface LeadingWorkstream {
  id: string;
  /** Everything after the id and its separator, as written (trimmed). */
  rest: string;
}

/** A workstream id at the start of a heading or item: `W2: …`, `**W2** — …`, `Workstream 2 (…)`. */
export function leadingWorkstream(text: string): LeadingWorkstream | null {
  const t = stripNumbering(text);
  const m = ID_AT_START.exec(t);
  if (!m) return null;
  const id = normaliseWorkstreamId(m[1]!);
  if (!id) return null;
  return { id, rest: t.slice(m[0].length).trim() };
}

export interface WorkstreamHeading {
  id: string;
  name: string;
  /** Dependencies stated in the heading itself: `W3: Reports (depends on W1, W2)`. */
  dependsOn: string[] | null;
}

/**
 * `W2: Name`, `W2 — Name`, `Workstream 2 — Name (W2)`, `Workstream 2: Name`, `**W2** Name`,
 * `W2 (Name)`, numbered (`3. W2: Name`). Task ids (`W2.1 …`) are not workstream headings.
 */
export function parseWorkstreamHeading(text: string): WorkstreamHeading | null {
  const lead = leadingWorkstream(text);
  if (!lead) return null;
  let name = lead.rest;
  let dependsOn: string[] | null = null;
  const deps = /\s*\((?:depends on|deps?|dependencies|after|requires)\s*:?\s*([^()]*)\)\s*$/i.exec(name);
  if (deps) {
    dependsOn = [];
    for (const tok of scanWorkstreamTokens(deps[1]!)) if (tok.id !== lead.id && !dependsOn.includes(tok.id)) dependsOn.push(tok.id);
    name = name.slice(0, deps.index);
  }
  name = cleanName(name);
  // `Workstream 2 — Name (W2)`: the trailing id repeats the leading one.
  const trailing = /\s*[([]\s*([^()[\]]*)\s*[)\]]\s*$/.exec(name);
  if (trailing && normaliseWorkstreamId(trailing[1]!)) name = name.slice(0, trailing.index).trim();
  return { id: lead.id, name: cleanName(name), dependsOn };
}

export interface TaskLine {
  id: string;
  title: string;
  estimate?: Estimate;
  /** Task ids from a dependency clause in the line (`(after W1.1)`, `depends on W1.1`), as written. */
  dependsOn?: string[];
}

/**
 * A task at the start of a list item or heading: `**W2.1** Title — 3d`, `W2.1: Title (4h)`,
 * `W2-T3 Title`, `T2.1 — Title [2 days]`, `WS-01.2 Title — 5 pts — after WS-02.2`. A bare `2.1`
 * counts only when bold or followed by `:`.
 */
export function parseTaskLine(content: string): TaskLine | null {
  const open = /^(\*\*|__|`)?\s*/.exec(content)!;
  const afterOpen = content.slice(open[0].length);
  const id = matchTaskIdAtStart(afterOpen);
  if (!id) return null;
  let rest = afterOpen.slice(id.id.length);
  const close = /^(?:\*\*|__|`)?/.exec(rest)!;
  rest = rest.slice(close[0].length);
  // `` `W1.2` Title `` is a task; `` `W1.2 some code` `` is code that happens to start with an id.
  if (open[1] === '`' && close[0] !== '`') return null;
  const sep = /^(\s*[:—–.)|-]+\s*|\s+|$)/.exec(rest);
  if (!sep) return null;
  if (id.bare && !open[1] && !sep[0].includes(':')) return null;
  rest = rest.slice(sep[0].length).replace(/^(?:\*\*|__)\s*/, '');
  const deps = splitTaskDependencies(rest);
  const { title, estimate } = splitTrailingEstimate(deps.text);
  const out: TaskLine = { id: id.id, title };
  if (estimate) out.estimate = estimate;
  if (deps.dependsOn.length > 0) out.dependsOn = deps.dependsOn;
  return out;
}

const DEP_WORDS = String.raw`(?:depends\s+on|dependencies|dependency|deps?|after|requires|needs|blocked\s+by|prereq(?:uisite)?s?)`;
const TASK_ID = `(?:${TASK_ID_PATTERN})`;
/** `(after W1.1)`, `[depends on: W1.1, W2.3]`: a bracketed clause that names task ids. */
const DEP_PAREN = new RegExp(String.raw`\s*[([]\s*${DEP_WORDS}(?![\p{L}\p{N}_])\s*:?\s*([^()[\]]*?)\s*[)\]]`, 'giu');
/** `— depends on W1.1 and W1.2`, `; after W2.3`: a clause whose list is task ids only. */
const DEP_BARE = new RegExp(
  String.raw`(?:\s*[—–;,]\s*|\s+-\s+|\s+)(?:depends\s+on|after|requires|blocked\s+by)\s*:?\s*(${TASK_ID}(?:\s*(?:,|&|/|\band\b)\s*${TASK_ID})*)(?![\p{L}\p{N}_.])`,
  'giu',
);

/**
 * Pulls task dependencies out of a task's text: `Title (after W1.1) — 2d` → `Title — 2d` and
 * `['W1.1']`. Only clauses that name at least one task id count (`(after the launch)` stays in the
 * title); a workstream id alone is a workstream dependency, not a task one.
 */
export function splitTaskDependencies(text: string): { text: string; dependsOn: string[] } {
  const dependsOn: string[] = [];
  const add = (ids: string[]): void => {
    for (const id of ids) if (!dependsOn.some((d) => d.toUpperCase() === id.toUpperCase())) dependsOn.push(id);
  };
  const take = (whole: string, list: string): string => {
    const ids = scanTaskIds(list);
    if (ids.length === 0) return whole;
    add(ids);
    return '';
  };
  const out = text.replace(DEP_PAREN, take).replace(DEP_BARE, take);
  return { text: dependsOn.length > 0 ? out.replace(/\s{2,}/g, ' ').trim() : text, dependsOn };
}

/** `Title — 3d`, `Title (4h)`, `Title [est. 2 days]`, `Title | 5 pts` → the title and the estimate. */
export function splitTrailingEstimate(text: string): { title: string; estimate?: Estimate } {
  const t = text.trim();
  const paren = /\s*[([]([^()[\]]*)[)\]]\s*$/.exec(t);
  if (paren) {
    const estimate = parseEstimate(paren[1]!, { requireUnit: true, knownUnit: true });
    if (estimate) return { title: tidyTitle(t.slice(0, paren.index)), estimate };
  }
  const dash = /\s+(?:[—–|]|-{1,2})\s*([^—–|]*?)\s*$/.exec(t);
  if (dash) {
    const estimate = parseEstimate(dash[1]!, { requireUnit: true, knownUnit: true });
    if (estimate) return { title: tidyTitle(t.slice(0, dash.index)), estimate };
  }
  return { title: tidyTitle(t) };
}

function tidyTitle(s: string): string {
  let t = s.trim();
  // `**W2.1 Title** — 3d` leaves an unpaired closing mark.
  for (const mark of ['**', '__']) if (t.endsWith(mark) && t.split(mark).length === 2) t = t.slice(0, -mark.length).trim();
  return t;
}

/**
 * A dependency statement: `Depends on: W1, W3`, `Dependencies: W1 and W3`, `**Depends on:** none`,
 * `> Depends on W1`. Returns the text after the label (possibly empty, for a list that follows).
 */
export function dependencyStatement(line: string): string | null {
  const t = line
    .replace(/\*\*|__/g, '')
    .replace(/^\s*(?:>\s*)*(?:[-*+]\s+)?/, '')
    .trim();
  const m =
    /^(?:depends on|dependencies|dependency|deps|upstream(?: dependencies)?|prerequisites|blocked by)\s*[:—–]\s*(.*)$/i.exec(t) ??
    /^depends on\s+(.*)$/i.exec(t);
  return m ? m[1]!.trim() : null;
}

/** Where one clause of a line ends and the next begins: `·`, `|`, `;`, ` - `, ` — `, ` – `. */
const CLAUSE_SEPARATOR = /\s*[·|;]\s*|\s+[-—–]\s+/;

/**
 * A dependency statement after other clauses of the line: `Owner: Ana · Depends on: WS-02`,
 * `Lead: Jo | Depends on: W1`, `Status: draft; Depends on: W1`, `Team: Core - Depends on: none`.
 * Returns the text after the label up to the next separator (possibly empty, for a list that
 * follows, or `none`); a statement that names no workstream is prose. The label must open a clause, so `what depends on: legacy` in running text never
 * counts; callers apply this only to lines that are not task lines, since a task title may hold
 * such a clause.
 */
export function trailingDependencyStatement(line: string): string | null {
  const clauses = line.split(CLAUSE_SEPARATOR);
  for (let i = 1; i < clauses.length; i++) {
    const statement = dependencyStatement(clauses[i]!);
    // Mid-line, only a statement that says something counts: `· depends on the weather` is prose.
    if (statement !== null && (/^(?:none|nothing|n\/a|[-—–:])?\.?$/i.test(statement) || scanWorkstreamTokens(statement).length > 0)) {
      return statement;
    }
  }
  return null;
}

/** A heading that opens a dependency sub-section: `### Dependencies`, `#### Upstream`. */
export function isDependencyHeading(text: string): boolean {
  return /^(?:depends on|dependencies|dependency|deps|upstream(?: dependencies)?|prerequisites|blocked by)\s*:?$/i.test(
    cleanName(stripNumbering(text)),
  );
}

/** `W3 depends on W1, W2` (anywhere in the note): the subject and what it names. */
export function relationalDependency(line: string): { id: string; text: string } | null {
  const content = listItemContent(line) ?? line.replace(/^\s*(?:>\s*)*/, '');
  const lead = leadingWorkstream(content);
  if (!lead) return null;
  const m = /^(?:\*\*|__)?\s*(?:[:—–-]\s*)?(?:depends on|requires|is blocked by|needs)\s*:?\s*(.*)$/i.exec(lead.rest);
  return m ? { id: lead.id, text: m[1]! } : null;
}
