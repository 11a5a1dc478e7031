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

/** 8123 → "8.1k", 2_400_000 → "2.4M". */
export function compactCount(n: number): string {
  if (n < 1000) return String(Math.round(n));
  if (n < 1_000_000) return `${(n / 1000).toFixed(1)}k`;
  return `${(n / 1_000_000).toFixed(1)}M`;
}

/** The status bar text of a run: `W2 · section 4/12 · 8.1k tok · $0.14`. */
export function statusText(workstreamId: string, s: PlanState | null): string {
  if (!s || s.phase === 'idle') return `${workstreamId} · preparing`;
  const { index, total } = s.section;
  const t = s.totals;
  const tokens = t.input + t.cacheWrite + t.cacheRead + t.output;
  return `${workstreamId} · section ${Math.min(index, total)}/${total} · ${compactCount(tokens)} tok · $${t.costUsd.toFixed(2)}`;
}
