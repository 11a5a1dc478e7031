import type { GenerateUnit } from '../../../src/core/generation/run-units';
import type { PlanUnit, UnitOutcome } from '../../../src/core/generation/units';

type Step = { type: 'text'; text: string } | { type: 'end'; outcome: UnitOutcome } | { type: 'fail'; error: unknown };

class Channel {
  private items: Step[] = [];
  private waiter: ((s: Step) => void) | null = null;
  put(s: Step): void {
    if (this.waiter) {
      const w = this.waiter;
      this.waiter = null;
      w(s);
    } else this.items.push(s);
  }
  take(signal: AbortSignal, onAbort: () => void): Promise<Step> {
    const s = this.items.shift();
    if (s) return Promise.resolve(s);
    return new Promise<Step>((resolve, reject) => {
      if (signal.aborted) {
        onAbort();
        reject({ kind: 'cancelled', message: 'aborted' });
        return;
      }
      const abort = (): void => {
        onAbort();
        reject({ kind: 'cancelled', message: 'aborted' });
      };
      signal.addEventListener('abort', abort, { once: true });
      this.waiter = (step) => {
        signal.removeEventListener('abort', abort);
        resolve(step);
      };
    });
  }
}

/**
 * A model the test drives by hand: each unit's generator waits for the steps the test sends, and
 * records when it starts, how many run at once, and whether it saw the abort signal.
 */
export class ScriptedModel {
  started: string[] = [];
  observedAbort: string[] = [];
  finished: string[] = [];
  active = 0;
  maxActive = 0;
  /** Units whose generator never looks at the signal (to check the runner does not hang on them). */
  deaf = new Set<string>();
  private channels = new Map<string, Channel>();

  private chan(key: string): Channel {
    let c = this.channels.get(key);
    if (!c) this.channels.set(key, (c = new Channel()));
    return c;
  }
  send(key: string, ...texts: string[]): void {
    for (const text of texts) this.chan(key).put({ type: 'text', text });
  }
  end(key: string, outcome: UnitOutcome = 'complete'): void {
    this.chan(key).put({ type: 'end', outcome });
  }
  fail(key: string, error: unknown = { kind: 'overloaded', message: 'Overloaded after 3 attempts' }): void {
    this.chan(key).put({ type: 'fail', error });
  }
  /** Sends a unit's whole text and ends it. */
  complete(key: string, text: string): void {
    this.send(key, text);
    this.end(key);
  }

  readonly generate: GenerateUnit = (unit: PlanUnit, signal: AbortSignal) => this.run(unit, signal);

  private async *run(unit: PlanUnit, signal: AbortSignal): AsyncGenerator<string, UnitOutcome, undefined> {
    const key = unit.key;
    this.started.push(key);
    this.active++;
    this.maxActive = Math.max(this.maxActive, this.active);
    const never = new AbortController().signal;
    try {
      for (;;) {
        const step = await this.chan(key).take(this.deaf.has(key) ? never : signal, () => this.observedAbort.push(key));
        if (step.type === 'text') yield step.text;
        else if (step.type === 'end') return step.outcome;
        else throw step.error;
      }
    } finally {
      this.active--;
      this.finished.push(key);
    }
  }
}
