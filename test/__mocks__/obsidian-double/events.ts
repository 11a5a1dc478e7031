/**
 * Obsidian's `Events`: `on` returns an `EventRef` that `offref` removes. The double also lets a test
 * count live listeners, so it can assert that unloading a plugin leaves none behind.
 */
export interface DoubleEventRef {
  readonly events: Events;
  readonly name: string;
  readonly callback: (...data: unknown[]) => unknown;
  readonly ctx: unknown;
}

export class Events {
  private readonly handlers = new Map<string, DoubleEventRef[]>();

  on(name: string, callback: (...data: any[]) => unknown, ctx?: unknown): DoubleEventRef {
    const ref: DoubleEventRef = { events: this, name, callback, ctx };
    this.handlers.set(name, [...(this.handlers.get(name) ?? []), ref]);
    return ref;
  }

  off(name: string, callback: (...data: any[]) => unknown): void {
    this.handlers.set(name, (this.handlers.get(name) ?? []).filter((r) => r.callback !== callback));
  }

  offref(ref: DoubleEventRef): void {
    this.handlers.set(ref.name, (this.handlers.get(ref.name) ?? []).filter((r) => r !== ref));
  }

  trigger(name: string, ...data: unknown[]): void {
    // Copy first: a handler may remove itself (or others) while we iterate, as in Obsidian.
    for (const ref of [...(this.handlers.get(name) ?? [])]) this.tryTrigger(ref, data);
  }

  tryTrigger(ref: DoubleEventRef, args: unknown[]): void {
    try {
      ref.callback.apply(ref.ctx, args);
    } catch (e) {
      // Obsidian logs a throwing listener and goes on with the others.
      console.error(e);
    }
  }

  /** Double only: how many listeners are registered, for one event or for all. */
  listenerCount(name?: string): number {
    if (name !== undefined) return this.handlers.get(name)?.length ?? 0;
    let n = 0;
    for (const refs of this.handlers.values()) n += refs.length;
    return n;
  }
}
