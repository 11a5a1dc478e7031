/**
 * What the readiness panel shows of a "Plan all workstreams" run: the progress of each workstream
 * (as the core's plan-all events report it) and the run's actions. The runner keeps the progress;
 * the panel only reads it.
 */
import type { WorkstreamRunStatus } from '../../core/planner/claude/plan-all';

export interface RowProgress {
  status: WorkstreamRunStatus;
  detail?: string;
}

export interface PlanAllSnapshot {
  /** A run is going on in this Obsidian window. */
  running: boolean;
  rows: ReadonlyMap<string, RowProgress>;
  /** What the run is waiting for ("Batch msgbatch_…: 4 of 12 requests processed."), when it waits. */
  line: string | null;
}

/** Where the panel reads it; `onChange` returns its unsubscribe. */
export interface PlanAllProgressSource {
  get(): PlanAllSnapshot;
  onChange(cb: () => void): () => void;
}

export const RUN_STATUS_LABELS: Record<WorkstreamRunStatus, string> = {
  queued: 'Queued',
  escalated: 'Escalated',
  skipped: 'Skipped',
  'in-batch': 'In a batch',
  writing: 'Writing',
  done: 'Done',
  failed: 'Failed',
  kept: 'Kept',
};

/** The actions above the workstream table, as buttons (first the main one). */
export interface PlanAllBar {
  /** One sentence on what is going on, or null. */
  message: string | null;
  buttons: Array<{ label: 'Plan all workstreams' | 'Resume planning' | 'Cancel'; action: 'plan' | 'resume' | 'cancel'; cta: boolean }>;
}

/** Running: its line and Cancel. Batches of a stopped run in the notes: Resume planning and Cancel. Else: Plan all workstreams. */
export function planAllBar(snapshot: PlanAllSnapshot, inFlight: readonly string[]): PlanAllBar {
  if (snapshot.running) return { message: snapshot.line ?? 'Planning all workstreams…', buttons: [{ label: 'Cancel', action: 'cancel', cta: false }] };
  if (inFlight.length > 0) {
    const who = inFlight.join(', ');
    return {
      message: `${who} ${inFlight.length === 1 ? 'is' : 'are'} still being planned in batches by a run that stopped. Resume collects what the batches finished; nothing is sent twice.`,
      buttons: [
        { label: 'Resume planning', action: 'resume', cta: true },
        { label: 'Cancel', action: 'cancel', cta: false },
      ],
    };
  }
  return { message: null, buttons: [{ label: 'Plan all workstreams', action: 'plan', cta: false }] };
}
