/**
 * Epics, as the shapes read them, become workstreams: `Epic N` → `WN`, `Epic A` → `W1`, `E3` → `W3`
 * (in their order when the labels do not number them one way), the label kept; tasks without ids
 * get stable ids `W{N}.{k}`; dependency cells, entry criteria and statements become dependencies.
 */
import type { DependencySource, Wbs, WbsTask, Workstream } from '../contracts/wbs';
import { readDependencies, WorkstreamResolver } from './dependency-refs';
import type { EpicDraft } from './shapes';
import { taskIdKey } from './workstream-id';
import { splitEpicName } from './epic-estimates';

/** The ids the epics take: their own numbers when every epic has a distinct one of the same kind, else their order. */
export function assignEpicIds(epics: readonly EpicDraft[]): string[] {
  const kinds = new Set(epics.map((e) => e.key.kind));
  const numbers = epics.map((e) => e.key.n);
  const own = kinds.size === 1 && numbers.every((n) => n >= 1) && new Set(numbers).size === numbers.length;
  return epics.map((e, i) => `W${own ? e.key.n : i + 1}`);
}

export function assembleEpics(epics: readonly EpicDraft[]): Wbs {
  const ids = assignEpicIds(epics);
  const workstreams: Workstream[] = epics.map((e, i) => {
    const id = ids[i]!;
    const tasks: WbsTask[] = e.tasks.map((t, k) => {
      const task: WbsTask = { id: t.id ?? `${id}.${k + 1}`, title: t.title, line: t.line };
      if (!t.id) task.label = `${e.label}, task ${k + 1}`;
      if (t.estimate) task.estimate = t.estimate;
      if (t.exit) task.exit = t.exit;
      return task;
    });
    // `Seed Catalogue (3 days)`: the estimate is the epic's, not part of its name.
    const named = splitEpicName(e.name);
    const ws: Workstream = { id, name: named.name, tasks, dependsOn: [], line: e.line, format: e.format, label: e.label };
    if (named.estimate) ws.estimates = [named.estimate];
    if (e.entry) ws.entry = e.entry.text;
    if (e.exit) ws.exit = e.exit;
    return ws;
  });
  const wbs: Wbs = { workstreams };
  const r = new WorkstreamResolver(wbs);

  epics.forEach((e, i) => {
    const ws = workstreams[i]!;
    const sources: DependencySource[] = [];
    const prerequisites: string[] = [];
    const addPrereq = (p: string): void => {
      if (!prerequisites.some((x) => x.toLowerCase() === p.toLowerCase())) prerequisites.push(p);
    };
    // Task dependency cells: task ids, the epics they belong to, and conditions outside the WBS.
    const fromTasks: string[] = [];
    let tasksLine: number | null = null;
    e.tasks.forEach((t, k) => {
      const task = ws.tasks[k]!;
      const deps: string[] = [];
      const read = t.deps ? readDependencies(t.deps, ws.id, r) : { workstreams: [], tasks: [], prerequisites: [] };
      for (const d of [...read.tasks, ...(t.inlineDeps ?? [])]) {
        if (taskIdKey(d) !== taskIdKey(task.id) && !deps.some((x) => taskIdKey(x) === taskIdKey(d))) deps.push(d);
      }
      if (deps.length > 0) task.dependsOn = deps;
      if (read.prerequisites.length > 0) task.prerequisites = read.prerequisites;
      const owners = [...read.workstreams, ...(t.inlineDeps ?? []).map((d) => r.ownerOfTask(d)).filter((w): w is string => w !== null && w !== ws.id)];
      for (const w of owners) if (!fromTasks.includes(w)) fromTasks.push(w);
      if (owners.length > 0) tasksLine ??= t.line;
    });
    if (fromTasks.length > 0) sources.push({ source: 'tasks', on: fromTasks, line: tasksLine! });
    if (e.entry) {
      const read = readDependencies(e.entry.text, ws.id, r);
      sources.push({ source: 'entry', on: read.workstreams, line: e.entry.line });
      for (const p of read.prerequisites) addPrereq(p);
    }
    for (const s of e.statements) {
      const read = readDependencies(s.text, ws.id, r);
      sources.push({ source: 'wbs', on: read.workstreams, line: s.line });
    }
    if (prerequisites.length > 0) ws.prerequisites = prerequisites;
    if (sources.length > 0) ws.dependencySources = sources;
  });
  return wbs;
}
