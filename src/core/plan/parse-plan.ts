/**
 * Reads a plan note back into its section tree. Readers find sections by their number
 * ("2.1.3"), never by their exact words, so a model that words a heading differently still
 * lands in the right place.
 */
import { parseHeadings } from '../markdown/headings';

export interface PlanSection {
  /** "2.1.3" for a numbered heading (a trailing dot is dropped), null for unnumbered ones. */
  number: string | null;
  /** The heading text after the number. */
  title: string;
  level: number;
  /** 1-based line of the heading. */
  line: number;
  /** First line of the section's own text (the line after the heading). */
  bodyStart: number;
  /** Last line of the section's own text, before its first child or the next heading; bodyStart - 1 when empty. */
  bodyEnd: number;
  /** The section's own text (without its children's). */
  body: string;
  /** Last line of the section including its children (before the next heading of the same or a higher level). */
  end: number;
  children: PlanSection[];
}

const NUMBERED = /^(\d+(?:\.\d+)*)\.?(?:\s+(.*))?$/;

/** The section tree of a plan note: top-level entries are the highest-level headings (normally the `#` title). */
export function parsePlanSections(text: string): PlanSection[] {
  const lines = text.split('\n');
  const headings = parseHeadings(text);
  const flat: PlanSection[] = headings.map((h, i) => {
    const m = NUMBERED.exec(h.text);
    const next = headings[i + 1];
    const bodyEnd = (next ? next.line : lines.length + 1) - 1;
    return {
      number: m ? m[1]! : null,
      title: m ? (m[2] ?? '').trim() : h.text,
      level: h.level,
      line: h.line,
      bodyStart: h.line + 1,
      bodyEnd,
      body: lines.slice(h.line, bodyEnd).join('\n'),
      end: bodyEnd,
      children: [],
    };
  });

  const roots: PlanSection[] = [];
  const stack: PlanSection[] = [];
  for (const s of flat) {
    while (stack.length > 0 && stack[stack.length - 1]!.level >= s.level) stack.pop();
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(s);
    else roots.push(s);
    stack.push(s);
  }
  for (const r of roots) fixEnds(r);
  return roots;
}

function fixEnds(s: PlanSection): number {
  let end = s.bodyEnd;
  for (const c of s.children) end = Math.max(end, fixEnds(c));
  s.end = end;
  return end;
}

/** Every section, depth first, in document order. */
export function flattenSections(sections: PlanSection[]): PlanSection[] {
  const out: PlanSection[] = [];
  const walk = (list: PlanSection[]): void => {
    for (const s of list) {
      out.push(s);
      walk(s.children);
    }
  };
  walk(sections);
  return out;
}

/** The first section with this number ("2.1.3"), or null. */
export function findSection(sections: PlanSection[], number: string): PlanSection | null {
  return flattenSections(sections).find((s) => s.number === number) ?? null;
}

/** The text of a section with its children, heading line excluded. */
export function sectionText(text: string, section: PlanSection): string {
  return text.split('\n').slice(section.line, section.end).join('\n');
}

/**
 * Direct subsections numbered one level below `parent` (for section "2": "2.1", "2.2", …),
 * in document order. Children with other numbers or none are left out.
 */
export function numberedChildren(parent: PlanSection): PlanSection[] {
  if (parent.number === null) return [];
  const re = new RegExp(`^${parent.number.replace(/\./g, '\\.')}\\.\\d+$`);
  return parent.children.filter((c) => c.number !== null && re.test(c.number));
}
