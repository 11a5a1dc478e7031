/**
 * The pure reducer over `PlanEvent`s. An impossible order (a delta before its unit started, a
 * unit started twice, anything after `done`) is a bug in the producer, so it throws.
 */
import { assertNever } from '../result';
import type { PlanEvent, UnitError } from './plan-events';
import type { UnitOutcome } from './units';

/**
 * pending: not started. streaming: its text reaches the note live (every unit before it is written).
 * buffered: started, but an earlier unit is unfinished, so its text waits in memory (also once done).
 * written: done and all its text is in the note. failed: its call failed. skipped: already in the note.
 */
export type UnitStatus = 'pending' | 'streaming' | 'buffered' | 'written' | 'failed' | 'skipped';

export interface UnitState {
  key: string;
  label: string;
  kind: 'core' | 'model';
  status: UnitStatus;
  started: boolean;
  /** Set once the unit is done. */
  outcome: UnitOutcome | null;
  /** Characters of note text the unit has produced so far. */
  chars: number;
  /** Retries reported so far. */
  retries: number;
  error: UnitError | null;
}

export interface PlanTotals {
  input: number;
  cacheWrite: number;
  cacheRead: number;
  output: number;
  costUsd: number;
}

export interface PlanState {
  phase: 'idle' | 'running' | 'done';
  units: UnitState[];
  totals: PlanTotals;
  /** UTF-8 bytes appended to the note, and how many appends. */
  bytesWritten: number;
  writeCount: number;
  /**
   * For progress lines ("Section 3/14: Section 2.3 Sync client"): the first unit not yet written,
   * 1-based among all units; `index` is `total` + 1 once every unit is written.
   */
  section: { index: number; total: number; key: string | null; label: string | null };
  status: 'complete' | 'interrupted' | null;
  stoppedAt: string | null;
}

export const initialPlanState: PlanState = {
  phase: 'idle',
  units: [],
  totals: { input: 0, cacheWrite: 0, cacheRead: 0, output: 0, costUsd: 0 },
  bytesWritten: 0,
  writeCount: 0,
  section: { index: 0, total: 0, key: null, label: null },
  status: null,
  stoppedAt: null,
};

export function applyPlanEvent(state: PlanState, event: PlanEvent): PlanState {
  if (state.phase === 'done') throw new Error(`plan event '${event.type}' after done`);
  if (event.type === 'run-start') {
    if (state.phase !== 'idle') throw new Error('run-start twice');
    const keys = new Set<string>();
    for (const u of event.units) {
      if (keys.has(u.key)) throw new Error(`run-start: duplicate unit key '${u.key}'`);
      keys.add(u.key);
    }
    const units: UnitState[] = event.units.map((u) => ({
      ...u,
      status: 'pending',
      started: false,
      outcome: null,
      chars: 0,
      retries: 0,
      error: null,
    }));
    return settle({ ...initialPlanState, phase: 'running', units });
  }
  if (state.phase !== 'running') throw new Error(`plan event '${event.type}' before run-start`);

  switch (event.type) {
    case 'unit-skipped':
      return update(state, event.key, event.type, (u) => {
        if (u.started || u.status === 'skipped') throw new Error(`unit-skipped for '${u.key}' after it started or was skipped`);
        return { ...u, status: 'skipped' };
      });
    case 'unit-start':
      return update(state, event.key, event.type, (u) => {
        if (u.started || u.status === 'skipped') throw new Error(`unit-start twice for '${u.key}'`);
        return { ...u, started: true };
      });
    case 'unit-delta':
      return update(state, event.key, event.type, (u) => {
        running(u, event.type);
        return { ...u, chars: u.chars + event.text.length };
      });
    case 'unit-done':
      return update(state, event.key, event.type, (u) => {
        running(u, event.type);
        return { ...u, outcome: event.outcome };
      });
    case 'unit-failed':
      return update(state, event.key, event.type, (u) => {
        running(u, event.type);
        return { ...u, status: 'failed', error: event.error };
      });
    case 'unit-retry':
      return update(state, event.key, event.type, (u) => {
        running(u, event.type);
        if (event.attempt <= u.retries) throw new Error(`unit-retry for '${u.key}': attempt ${event.attempt} after ${u.retries}`);
        return { ...u, retries: event.attempt };
      });
    case 'usage': {
      const next = update(state, event.key, event.type, (u) => {
        if (!u.started) throw new Error(`usage for '${u.key}' before unit-start`);
        return u;
      });
      const t = state.totals;
      return {
        ...next,
        totals: {
          input: t.input + event.input,
          cacheWrite: t.cacheWrite + event.cacheWrite,
          cacheRead: t.cacheRead + event.cacheRead,
          output: t.output + event.output,
          costUsd: t.costUsd + event.costUsd,
        },
      };
    }
    case 'written':
      return { ...state, bytesWritten: state.bytesWritten + event.bytes, writeCount: state.writeCount + 1 };
    case 'done': {
      if (event.stoppedAt !== undefined && !state.units.some((u) => u.key === event.stoppedAt)) {
        throw new Error(`done: unknown unit '${event.stoppedAt}'`);
      }
      if (event.status === 'complete' && state.units.some((u) => u.status !== 'written' && u.status !== 'skipped')) {
        throw new Error('done complete while units are unfinished');
      }
      return { ...state, phase: 'done', status: event.status, stoppedAt: event.stoppedAt ?? null };
    }
    default:
      return assertNever(event);
  }
}

/** The unit is started, not done and not failed: deltas, retries and its end may come. */
function running(u: UnitState, type: string): void {
  if (!u.started) throw new Error(`${type} for '${u.key}' before unit-start`);
  if (u.outcome !== null) throw new Error(`${type} for '${u.key}' after unit-done`);
  if (u.status === 'failed') throw new Error(`${type} for '${u.key}' after unit-failed`);
}

function update(state: PlanState, key: string, type: string, fn: (u: UnitState) => UnitState): PlanState {
  const i = state.units.findIndex((u) => u.key === key);
  if (i < 0) throw new Error(`${type} for unknown unit '${key}'`);
  const units = state.units.slice();
  units[i] = fn(units[i]!);
  return settle({ ...state, units });
}

/** Recomputes streaming/buffered/written: only a finished prefix of the document is written. */
function settle(state: PlanState): PlanState {
  let prefix = true;
  let first: UnitState | null = null;
  let index = 0;
  const units = state.units.map((u, i) => {
    // Not started (a skipped unit never is) or failed: its status stays; the first such ends the written prefix.
    if (u.status === 'failed' || !u.started) {
      if (prefix && u.status !== 'skipped') {
        prefix = false;
        first = u;
        index = i + 1;
      }
      return u;
    }
    let status: UnitStatus;
    if (prefix && u.outcome !== null) status = 'written';
    else if (prefix) {
      status = 'streaming';
      prefix = false;
      first = u;
      index = i + 1;
    } else status = 'buffered';
    return status === u.status ? u : { ...u, status };
  });
  const firstUnit = first as UnitState | null;
  // People count sections, not the planner's own text between them: progress counts model units only.
  const models = units.filter((u) => u.kind === 'model');
  const modelIndex = firstUnit === null ? models.length + 1 : units.slice(0, index).filter((u) => u.kind === 'model').length + (firstUnit.kind === 'model' ? 0 : 1);
  return {
    ...state,
    units,
    section: {
      index: modelIndex,
      total: models.length,
      key: firstUnit?.key ?? null,
      label: firstUnit?.label ?? null,
    },
  };
}
