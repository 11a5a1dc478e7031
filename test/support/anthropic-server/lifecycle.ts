/**
 * Waits that the server can cancel all at once, and that end early when the client goes away — so `close()`
 * leaves no timers or hanging handlers behind.
 */
import type { ServerResponse } from 'node:http';

export class Timers {
  /** Wakers of every pending wait; calling one ends that wait early. */
  private readonly pending = new Set<() => void>();
  private closed = false;

  /** True once `clearAll()` ran (the server is closing). */
  get isClosed(): boolean {
    return this.closed;
  }

  /**
   * Resolves after `ms` (never, for `Infinity`), or as soon as `res` closes or the server closes.
   * Resolves `true` if the full time elapsed, `false` if woken early.
   */
  wait(ms: number, res: ServerResponse): Promise<boolean> {
    if (this.closed || res.destroyed || res.writableEnded) return Promise.resolve(false);
    if (ms <= 0) return Promise.resolve(true);
    const pending = this.pending;
    return new Promise((resolve) => {
      const timer = Number.isFinite(ms) ? setTimeout(() => finish(true), ms) : undefined;
      const wake = (): void => finish(false);
      function finish(this: void, elapsed: boolean): void {
        if (timer) clearTimeout(timer);
        res.off('close', wake);
        pending.delete(wake);
        resolve(elapsed);
      }
      pending.add(wake);
      res.once('close', wake);
    });
  }

  /** Cancels every pending wait (they resolve `false`) and refuses new ones. */
  clearAll(): void {
    this.closed = true;
    for (const wake of [...this.pending]) wake();
  }
}

/** Resolves once everything written so far on `res` has been handed to the OS. */
export function flushed(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    if (res.destroyed || res.writableEnded) return resolve();
    res.write('', () => resolve());
  });
}
