/**
 * The progress of the runs, by plan note: the core's events folded with `applyPlanEvent`. The
 * readiness panel reads it (`PlanProgressSource`), and so does the status bar.
 */
import { applyPlanEvent, initialPlanState, type PlanEvent, type PlanState } from '../../core/generation';
import type { PlanProgressSource } from '../readiness';

export class PlanProgressStore implements PlanProgressSource {
  private readonly states = new Map<string, PlanState>();
  private readonly listeners = new Set<() => void>();
  /** Events received, by note (for tests and diagnostics). */
  readonly eventCounts = new Map<string, number>();

  get(notePath: string): PlanState | null {
    return this.states.get(notePath) ?? null;
  }

  onChange(cb: () => void): () => void {
    this.listeners.add(cb);
    return () => {
      this.listeners.delete(cb);
    };
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  apply(notePath: string, event: PlanEvent): void {
    const prev = event.type === 'run-start' ? initialPlanState : (this.states.get(notePath) ?? initialPlanState);
    let next: PlanState;
    try {
      next = applyPlanEvent(prev, event);
    } catch (e) {
      // An impossible order is the producer's bug; the display keeps its last good state.
      console.error('Workstream Planner: progress event out of order', e);
      return;
    }
    this.states.set(notePath, next);
    this.eventCounts.set(notePath, (this.eventCounts.get(notePath) ?? 0) + 1);
    this.notify();
  }

  /** The note was renamed: its progress follows it. */
  move(from: string, to: string): void {
    const s = this.states.get(from);
    if (!s) return;
    this.states.delete(from);
    this.states.set(to, s);
    this.notify();
  }

  notify(): void {
    for (const cb of [...this.listeners]) cb();
  }
}

// The progress line is the core's, shared with the CLI.
export { compactCount, statusText } from '../../core/generation/progress-line';
