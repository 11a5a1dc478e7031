/**
 * Timers that the server can cancel all at once, and waits that end early when the client goes away or the
 * server closes — so `close()` leaves no open handles behind.
 */
import type { ServerResponse } from 'node:http';

export class Timers {
  private readonly pending = new Map<NodeJS.Timeout, () => void>();
  private closed = false;

  /** True once `clearAll()` ran (the server is closing). */
  get isClosed(): boolean {
    return this.closed;
  }

  /**
   * Resolves after `ms` (never for `Infinity`), or as soon as `res` closes or the server closes.
   * Resolves `true` if the full time elapsed, `false` if woken early.
   */
  wait(ms: number, res: ServerResponse): Promise<boolean> {
    if (this.closed || res.destroyed || res.writableEnded) return Promise.resolve(false);
    if (ms <= 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const finish = (elapsed: boolean): void => {
        res.off('close', onClose);
        if (timer) {
          clearTimeout(timer);
          this.pending.delete(timer);
        }
        resolve(elapsed);
      };
      const onClose = (): void => finish(false);
      res.once('close', onClose);
      if (Number.isFinite(ms)) {
        timer = setTimeout(() => finish(true), ms);
        this.pending.set(timer, () => finish(false));
      } else {
        // Wait forever: register a no-op handle-free waker so clearAll() can still end it.
        const marker = setTimeout(() => undefined, 0);
        clearTimeout(marker);
        timer = marker;
        this.pending.set(marker, () => finish(false));
      }
    });
  }

  /** Cancels every pending wait (they resolve `false`) and refuses new ones. */
  clearAll(): void {
    this.closed = true;
    for (const [timer, wake] of [...this.pending]) {
      clearTimeout(timer);
      wake();
    }
    this.pending.clear();
  }
}

/** Resolves once everything written so far on `res` has been handed to the OS. */
export function flushed(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    if (res.destroyed || res.writableEnded) return resolve();
    res.write('', () => resolve());
  });
}
