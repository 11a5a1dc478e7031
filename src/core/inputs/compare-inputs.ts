import type { InputRecord } from './input-record';

export type InputChangeKind = 'meso-section' | 'workstream' | 'task' | 'upstream-plan' | 'instructions';

/** One input unit that is not what the plan was planned from. */
export interface InputChange {
  kind: InputChangeKind;
  /** The meso heading, the workstream or task id, the upstream workstream's id, or `instructions`. */
  name: string;
  change: 'changed' | 'added' | 'removed';
  /** What happened, in a few words: `meso section "W2 Data model" changed`. */
  message: string;
}

/**
 * What differs between the inputs a plan recorded and the same units now. `current` holds the
 * recorded units that still exist plus the ones the workstream has gained (a new meso section about
 * it, a new task, a new dependency); a recorded unit missing from it is gone. Upstream plans: one
 * written since counts as a change (the plan did not see it), one that is still missing does not.
 * The instructions count only when both sides know them.
 */
export function compareInputs(recorded: InputRecord, current: InputRecord, workstreamId: string): InputChange[] {
  const out: InputChange[] = [];
  const diff = (kind: InputChangeKind, was: Record<string, string>, now: Record<string, string>, say: (name: string, change: InputChange['change']) => string): void => {
    for (const [name, h] of Object.entries(was)) {
      const c = now[name];
      if (c === undefined) out.push({ kind, name, change: 'removed', message: say(name, 'removed') });
      else if (c !== h) out.push({ kind, name, change: 'changed', message: say(name, 'changed') });
    }
    for (const name of Object.keys(now)) if (!(name in was)) out.push({ kind, name, change: 'added', message: say(name, 'added') });
  };
  diff('meso-section', recorded.meso, current.meso, (name, change) =>
    change === 'changed' ? `meso section "${name}" changed` : change === 'removed' ? `meso section "${name}" was renamed or removed` : `meso section "${name}" is new and concerns ${workstreamId}`,
  );
  const entries = (r: InputRecord): Record<string, string> => Object.fromEntries(Object.entries(r.workstreams).map(([id, w]) => [id, w.entry]));
  diff('workstream', entries(recorded), entries(current), (name, change) => {
    if (name === workstreamId) return change === 'removed' ? `${name} is no longer in the WBS` : `${name}'s name or dependencies changed in the WBS`;
    return change === 'changed' ? `${name}'s name changed in the WBS` : change === 'removed' ? `${workstreamId} no longer depends on ${name}` : `${workstreamId} now depends on ${name}`;
  });
  // Tasks of a workstream on both sides; a dependency gained or lost is one change, not one per task.
  for (const [id, was] of Object.entries(recorded.workstreams)) {
    const now = current.workstreams[id];
    if (now) diff('task', was.tasks, now.tasks, (name, change) => `task ${name} ${change === 'changed' ? 'changed' : change === 'removed' ? 'was removed' : 'was added'}`);
  }
  for (const [id, now] of Object.entries(current.upstream)) {
    const was = recorded.upstream[id];
    if (now === null) {
      if (typeof was === 'string') out.push({ kind: 'upstream-plan', name: id, change: 'removed', message: `${id}'s plan is gone` });
    } else if (was === null || was === undefined) {
      out.push({ kind: 'upstream-plan', name: id, change: 'added', message: `${id}'s plan was written after this one` });
    } else if (was !== now) {
      out.push({ kind: 'upstream-plan', name: id, change: 'changed', message: `${id}'s plan changed` });
    }
  }
  if (recorded.instructions !== undefined && current.instructions !== undefined && recorded.instructions !== current.instructions) {
    out.push({ kind: 'instructions', name: 'instructions', change: 'changed', message: 'the instructions changed' });
  }
  return out;
}
