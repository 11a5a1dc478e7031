/**
 * The progress of a "Plan all workstreams" run, by workstream (queued, escalated, in a batch, writing,
 * done, failed): the core's plan-all events folded into one record that the readiness panel's
 * workstream table reads, and a line about the batch being waited for.
 */
import type { PlanAllEvent } from '../../core/planner/claude/plan-all';
import type { PlanAllProgressSource, PlanAllSnapshot, RowProgress } from '../readiness';

export class PlanAllProgress implements PlanAllProgressSource {
  private running = false;
  private readonly rows = new Map<string, RowProgress>();
  private line: string | null = null;
  private readonly listeners = new Set<() => void>();

  get(): PlanAllSnapshot {
    return { running: this.running, rows: this.rows, line: this.line };
  }

  onChange(cb: () => void): () => void {
    this.listeners.add(cb);
    return () => {
      this.listeners.delete(cb);
    };
  }

  start(): void {
    this.running = true;
    this.rows.clear();
    this.line = null;
    this.notify();
  }

  apply(e: PlanAllEvent): void {
    switch (e.type) {
      case 'selected':
        return;
      case 'status':
        // What each row of the table already says (its plan) needs no "kept".
        if (e.status === 'kept') return;
        this.rows.set(e.id, { status: e.status, ...(e.detail ? { detail: e.detail } : {}) });
        break;
      case 'batch':
        this.line = `${e.resumed ? 'Waiting again for' : 'Waiting for'} batch ${e.batchId}: ${e.kind === 'outline' ? 'outlines' : e.primer ? 'first sections' : 'sections'} of ${e.workstreams.join(', ')}.`;
        break;
      case 'batch-progress': {
        const processed = e.total - e.processing;
        this.line = e.status === 'ended' ? null : `Batch ${e.batchId}: ${processed} of ${e.total} requests processed.`;
        break;
      }
    }
    this.notify();
  }

  finish(): void {
    this.running = false;
    this.line = null;
    this.notify();
  }

  private notify(): void {
    for (const cb of [...this.listeners]) cb();
  }
}
