import type { Wbs, WbsTask } from '../contracts/wbs';
import { findWorkstreams } from './parse-wbs';
import { taskIdKey as key } from './workstream-id';

/**
 * The critical path of one workstream as task ids (as written): the longest chain of its tasks
 * linked by task dependencies (`WbsTask.dependsOn`), earliest task first. A dependency matches a task
 * however its workstream prefix is spelled (`after W1.1` finds `WS-01.1`). Only dependencies on tasks
 * of the same workstream count; dependencies on other workstreams' tasks are upstream work, not
 * part of the chain. "Longest" is by estimated work when every task is estimated in one unit, else
 * by number of tasks. Ties go to the chain that ends, then runs, earliest in WBS order. When no task
 * of the workstream depends on another of its tasks, every task in WBS order. Tasks of every
 * definition of a duplicated id count, the first of a repeated task id only. A dependency cycle
 * cannot hang: an edge back into the chain being built is ignored. Unknown id → `[]`.
 */
export function taskCriticalPath(wbs: Wbs, workstreamId: string): string[] {
  const tasks: WbsTask[] = [];
  const index = new Map<string, number>();
  for (const w of findWorkstreams(wbs, workstreamId)) {
    for (const t of w.tasks) {
      if (index.has(key(t.id))) continue;
      index.set(key(t.id), tasks.length);
      tasks.push(t);
    }
  }
  const preds = tasks.map((t) =>
    [...new Set((t.dependsOn ?? []).map((d) => index.get(key(d))).filter((i): i is number => i !== undefined))].sort((a, b) => a - b),
  );
  if (preds.every((p) => p.length === 0)) return tasks.map((t) => t.id);
  // With every task estimated in one unit, the longest chain is the one with the most work in it;
  // otherwise (no estimates, or mixed units that cannot be added) the one with the most tasks.
  const unit = tasks[0]?.estimate?.unit;
  const weighted = unit !== undefined && tasks.every((t) => t.estimate !== undefined && t.estimate.unit === unit);
  const weightOf = (i: number): number => (weighted ? tasks[i]!.estimate!.value : 1);
  const total = (c: number[]): number => c.reduce((n, i) => n + weightOf(i), 0);

  // best[i]: the longest chain ending at task i, as indices.
  const best = new Map<number, number[]>();
  const onStack = new Set<number>();
  const chainTo = (i: number): number[] => {
    const known = best.get(i);
    if (known) return known;
    onStack.add(i);
    let longest: number[] = [];
    for (const p of preds[i]!) {
      if (onStack.has(p)) continue;
      const c = chainTo(p);
      if (total(c) > total(longest) || (total(c) === total(longest) && c.length > longest.length) || (total(c) === total(longest) && c.length === longest.length && earlier(c, longest))) longest = c;
    }
    onStack.delete(i);
    const chain = [...longest, i];
    best.set(i, chain);
    return chain;
  };
  let result: number[] = [];
  for (let i = 0; i < tasks.length; i++) {
    const c = chainTo(i);
    if (total(c) > total(result) || (total(c) === total(result) && c.length > result.length)) result = c;
  }
  return result.map((i) => tasks[i]!.id);
}

/** Compares two chains of equal length from their last task backwards: earlier in WBS order wins. */
function earlier(a: number[], b: number[]): boolean {
  for (let k = a.length - 1; k >= 0; k--) if (a[k] !== b[k]) return a[k]! < b[k]!;
  return false;
}
