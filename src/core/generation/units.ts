/**
 * The plan note as a sequence of units in document order. A core unit is text the planner writes
 * itself (frontmatter, title block, a fixed section); a model unit is one model call whose streamed
 * text fills an expected list of parts under a heading the core writes first.
 */

/** One expected sub-part of a model unit, e.g. `#### 2.3.2 Public Interfaces`. */
export interface UnitPart {
  /** The part's number as written in its heading: '2.3.1', '1.2'. */
  number: string;
  /** The exact heading line the core writes, hashes included, no line break: `#### 2.3.1 Purpose and Responsibilities`. */
  heading: string;
  /** Markdown heading level of `heading` (1–6). */
  level: number;
  /** Who writes the body: the model (streamed) or the core (`coreBody`, fixed facts). */
  owner: 'model' | 'core';
  /** Body the core writes under a core-owned part (no trailing line break needed). */
  coreBody?: string;
  /** What belongs in the part; quoted in the `[!todo]` callout when the model skipped it. */
  hint?: string;
  /**
   * For a part the output format asks for only in some cases: written instead of the `[!todo]`
   * callout when the model, having finished, left it out (it judged the case does not apply).
   */
  notApplicable?: string;
}

export interface PlanUnit {
  /** Stable id of the unit within one plan, e.g. 'module-2.3'. */
  key: string;
  kind: 'core' | 'model';
  /** Kind core: the unit's whole text, written as is. */
  coreText?: string;
  /** Kind model: the heading the core writes before the model's text streams in. */
  top?: { heading: string; level: number };
  /** Kind model: expected parts in order (may be empty: the model's text then sits under `top`). */
  parts: UnitPart[];
  /** For progress lines: 'Section 2.3 Sync client'. */
  label: string;
}

/** How a model call ended: fully, at the output limit, or declined by the model. */
export type UnitOutcome = 'complete' | 'truncated' | 'refused';

/**
 * The deepest heading level of a unit's skeleton: model headings at this level or above (fewer
 * hashes) could break the skeleton, so the section transform demotes them.
 */
export function deepestLevel(unit: PlanUnit): number {
  let deepest = unit.top?.level ?? 1;
  for (const p of unit.parts) deepest = Math.max(deepest, p.level);
  return deepest;
}

/** A section number at the start of a heading's text, with its optional `.`, `:` or `)`: '2.3.2', '10.', '1)'. */
const LEADING_NUMBER = /^(\d+(?:\.\d+)*)[.:)]?(?=\s|$)/;

/** Leading section number of a heading's (trimmed) text ('2.3.2 Public Interfaces' → '2.3.2'), or null. */
export function leadingNumber(text: string): string | null {
  const m = LEADING_NUMBER.exec(text);
  return m ? m[1]! : null;
}

/** The text of an ATX heading line without hashes: '#### 2.3.1 Purpose' → '2.3.1 Purpose'. */
export function headingText(line: string): string {
  // A closing run of hashes goes with the blanks before it; the trim takes any that are left.
  return line.replace(/^ {0,3}#{1,6}[ \t]*/, '').replace(/[ \t]#+[ \t]*$/, '').trim();
}

/** A heading's title with its number and annotations removed, lower-cased, for matching by name. */
export function titleKey(text: string): string {
  return text
    .replace(LEADING_NUMBER, '')
    .replace(/\((?:if applicable|optional)\)/gi, '')
    .replace(/[*_`:]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}
