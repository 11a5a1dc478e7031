import type { Result } from '../result';
import { err, ok } from '../result';
import type { VaultPort } from '../vault/vault-port';
import type { Settings } from '../contracts/settings';
import type { PlannerError } from '../contracts/errors';
import type { PlannerWarning, PlanningNote } from '../contracts/planning-set';
import type { Escalation } from '../contracts/escalation';
import type { WorkstreamScope } from '../contracts/scope';
import { detectEscalations } from '../escalation/detect-escalations';
import { scopeOf } from './context-scope';
import type { PlanningContext } from './planning-context';
import { knownIds, loadPlanningContext, parseWorkstreamArg, resolveWorkstreamArg, workstreamName } from './planning-context';
import type { ProjectIdentity } from './project-identity';
import { projectIdentity } from './project-identity';

interface PreparedBase {
  id: string;
  name: string;
  ctx: PlanningContext;
  project: ProjectIdentity;
  warnings: PlannerWarning[];
}

/** Either the inputs carry a plan (with its scope), or they block it (with the escalations). */
export type PreparedPlan =
  | (PreparedBase & { kind: 'blocked'; escalations: Escalation[] })
  | (PreparedBase & { kind: 'ready'; scope: WorkstreamScope; meso: PlanningNote; mesoLinkTarget: string });

/**
 * Everything before generation: the id, the planning set, the WBS, the escalation rules and,
 * when nothing blocks, the workstream's scope. Reads only; writes nothing.
 */
export async function preparePlan(
  vault: VaultPort,
  settings: Settings,
  req: { workstream: string; project?: string; near?: string },
): Promise<Result<PreparedPlan, PlannerError>> {
  const idArg = parseWorkstreamArg(req.workstream);
  if (!idArg.ok) return idArg;
  const loaded = await loadPlanningContext(vault, settings, { ...(req.project !== undefined ? { project: req.project } : {}), ...(req.near !== undefined ? { near: req.near } : {}) });
  if (!loaded.ok) return loaded;
  const ctx = loaded.value;
  // `Epic 2`, `E2`, `B`: the label the WBS gives it, found now that the WBS is read.
  const id = resolveWorkstreamArg(idArg.value, ctx.wbs) ?? idArg.value;
  const ws = ctx.wbs.workstreams.find((w) => w.id === id);
  if (!ws) return err({ kind: 'unknown-workstream', id, known: knownIds(ctx.wbs) });
  const base: PreparedBase = {
    id,
    name: workstreamName(ws, id, ctx.mesoMentions),
    ctx,
    project: projectIdentity(ctx.set),
    warnings: [...ctx.warnings],
  };
  const meso = ctx.set.notes.meso;
  const micro = ctx.set.notes.micro;
  const escalations = detectEscalations({
    workstreamId: id,
    wbs: ctx.wbs,
    mesoMentions: ctx.mesoMentions,
    meso: meso ? { path: meso.path, text: meso.text, headings: ctx.mesoSections } : null,
    mesoLinkTarget: ctx.mesoLinkTarget,
    wbsSource: micro ? { path: micro.path, text: micro.text } : undefined,
    // Discovery drops an empty meso plan with a warning; the escalation then says it is empty, not missing.
    mesoEmptyPath: meso ? undefined : ctx.warnings.find((w) => w.kind === 'empty-note' && w.file && /meso/i.test(w.message + w.file))?.file,
  });
  if (escalations.length > 0 || !meso || ctx.mesoLinkTarget === null) return ok({ ...base, kind: 'blocked', escalations });
  const scope = scopeOf(ctx, id);
  if (!scope) return ok({ ...base, kind: 'blocked', escalations });
  return ok({
    ...base,
    kind: 'ready',
    // The plan shows the workstream's name even when only the meso plan states it.
    scope: { ...scope, workstream: { ...scope.workstream, name: base.name } },
    meso,
    mesoLinkTarget: ctx.mesoLinkTarget,
  });
}

/**
 * When the note at a plan's path is another project's plan (several projects in one vault sharing the
 * output folder), its project link; null when it is this project's, or not a plan at all.
 */
export async function otherProjectOf(vault: VaultPort, path: string, projectLink: string): Promise<string | null> {
  if (!(await vault.exists(path))) return null;
  const p = (await vault.meta(path)).frontmatter?.['project'];
  if (typeof p !== 'string' || p.trim() === '') return null;
  const norm = (l: string): string => l.replace(/^\[\[|\]\]$/g, '').split('|')[0]!.trim().toLowerCase();
  return norm(p) === norm(projectLink) ? null : p;
}
