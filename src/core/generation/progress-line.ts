import type { PlanState } from './plan-state';

/** 8123 → "8.1k", 2_400_000 → "2.4M". */
export function compactCount(n: number): string {
  if (n < 1000) return String(Math.round(n));
  if (n < 1_000_000) return `${(n / 1000).toFixed(1)}k`;
  return `${(n / 1_000_000).toFixed(1)}M`;
}

/**
 * One line of a run's progress, the same in the plugin's status bar and the CLI:
 * `W2 · section 4/12 · 8.1k tok · $0.14`.
 */
export function statusText(workstreamId: string, s: PlanState | null): string {
  if (!s || s.phase === 'idle') return `${workstreamId} · preparing`;
  const { index, total } = s.section;
  const t = s.totals;
  const tokens = t.input + t.cacheWrite + t.cacheRead + t.output;
  return `${workstreamId} · section ${Math.min(index, total)}/${total} · ${compactCount(tokens)} tok · $${t.costUsd.toFixed(2)}`;
}
