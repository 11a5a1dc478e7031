import type { PlanEvent } from '../core/generation/plan-events';
import type { PlanState } from '../core/generation/plan-state';
import { applyPlanEvent, initialPlanState } from '../core/generation/plan-state';
import { statusText } from '../core/generation/progress-line';

export function formatUsd(n: number | null): string {
  return n === null ? 'cost unknown' : `$${n < 0.01 && n > 0 ? n.toFixed(4) : n.toFixed(2)}`;
}

/**
 * Progress while Claude writes: on a terminal one line rewritten in place
 * (`W2 · section 4/12 · 8.1k tok · $0.14`), otherwise a plain line per finished section.
 */
export class ProgressPrinter {
  private state: PlanState = initialPlanState;
  private lastLine = '';
  constructor(
    private readonly workstreamId: string,
    private readonly write: (s: string) => void,
    private readonly tty: boolean,
  ) {}

  stage(text: string): void {
    this.clear();
    this.write(`${text}\n`);
  }

  onEvent(e: PlanEvent): void {
    this.state = applyPlanEvent(this.state, e);
    if (this.tty) {
      if (e.type === 'unit-delta' || e.type === 'usage' || e.type === 'unit-done' || e.type === 'unit-retry') this.redraw();
      if (e.type === 'done') this.clear();
      return;
    }
    if (e.type === 'unit-done') {
      const unit = this.state.units.find((u) => u.key === e.key);
      if (unit && unit.kind === 'model') this.write(`${this.summary()} · done: ${unit.label}${e.outcome !== 'complete' ? ` (${e.outcome})` : ''}\n`);
    }
    if (e.type === 'unit-retry') this.write(`${this.workstreamId} · retrying ${e.key} (attempt ${e.attempt}): ${e.reason}\n`);
  }

  private summary(): string {
    return statusText(this.workstreamId, this.state);
  }

  private redraw(): void {
    const line = this.summary();
    if (line === this.lastLine) return;
    this.lastLine = line;
    this.write(`\r\u001b[2K${line}`);
  }

  private clear(): void {
    if (this.tty && this.lastLine !== '') this.write('\r\u001b[2K');
    this.lastLine = '';
  }
}
