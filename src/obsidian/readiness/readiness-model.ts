/**
 * The readiness panel's view models, built without the DOM: which kind of note is open, the
 * checker's items, the workstream table and the generation progress. The render-* files only
 * turn these into elements, so everything that decides what the panel says is tested here.
 */
import type { ReadinessItemId, ReadinessReport } from '../../core/contracts/readiness';
import { DEFAULT_ROLE_PATHS, type Role, type Settings } from '../../core/contracts/settings';
import type { PlanState, UnitStatus } from '../../core/generation/plan-state';
import type { WorkstreamListing, WorkstreamStatus } from '../../core/planner/list-workstreams';
import type { Staleness } from '../../core/planner/plan-inputs';
import { frontmatterTags } from '../../core/discovery/note-marks';
import { outputFolder } from '../../core/writer/note-paths';
import { assertNever } from '../../core/result';

// ---------------------------------------------------------------------------------------------
// Which note is open

/**
 * plan: a workstream plan note (checker items). planning-set: the meso plan or the overall
 * micro plan (workstream table). other: anything else (empty state).
 */
export type NoteKind = 'plan' | 'planning-set' | 'other';

const PLAN_TAG = 'workstream-plan';
const PLAN_NAME = /^W\d+-micro-level-plan\.md$/i;
const TABLE_ROLES: readonly Role[] = ['meso', 'micro'];
const TABLE_TAGS: Record<string, Role> = { 'meso-level-plan': 'meso', 'micro-level-plan': 'micro' };

/**
 * Decides what the panel shows for a note. A plan is tagged `workstream-plan` (what the planner
 * writes), or named `W<n>-micro-level-plan.md` directly in the output folder (a plan whose
 * frontmatter is broken still gets its items). The meso and overall micro plans are recognised by
 * their tag or by their configured path, else their default path. A plan's tags also contain
 * `micro-level`, never `micro-level-plan`, so the two cannot be confused; the plan test runs first.
 */
export function classifyNote(path: string, frontmatter: Record<string, unknown> | null, settings: Settings): NoteKind {
  if (!path.toLowerCase().endsWith('.md')) return 'other';
  const tags = frontmatterTags(frontmatter);
  if (tags.includes(PLAN_TAG)) return 'plan';
  const slash = path.lastIndexOf('/');
  const folder = slash === -1 ? '' : path.slice(0, slash);
  if (folder === outputFolder(settings) && PLAN_NAME.test(path.slice(slash + 1))) return 'plan';
  if (tags.some((t) => TABLE_TAGS[t] !== undefined)) return 'planning-set';
  for (const role of TABLE_ROLES) {
    const configured = settings.paths[role].trim().replace(/^\/+/, '');
    if (path === (configured === '' ? DEFAULT_ROLE_PATHS[role] : configured)) return 'planning-set';
  }
  return 'other';
}

// ---------------------------------------------------------------------------------------------
// Checker items

/** Short sentence-case names of the checker's items, in the panel. */
export const READINESS_ITEM_LABELS: Record<ReadinessItemId, string> = {
  frontmatter: 'Frontmatter is complete and valid',
  'wbs-coverage': 'Every WBS task is covered by a module',
  'unknown-ids': 'No task ids outside the WBS',
  interfaces: 'Public interfaces are defined',
  'data-models': 'Data models are defined',
  'api-contracts': 'API contracts are specified',
  'error-handling': 'Error handling is documented',
  tests: 'Test requirements are listed',
  'env-vars': 'Environment variables are listed',
  dependencies: 'Dependencies are documented',
  traceability: 'Sections link to the meso-level plan',
  completeness: 'No placeholders or empty sections are left',
};

export interface ItemModel {
  id: ReadinessItemId;
  label: string;
  ok: boolean;
  reasons: string[];
  /** 1-based line to open, or null when the section is missing (the item is then not clickable). */
  line: number | null;
}

export interface ItemsModel {
  ready: boolean;
  /** "Ready for decomposition" or "N items to complete". */
  header: string;
  items: ItemModel[];
}

export function itemsModel(report: ReadinessReport): ItemsModel {
  const failing = report.items.filter((i) => !i.ok).length;
  // `ready` also needs every item present; trust the report rather than recount.
  const ready = report.ready && failing === 0;
  return {
    ready,
    header: ready
      ? 'Ready for decomposition'
      : failing === 0
        ? 'Not ready for decomposition'
        : failing === 1
          ? '1 item to complete'
          : `${failing} items to complete`,
    items: report.items.map((i) => ({
      id: i.id,
      label: READINESS_ITEM_LABELS[i.id],
      ok: i.ok,
      reasons: [...i.reasons],
      line: i.line !== null && i.line >= 1 ? i.line : null,
    })),
  };
}

// ---------------------------------------------------------------------------------------------
// Workstream table

export type RowAction = 'Plan' | 'Re-plan' | 'Resume';

export interface WorkstreamRow {
  id: string;
  name: string;
  tasks: number;
  /** "W1, W3", or "None". */
  dependencies: string;
  status: WorkstreamStatus;
  statusLabel: string;
  action: RowAction;
  /** Its plan was planned from notes that have changed since; `staleBecause` says what, one sentence each. */
  stale: boolean;
  staleBecause: string[];
}

export const STATUS_LABELS: Record<WorkstreamStatus, string> = {
  not_planned: 'Not planned',
  draft: 'Draft',
  in_progress: 'In progress',
  interrupted: 'Interrupted',
  escalated: 'Escalated',
  ready_for_decomposition: 'Ready',
};

/** "Plan" for a workstream with no plan yet (or only an escalation), "Resume" when interrupted, else "Re-plan". */
export function rowAction(status: WorkstreamStatus): RowAction {
  switch (status) {
    case 'not_planned':
    case 'escalated':
      return 'Plan';
    case 'interrupted':
      return 'Resume';
    case 'draft':
    case 'in_progress':
    case 'ready_for_decomposition':
      return 'Re-plan';
    default:
      return assertNever(status);
  }
}

export function workstreamRows(listings: readonly WorkstreamListing[]): WorkstreamRow[] {
  return listings.map((w) => ({
    id: w.id,
    name: w.name,
    tasks: w.tasks.length,
    dependencies: w.dependsOn.length === 0 ? 'None' : w.dependsOn.join(', '),
    status: w.status,
    statusLabel: STATUS_LABELS[w.status],
    action: rowAction(w.status),
    stale: w.stale,
    staleBecause: w.staleBecause.map((c) => upperFirst(c.message)),
  }));
}

// ---------------------------------------------------------------------------------------------
// Stale plans

export interface StaleModel {
  /** The plan's workstream, for the Re-plan button. */
  workstreamId: string;
  header: string;
  /** One sentence per changed input: "Meso section "W2 Data model" changed". */
  reasons: string[];
}

/** What the panel says about a plan planned from notes that changed since; null when it is not stale (or cannot tell). */
export function staleModel(workstreamId: string | null, staleness: Staleness): StaleModel | null {
  if (!staleness.stale || workstreamId === null) return null;
  const n = staleness.changes.length;
  return {
    workstreamId,
    header: `Stale: ${n === 1 ? 'one input has' : `${n} inputs have`} changed since this plan was written`,
    reasons: staleness.changes.map((c) => upperFirst(c.message)),
  };
}

function upperFirst(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

// ---------------------------------------------------------------------------------------------
// Generation progress

/** What the panel shows per section: buffered units are being generated too, just not written yet. */
export type ProgressUnitStatus = 'done' | 'streaming' | 'pending' | 'failed';

export interface ProgressModel {
  running: boolean;
  unitsDone: number;
  unitsTotal: number;
  currentLabel: string | null;
  /** Input (including cache reads and writes) plus output tokens. */
  tokens: number;
  costUsd: number;
  /** "12/30 sections · 48,210 tokens · $0.41" */
  summary: string;
  units: { key: string; label: string; status: ProgressUnitStatus; statusLabel: string }[];
}

const UNIT_STATUS: Record<UnitStatus, ProgressUnitStatus> = {
  written: 'done',
  skipped: 'done',
  streaming: 'streaming',
  buffered: 'streaming',
  pending: 'pending',
  failed: 'failed',
};

const UNIT_STATUS_LABELS: Record<ProgressUnitStatus, string> = {
  done: 'Done',
  streaming: 'Writing',
  pending: 'Pending',
  failed: 'Failed',
};

export function progressModel(state: PlanState): ProgressModel {
  // The planner's own text between sections is not a section to the reader: only model units show.
  const units = state.units.filter((u) => u.kind === 'model').map((u) => {
    const status = UNIT_STATUS[u.status];
    return { key: u.key, label: u.label, status, statusLabel: UNIT_STATUS_LABELS[status] };
  });
  const unitsDone = units.filter((u) => u.status === 'done').length;
  const t = state.totals;
  const tokens = t.input + t.cacheWrite + t.cacheRead + t.output;
  return {
    running: state.phase === 'running',
    unitsDone,
    unitsTotal: units.length,
    currentLabel: state.phase === 'running' ? state.section.label : null,
    tokens,
    costUsd: t.costUsd,
    summary: `${unitsDone}/${units.length} sections · ${formatCount(tokens)} tokens · ${formatUsd(t.costUsd)}`,
    units,
  };
}

/** 48210 → "48,210" (fixed separators, so the text does not depend on the machine's locale). */
export function formatCount(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** 0.4123 → "$0.41"; below a cent → "<$0.01" unless zero. */
export function formatUsd(usd: number): string {
  if (usd > 0 && usd < 0.005) return '<$0.01';
  return `$${usd.toFixed(2)}`;
}

// ---------------------------------------------------------------------------------------------
// Empty state

export interface EmptyModel {
  title: string;
  hints: string[];
}

/** What to do next, when no note is open or the open note is neither a plan nor a planning note. */
export function emptyModel(notePath: string | null, settings: Settings): EmptyModel {
  const folder = outputFolder(settings);
  const example = folder === '' ? 'W2-micro-level-plan.md' : `${folder}/W2-micro-level-plan.md`;
  return {
    title: notePath === null ? 'No note is open.' : 'This note is not a workstream plan.',
    hints: [
      `Open a plan note (such as ${example}) to see which readiness items still fail.`,
      'Open the meso-level plan or the overall micro-level plan to see every workstream and plan one.',
      'Or run "Plan workstream" from the command palette.',
    ],
  };
}
