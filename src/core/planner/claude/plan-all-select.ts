/**
 * Which workstreams `plan --all` plans, and in what order. Pure: it works on the listing.
 *
 * - Without a plan (none yet, or only an escalation note): planned.
 * - With a plan: kept, unless it is stale and `replanStale` is on, or `force` is on (each then
 *   replaced, the old plan backed up first, as `plan --force` does). With `replanStale`, a plan
 *   downstream of one this run writes is replaced too: its upstream plan changes, so it would be
 *   stale the moment the run ends.
 * - A plan left unfinished (interrupted, or still being written by an earlier run): finished.
 *
 * Order: a workstream starts only when every workstream it depends on has its plan, so the
 * workstreams to plan fall into levels: level 0 depends on nothing being planned in this run,
 * level n on something of level n-1. Dependencies outside the WBS and cycles are the escalation
 * rules' business; here they simply do not order anything.
 */
import type { WorkstreamListing } from '../list-workstreams';

export type TargetKind =
  /** No plan yet: written from scratch. */
  | 'new'
  /** A plan that is replaced (stale with `replanStale`, or any with `force`). */
  | 'replace'
  /** A plan left unfinished by an earlier run: its missing sections are written. */
  | 'finish';

export interface Target {
  id: string;
  kind: TargetKind;
  /** 0 for the first level. */
  level: number;
  /** The workstreams of this run it waits for. */
  waitsFor: string[];
}

export interface Selection {
  /** In levels, each level in WBS order. */
  targets: Target[];
  /** Workstreams with a plan that stays as it is, and why. */
  kept: Array<{ id: string; why: 'planned' | 'stale-kept' }>;
}

export interface SelectOptions {
  replanStale: boolean;
  force: boolean;
}

const UNFINISHED = new Set(['interrupted', 'in_progress']);

export function selectTargets(listings: readonly WorkstreamListing[], o: SelectOptions): Selection {
  const kinds = new Map<string, TargetKind>();
  const kept: Selection['kept'] = [];
  for (const w of listings) {
    if (w.status === 'not_planned' || w.status === 'escalated') kinds.set(w.id, 'new');
    else if (UNFINISHED.has(w.status)) kinds.set(w.id, o.force ? 'replace' : 'finish');
    else if (o.force || (o.replanStale && w.stale)) kinds.set(w.id, 'replace');
    else kept.push({ id: w.id, why: w.stale ? 'stale-kept' : 'planned' });
  }
  if (o.replanStale) {
    // Downstream of a plan written now: stale as soon as that plan is written.
    for (let grew = true; grew; ) {
      grew = false;
      for (const w of listings) {
        if (kinds.has(w.id) || !w.dependsOn.some((d) => kinds.has(d))) continue;
        kinds.set(w.id, 'replace');
        // Every listing not yet a target is in `kept`.
        kept.splice(kept.findIndex((k) => k.id === w.id), 1);
        grew = true;
      }
    }
  }
  const deps = new Map(listings.map((w) => [w.id, w.dependsOn.filter((d) => kinds.has(d) && d !== w.id)]));
  const level = new Map<string, number>();
  const visiting = new Set<string>();
  const levelOf = (id: string): number => {
    const known = level.get(id);
    if (known !== undefined) return known;
    // A cycle is escalated before anything is sent; here it must only not loop.
    if (visiting.has(id)) return 0;
    visiting.add(id);
    const up = deps.get(id)!; // every id asked for is a listing's
    const n = up.length === 0 ? 0 : 1 + Math.max(...up.map(levelOf));
    visiting.delete(id);
    level.set(id, n);
    return n;
  };
  const order = listings.filter((w) => kinds.has(w.id));
  const targets = order.map((w) => ({ id: w.id, kind: kinds.get(w.id)!, level: levelOf(w.id), waitsFor: deps.get(w.id)! }));
  // A stable sort: within a level, the WBS order of `order` stays.
  targets.sort((a, b) => a.level - b.level);
  return { targets, kept };
}

/** Every target that waits, directly or not, on `id`. */
export function downstreamOf(id: string, targets: readonly Target[]): string[] {
  const out = new Set<string>();
  const walk = (from: string): void => {
    for (const t of targets) {
      if (t.waitsFor.includes(from) && !out.has(t.id)) {
        out.add(t.id);
        walk(t.id);
      }
    }
  };
  walk(id);
  return targets.filter((t) => out.has(t.id)).map((t) => t.id);
}
