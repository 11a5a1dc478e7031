/**
 * The plan note's section skeleton as data, shared by the generators (which write it) and the
 * checker (which reads it back). Headings carry the numbers and titles of the output format with
 * the template's annotations ("(if applicable)") and placeholders removed; per-module and
 * per-endpoint headings are filled in from the outline.
 */
import type { PlanStatus } from '../contracts/plan-frontmatter';

export interface SkeletonSection {
  /** "1", "2.1.4", or null for unnumbered sections (Executive Summary, Appendices). */
  number: string | null;
  title: string;
  /** Markdown heading level (1–6). */
  level: number;
  /** One sentence on what belongs here; generators use it for prompts and `[!todo]` callouts. */
  hint: string;
  /**
   * For a subsection the output format asks for only in some cases ("if UI component"): what is
   * written, with the reason, when the model leaves it out.
   */
  notApplicable?: string;
  children: SkeletonSection[];
}

/** Bold fields of the title block, in order. */
export const TITLE_BLOCK_FIELDS = [
  'Project',
  'Workstream ID',
  'Workstream Name',
  'Version',
  'Date',
  'Meso-Level Plan Version',
] as const;

/** The seven subsections every module of section 2 has, numbered `2.N.1` … `2.N.7`. */
export const MODULE_SUBSECTIONS: readonly { index: number; title: string; hint: string; notApplicable?: string }[] = [
  { index: 1, title: 'Purpose and Responsibilities', hint: 'What the module does and why, what is in and out of scope, and what it depends on.' },
  { index: 2, title: 'Public Interfaces', hint: 'Every public signature, with types and doc comments, in a fenced code block.' },
  { index: 3, title: 'Data Models', hint: 'Entities, models and schemas with validation rules, as a code block or a table.' },
  {
    index: 4,
    title: 'State Management',
    hint: 'Events, states and transitions, or a line saying the module holds no state.',
    // The output format asks for state management only "if UI component" / "(if applicable)".
    notApplicable: 'Not applicable: this module is not a UI component and holds no UI state, so it has no events, states or transitions to specify.',
  },
  { index: 5, title: 'Error Handling', hint: 'Expected failures and how each is recovered from, as a table or a list.' },
  { index: 6, title: 'Testing Requirements', hint: 'Unit, integration and manual tests as `- [ ]` checkbox items.' },
  { index: 7, title: 'Success Criteria', hint: 'Verifiable conditions under which the module is done.' },
];

const leaf = (number: string, title: string, hint: string): SkeletonSection => ({
  number,
  title,
  level: 3,
  hint,
  children: [],
});

const top = (number: string, title: string, hint: string, children: SkeletonSection[]): SkeletonSection => ({
  number,
  title,
  level: 2,
  hint,
  children,
});

export const EXECUTIVE_SUMMARY: SkeletonSection = {
  number: null,
  title: 'Executive Summary',
  level: 2,
  hint: 'Purpose, scope, dependencies, exit criteria and estimated effort of the workstream.',
  children: [],
};

export const APPENDICES: SkeletonSection = {
  number: null,
  title: 'Appendices',
  level: 2,
  hint: 'Supporting material, each under `### Appendix A: <title>`, or a line saying there is none.',
  children: [],
};

/**
 * Sections 1–11 in order. Section 2 lists no modules and section 3 no endpoints here: those are
 * filled per outline (see `moduleSections`, `endpointSection`). Section 6's integrations and the
 * appendices are named by whoever writes the body, so they have no fixed children either.
 */
export const NUMBERED_SECTIONS: readonly SkeletonSection[] = [
  top('1', 'Context and Dependencies', 'Where the workstream sits and what it depends on.', [
    leaf('1.1', 'Workstream Position', 'How this workstream fits into the project as a whole.'),
    leaf('1.2', 'Upstream Dependencies', 'Workstreams that must be complete before this one.'),
    leaf('1.3', 'Downstream Consumers', 'Workstreams that depend on this one.'),
    leaf('1.4', 'Cross-Workstream Contracts', 'Interfaces consumed from dependencies and provided to consumers.'),
  ]),
  top('2', 'Module and Component Specifications', 'One subsection per module.', []),
  top('3', 'API Contracts', 'One subsection per endpoint, headed by its METHOD /path.', []),
  top('4', 'Data Models and Persistence', 'Storage of the workstream.', [
    leaf('4.1', 'Database Schemas', 'Tables, indexes and constraints.'),
    leaf('4.2', 'Migrations', 'Migration scripts with up and down steps.'),
    leaf('4.3', 'Data Access Patterns', 'Queries, caching and performance considerations.'),
  ]),
  top('5', 'Configuration and Secrets', 'Configuration the workstream reads.', [
    leaf('5.1', 'Environment Variables', 'A table of variables (required, default, description, validation), or a line saying there are none.'),
    leaf('5.2', 'Feature Flags', 'Feature toggles and their effects, or a line saying there are none.'),
  ]),
  top('6', 'Cross-Module Integration', 'One `### 6.N <integration>` subsection per integration between modules: contract, integration point, tests.', []),
  top('7', 'Testing Strategy', 'How the workstream is tested as a whole.', [
    leaf('7.1', 'Unit Test Plan', 'What to unit test and the coverage targets.'),
    leaf('7.2', 'Integration Test Plan', 'End-to-end flows within the workstream.'),
    leaf('7.3', 'Manual Test Scenarios', 'What needs a person to verify.'),
  ]),
  top('8', 'Build and Deployment', 'How the workstream is built and shipped.', [
    leaf('8.1', 'Build Procedures', 'Commands that build the workstream.'),
    leaf('8.2', 'Deployment Steps', 'Order, verification and rollback.'),
    leaf('8.3', 'Migration Procedures', 'How database migrations are run.'),
  ]),
  top('9', 'Documentation and Runbooks', 'What developers and operators need.', [
    leaf('9.1', 'Developer Setup', 'How to set up a local environment.'),
    leaf('9.2', 'Troubleshooting', 'Common problems and their fixes.'),
    leaf('9.3', 'Monitoring and Health Checks', 'What to monitor and how to check health.'),
  ]),
  top('10', 'Success Criteria and Definition of Done', 'When the workstream is done.', [
    leaf('10.1', 'Functional Requirements', 'Features working as specified.'),
    leaf('10.2', 'Non-Functional Requirements', 'Performance, security and reliability.'),
    leaf('10.3', 'Testing Complete', 'Test types passed and coverage reached.'),
    leaf('10.4', 'Documentation Complete', 'Code comments, runbooks and setup guides.'),
    leaf('10.5', 'Integration Verified', 'Integrations working end to end.'),
  ]),
  top('11', 'Handoff to Work Decomposer', 'What the Work Decomposer needs.', [
    leaf('11.1', 'Readiness Checklist', 'The readiness checklist, ticked by the checker.'),
    leaf('11.2', 'Recommended UoW Boundaries', 'A suggested breakdown into units of work.'),
    leaf('11.3', 'Complexity Estimates', 'Overall size, tokens and critical path.'),
  ]),
];

/**
 * The eight lines of section 11.1, in the output format's order. The plan is written with them
 * unticked; the checker decides which to tick (`checker/readiness-checklist.ts` maps each line to
 * the readiness items it stands for).
 */
export const READINESS_CHECKLIST_LINES = [
  'Every WBS task of the workstream has a detailed specification',
  'Every public interface is fully defined',
  'Every data model and schema is complete',
  'Every API contract is specified',
  'Error handling is documented for every module',
  'Test requirements are clear for every module',
  'Every environment variable is listed',
  'Every dependency is documented',
] as const;

export type ReadinessChecklistText = (typeof READINESS_CHECKLIST_LINES)[number];

/** One line of 11.1 as a Markdown task. */
export function checklistLine(text: string, ticked: boolean): string {
  return `- [${ticked ? 'x' : ' '}] ${text}`;
}

/** The body of 11.1 before any check: every line unticked. */
export function uncheckedChecklist(): string {
  return READINESS_CHECKLIST_LINES.map((t) => checklistLine(t, false)).join('\n');
}

/** `### 2.N <module>` with its seven `#### 2.N.k` subsections (N is 1-based). */
export function moduleSection(n: number, moduleName: string): SkeletonSection {
  const number = `2.${n}`;
  return {
    number,
    title: moduleName,
    level: 3,
    hint: 'One module of the workstream.',
    children: MODULE_SUBSECTIONS.map((s) => ({
      number: `${number}.${s.index}`,
      title: s.title,
      level: 4,
      hint: s.hint,
      ...(s.notApplicable ? { notApplicable: s.notApplicable } : {}),
      children: [],
    })),
  };
}

/** `### 3.N METHOD /path` (N is 1-based). */
export function endpointSection(n: number, method: string, path: string): SkeletonSection {
  return {
    number: `3.${n}`,
    title: `${method.toUpperCase()} ${path}`,
    level: 3,
    hint: 'Purpose, authentication, request, response, status codes and rate limiting of the endpoint.',
    children: [],
  };
}

/**
 * The heading line for a section. Top-level numbers take a trailing dot (`## 1. Context…`),
 * deeper ones do not (`### 1.1 Workstream Position`), as in the output format.
 */
export function headingLine(section: Pick<SkeletonSection, 'number' | 'title' | 'level'>): string {
  const hashes = '#'.repeat(section.level);
  if (section.number === null) return `${hashes} ${section.title}`;
  const num = section.number.includes('.') ? section.number : `${section.number}.`;
  return `${hashes} ${num} ${section.title}`;
}

/** The note's title (level 1). */
export function titleHeading(workstreamId: string, workstreamName: string): string {
  return `# Workstream ${workstreamId} Micro-Level Plan: ${workstreamName}`;
}

/** The two footer lines for each status: the note says what it really is. */
export const FOOTER_BY_STATUS: Record<PlanStatus, { status: string; nextStep: string }> = {
  draft: {
    status: 'Draft — not ready for the Work Decomposer',
    nextStep: 'Complete every `[!todo]` callout (or plan again with a model), then re-check readiness',
  },
  in_progress: {
    status: 'In progress — the planner is still writing sections',
    nextStep: 'Wait for the planner to finish, then re-check readiness',
  },
  interrupted: {
    status: 'Interrupted — some sections were not written',
    nextStep: 'Resume planning to write the missing sections',
  },
  escalated: {
    status: 'Escalated — blocked on open questions about the meso-level plan',
    nextStep: 'Answer the escalation, then plan the workstream again',
  },
  ready_for_decomposition: {
    status: 'Ready for Work Decomposer',
    nextStep: 'The Work Decomposer breaks this specification into atomic UoWs',
  },
};

/** `**Status:** …` and `**Next Step:** …`, one per line. */
export function footerText(status: PlanStatus): string {
  const f = FOOTER_BY_STATUS[status];
  return `**Status:** ${f.status}\n**Next Step:** ${f.nextStep}`;
}
