import type { ReadinessItem, ReadinessItemId } from '../contracts/readiness';
import type { WorkstreamScope } from '../contracts/scope';
import type { Wikilink } from '../vault/wikilinks';
import { findSection, flattenSections, sectionText, type PlanSection } from '../plan/parse-plan';

export interface CheckPlanInput {
  /** Vault path of the plan note (the source path for link resolution). */
  path: string;
  text: string;
  /** As the adapter's YAML parser read it; null when absent or unparseable. */
  frontmatter: Record<string, unknown> | null;
  frontmatterError: { line: number; detail: string } | null;
  /** The workstream's scope; null when the workstream is not in the WBS. */
  scope: WorkstreamScope | null;
  /** True when the link reaches an existing note (and heading, when it names one) from `sourcePath`. */
  resolveLink: (link: Wikilink, sourcePath: string) => Promise<boolean>;
  /**
   * True when `link` followed by `§number title` (a citation of a plain numbered section, e.g.
   * `[[meso-level-plan]] §2.1 Components`) names a real section of the linked note. Absent: no
   * citation can be verified, so every one counts as resolving to nothing.
   */
  resolveCitation?: (link: Wikilink, number: string, title: string, sourcePath: string) => Promise<boolean>;
}

/** What every checklist item reads: the input plus the note's section tree. */
export interface CheckContext extends CheckPlanInput {
  sections: PlanSection[];
  section(number: string): PlanSection | null;
  /** A section's text with its children, heading line excluded. */
  textOf(section: PlanSection): string;
}

/** One readiness checklist item: one file under `items/`. */
export interface ReadinessCheck {
  id: ReadinessItemId;
  check(ctx: CheckContext): ReadinessItem | Promise<ReadinessItem>;
}

export const pass = (id: ReadinessItemId, line: number | null): ReadinessItem => ({ id, ok: true, reasons: [], line });
export const fail = (id: ReadinessItemId, line: number | null, reasons: string[]): ReadinessItem => ({ id, ok: false, reasons, line });

/** The reason WBS-based items give when the scope is missing. */
export function notInWbsReason(): string {
  return 'The workstream is not in the WBS of the overall micro-level plan, so its tasks cannot be checked.';
}

export function buildContext(input: CheckPlanInput, sections: PlanSection[]): CheckContext {
  return {
    ...input,
    sections,
    section: (n) => findSection(sections, n),
    textOf: (s) => sectionText(input.text, s),
  };
}

/**
 * The deepest section holding `line`: the last one whose heading is at or above it (a section runs
 * to the next heading, so that one holds the line); undefined above the first heading.
 */
export function sectionAt(sections: PlanSection[], line: number): PlanSection | undefined {
  return flattenSections(sections).filter((s) => s.line <= line).pop();
}

/** "2.1 Invoice Service". */
export const label = (s: PlanSection): string => `${s.number ?? ''} ${s.title}`.trim();
