/**
 * The scope of a workstream in a loaded planning set. `plan`, `check` and the staleness comparison
 * must all see the same scope: a plan is stale when its inputs changed, not when a reader that was
 * given fewer notes picks other meso sections (the micro plan's §4 components decide the modules).
 */
import type { WorkstreamScope } from '../contracts/scope';
import { readSections } from '../markdown/note-sections';
import { computeScope } from '../scope/compute-scope';
import type { PlanningContext } from './planning-context';

/** Null when the set has no meso plan to scope against. The workstream must be in the WBS. */
export function scopeOf(ctx: PlanningContext, workstreamId: string): WorkstreamScope | null {
  const meso = ctx.set.notes.meso;
  const micro = ctx.set.notes.micro;
  if (!meso || ctx.mesoLinkTarget === null) return null;
  return computeScope({
    wbs: ctx.wbs,
    workstreamId,
    meso: { path: meso.path, text: meso.text, headings: ctx.mesoSections },
    mesoLinkTarget: ctx.mesoLinkTarget,
    ...(micro ? { micro: { path: micro.path, text: micro.text, headings: readSections(micro.text, micro.meta.headings), linkTarget: ctx.microLinkTarget } } : {}),
  });
}
