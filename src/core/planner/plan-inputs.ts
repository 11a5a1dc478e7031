/**
 * What a plan is planned from, as the planner records it (`planner.inputs`) and as `list`, `check`
 * and the readiness panel compare it with the notes now. Reads only.
 */
import type { Settings } from '../contracts/settings';
import type { PlannerWarning } from '../contracts/planning-set';
import type { WorkstreamScope } from '../contracts/scope';
import type { NoteHeading } from '../contracts/note-meta';
import type { VaultPort } from '../vault/vault-port';
import { scopeOf } from './context-scope';
import { findWorkstreams } from '../wbs/parse-wbs';
import { planNotePath } from '../writer/note-paths';
import { citedSections } from '../inputs/cited-sections';
import { compareInputs, type InputChange } from '../inputs/compare-inputs';
import { digestInputs, sectionByKey, type InputSources } from '../inputs/digest-inputs';
import { readInputRecord, type InputRecord } from '../inputs/input-record';
import { yamlFlowJson } from '../plan/render-frontmatter';
import type { PlanningContext } from './planning-context';

/** The instructions sent to Claude: the template note named in settings, else the built-in ones. */
export async function loadInstructions(vault: VaultPort, settings: Settings, builtIn: string, warnings?: PlannerWarning[]): Promise<string> {
  const path = settings.promptTemplateNote.trim();
  if (path === '') return builtIn;
  const resolved = (await vault.exists(path)) ? path : await vault.resolveLink(path.replace(/\.md$/, ''), '');
  if (resolved) {
    const read = await vault.read(resolved);
    if (read.ok && read.value.trim() !== '') return read.value;
  }
  warnings?.push({ kind: 'other', file: path, message: `The prompt template note ${path} could not be read, so the built-in instructions were used.` });
  return builtIn;
}

/** The plan notes of the given upstream workstreams, by id (null where there is none). */
export async function upstreamPlanTexts(vault: VaultPort, settings: Settings, ids: readonly string[]): Promise<Record<string, string | null>> {
  const out: Record<string, string | null> = {};
  for (const id of ids) {
    const path = planNotePath(settings, id);
    const read = (await vault.exists(path)) ? await vault.read(path) : null;
    out[id] = read?.ok ? read.value : null;
  }
  return out;
}

/** The meso sections of a scope, as the meso plan's section heads. */
function scopeSections(ctx: PlanningContext, scope: WorkstreamScope): NoteHeading[] {
  const lines = new Set(scope.mesoSections.map((s) => s.line));
  return ctx.mesoSections.filter((h) => lines.has(h.line));
}

/**
 * The inputs of a plan about to be written: the scope's meso sections, the WBS, the upstream plans
 * (when they are sent) and the instructions (null for an offline draft). The sections the plan
 * will cite are added by `recordFor` once its text is known.
 */
export async function inputSources(
  vault: VaultPort,
  settings: Settings,
  a: { ctx: PlanningContext; id: string; scope: WorkstreamScope; instructions: string | null; upstream?: Record<string, string | null> },
): Promise<InputSources> {
  const meso = a.ctx.set.notes.meso;
  return {
    wbs: a.ctx.wbs,
    workstreamId: a.id,
    meso: meso ? { text: meso.text, sections: a.ctx.mesoSections } : null,
    sections: scopeSections(a.ctx, a.scope),
    upstream: a.upstream ?? (settings.includeUpstreamPlans ? await upstreamPlanTexts(vault, settings, a.scope.upstream) : {}),
    instructions: a.instructions,
  };
}

/** The record of a plan with this text: the sources' units plus every meso section the text cites. */
export function recordFor(sources: InputSources, planText: string | null, mesoPath: string | null): InputRecord {
  const all = sources.meso?.sections ?? [];
  const cited = planText !== null && mesoPath !== null ? citedSections(planText, mesoPath, all) : [];
  const lines = new Set([...sources.sections, ...cited].map((h) => h.line));
  return digestInputs({ ...sources, sections: all.filter((h) => lines.has(h.line)) });
}

/**
 * A record kept across a resume: the units recorded when the plan was started keep their digests
 * (the sections written then were planned from them); units first seen now are added.
 */
export function mergeRecords(started: InputRecord | undefined, now: InputRecord): InputRecord {
  if (!started) return now;
  return {
    version: 1,
    meso: { ...now.meso, ...started.meso },
    workstreams: { ...now.workstreams, ...started.workstreams },
    upstream: { ...now.upstream, ...started.upstream },
    ...(started.instructions !== undefined || now.instructions !== undefined ? { instructions: started.instructions ?? now.instructions } : {}),
  };
}

/** The `planner:` line of an offline draft: it has no model state, only what it was planned from. */
/** `label`: the WBS's label for the workstream (`Epic 2`), kept with the plan when there is one. */
export function offlinePlannerLine(inputs: InputRecord, label?: string): string {
  return `planner: ${yamlFlowJson({ version: 1, provider: 'offline', ...(label ? { workstream_label: label } : {}), inputs })}`;
}

export interface Staleness {
  /** False for a plan that records no inputs (written before they were recorded): its staleness is unknown. */
  recorded: boolean;
  stale: boolean;
  /** What changed since the plan was written, in the order meso sections, WBS, upstream plans, instructions. */
  changes: InputChange[];
}

export const NOT_RECORDED: Staleness = { recorded: false, stale: false, changes: [] };

/**
 * Whether the plan of `id` (its frontmatter given) is stale: compares its recorded inputs with the
 * same units in the planning notes now, plus the units the workstream has gained since (a new meso
 * section about it, a new task or dependency). `builtInInstructions` lets the instructions be
 * compared too (the adapters know them; without, they are not). Reads only; writes nothing.
 */
export async function planStaleness(
  vault: VaultPort,
  settings: Settings,
  ctx: PlanningContext,
  id: string,
  frontmatter: Record<string, unknown> | null,
  opts: { builtInInstructions?: string } = {},
): Promise<Staleness> {
  const recorded = readInputRecord(frontmatter);
  if (!recorded) return NOT_RECORDED;
  const ws = findWorkstreams(ctx.wbs, id)[0];
  const meso = ctx.set.notes.meso;
  const all = ctx.mesoSections;
  const sections = new Map<number, NoteHeading>();
  for (const key of Object.keys(recorded.meso)) {
    const h = sectionByKey(key, all);
    if (h) sections.set(h.line, h);
  }
  let upstreamIds = Object.keys(recorded.upstream);
  // The scope as `plan` computes it (with the micro plan's components), or every plan would look stale.
  const scope = ws ? scopeOf(ctx, id) : null;
  if (scope) for (const h of scopeSections(ctx, scope)) sections.set(h.line, h);
  if (ws && settings.includeUpstreamPlans) upstreamIds = [...new Set([...upstreamIds, ...ws.dependsOn])];
  const instructions = recorded.instructions !== undefined && opts.builtInInstructions !== undefined ? await loadInstructions(vault, settings, opts.builtInInstructions) : null;
  const current = digestInputs({
    wbs: ctx.wbs,
    workstreamId: id,
    meso: meso ? { text: meso.text, sections: all } : null,
    sections: [...sections.values()].sort((a, b) => a.line - b.line),
    upstream: await upstreamPlanTexts(vault, settings, upstreamIds),
    instructions,
  });
  const changes = compareInputs(recorded, current, id);
  return { recorded: true, stale: changes.length > 0, changes };
}
