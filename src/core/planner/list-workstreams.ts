import type { Result } from '../result';
import { ok } from '../result';
import type { VaultPort } from '../vault/vault-port';
import type { Settings } from '../contracts/settings';
import type { PlannerError } from '../contracts/errors';
import type { PlannerWarning } from '../contracts/planning-set';
import { PlanStatusSchema, type PlanStatus } from '../contracts/plan-frontmatter';
import { escalationNotePath, planNotePath } from '../writer/note-paths';
import { loadPlanningContext, workstreamName } from './planning-context';
import { detectEscalations } from '../escalation/detect-escalations';
import type { InputChange } from '../inputs/compare-inputs';
import { NOT_RECORDED, planStaleness } from './plan-inputs';
import type { Estimate } from '../contracts/wbs';
import { workstreamEstimate } from '../wbs/estimates';

/** What the user sees for each workstream: whether and how far it has been planned. */
export type WorkstreamStatus = PlanStatus | 'not_planned';

/** Which planning set a listing is of, and where its plans go. */
export interface PlanningSetListing {
  /** The set's folder, when discovery found it as one. */
  folder: string | null;
  project: string | null;
  /** The folder its plans and escalations are written to. */
  outputFolder: string;
}

/** A task as `list` shows it. */
export interface TaskListing {
  id: string;
  title: string;
  /** How the WBS refers to it when the id was given by the planner (`Epic B, task 2`); null otherwise. */
  label: string | null;
  /** Task ids it waits for, as written. */
  dependsOn: string[];
  /** The estimate as the WBS states it, null when none. */
  estimate: Estimate | null;
  /** Conditions outside the WBS it waits for (`User input`). */
  prerequisites: string[];
}

export interface WorkstreamListing {
  id: string;
  /** The label the WBS gives it (`Epic 2`, `Epic B`, `E3`); null when it is written with its id. */
  label: string | null;
  name: string;
  tasks: TaskListing[];
  dependsOn: string[];
  /** Conditions outside the WBS it waits for (entry criteria that name no workstream). */
  prerequisites: string[];
  /** Its tasks' estimates added up, units of time in one unit (`{ h: 2.5 }`); `{}` when none is estimated. */
  estimate: Record<string, number>;
  status: WorkstreamStatus;
  /** The plan or escalation note behind the status, when there is one. */
  note: string | null;
  /** What would stop planning it now (the escalation rules' blockers, one line each); empty when nothing does. */
  blockers: string[];
  /** Its plan was planned from inputs that have changed since (false without a plan, or one that records none). */
  stale: boolean;
  /** What changed: meso sections, WBS rows, upstream plans, the instructions. */
  staleBecause: InputChange[];
}

export async function listWorkstreams(
  vault: VaultPort,
  settings: Settings,
  opts: { project?: string; near?: string; /** The built-in instructions, so a plan made with other ones shows as stale. */ builtInInstructions?: string },
): Promise<Result<{ workstreams: WorkstreamListing[]; warnings: PlannerWarning[]; planningSet: PlanningSetListing }, PlannerError>> {
  const loaded = await loadPlanningContext(vault, settings, opts);
  if (!loaded.ok) return loaded;
  const { wbs, mesoMentions, warnings, set, mesoLinkTarget } = loaded.value;
  // Plan notes of this set live where its plans go.
  const here = loaded.value.settings;
  const meso = set.notes.meso;
  const micro = set.notes.micro;
  // The same rules `plan` runs first, so the list says which workstreams cannot be planned yet, and why.
  const blockersOf = (id: string): string[] =>
    detectEscalations({
      workstreamId: id,
      wbs,
      mesoMentions,
      meso: meso ? { path: meso.path, text: meso.text, headings: loaded.value.mesoSections } : null,
      mesoLinkTarget,
      wbsSource: micro ? { path: micro.path, text: micro.text } : undefined,
    }).map((e) => e.blocker);
  const seen = new Set<string>();
  const out: WorkstreamListing[] = [];
  for (const ws of wbs.workstreams) {
    if (seen.has(ws.id)) continue;
    seen.add(ws.id);
    const { status, note } = await workstreamStatus(vault, here, ws.id);
    const staleness =
      note !== null && status !== 'escalated'
        ? await planStaleness(vault, here, loaded.value, ws.id, (await vault.meta(note)).frontmatter, { builtInInstructions: opts.builtInInstructions })
        : NOT_RECORDED;
    out.push({
      id: ws.id,
      label: ws.label ?? null,
      name: workstreamName(ws, ws.id, mesoMentions),
      tasks: ws.tasks.map((t) => ({
        id: t.id,
        title: t.title,
        label: t.label ?? null,
        dependsOn: t.dependsOn ?? [],
        estimate: t.estimate ?? null,
        prerequisites: t.prerequisites ?? [],
      })),
      dependsOn: ws.dependsOn,
      prerequisites: ws.prerequisites ?? [],
      estimate: workstreamEstimate(ws),
      status,
      note,
      blockers: blockersOf(ws.id),
      stale: staleness.stale,
      staleBecause: staleness.changes,
    });
  }
  return ok({
    workstreams: out,
    warnings,
    planningSet: { folder: set.folder, project: set.project?.name ?? null, outputFolder: here.outputFolder },
  });
}

/** The status of a workstream from its notes: the plan's frontmatter, else an open escalation. */
export async function workstreamStatus(
  vault: VaultPort,
  settings: Settings,
  id: string,
): Promise<{ status: WorkstreamStatus; note: string | null }> {
  const plan = planNotePath(settings, id);
  if (await vault.exists(plan)) {
    const s = PlanStatusSchema.safeParse((await vault.meta(plan)).frontmatter?.['status']);
    return { status: s.success ? s.data : 'draft', note: plan };
  }
  const esc = escalationNotePath(settings, id);
  if (await vault.exists(esc)) {
    const s = (await vault.meta(esc)).frontmatter?.['status'];
    if (s === 'escalated') return { status: 'escalated', note: esc };
  }
  return { status: 'not_planned', note: null };
}
