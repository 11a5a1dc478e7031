import type { NoteSink, Timers } from '../../../src/core/generation/timers';

/** A clock the test steps by hand; timers fire only inside `advance`. */
export class FakeTimers implements Timers {
  private t = 0;
  private seq = 0;
  private queue: { at: number; id: number; fn: () => void }[] = [];

  now(): number {
    return this.t;
  }
  setTimer(fn: () => void, ms: number): unknown {
    const id = ++this.seq;
    this.queue.push({ at: this.t + Math.max(0, ms), id, fn });
    return id;
  }
  clearTimer(handle: unknown): void {
    this.queue = this.queue.filter((e) => e.id !== handle);
  }
  get pendingTimers(): number {
    return this.queue.length;
  }
  /** Moves the clock forward, firing due timers in time order and letting promises settle between them. */
  async advance(ms: number): Promise<void> {
    const end = this.t + ms;
    for (;;) {
      await settle();
      this.queue.sort((a, b) => a.at - b.at || a.id - b.id);
      const next = this.queue[0];
      if (!next || next.at > end) break;
      this.queue.shift();
      this.t = next.at;
      next.fn();
    }
    this.t = end;
    await settle();
  }
}

/** Lets every queued promise callback run (several macrotask turns). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise<void>((r) => setImmediate(r));
}

/** Records every append; `text` is the note as the sink holds it. */
export class MemorySink implements NoteSink {
  text = '';
  appends: { at: number; text: string }[] = [];
  constructor(private readonly timers: Timers, private readonly failOn?: (n: number) => boolean) {}
  async append(text: string): Promise<void> {
    if (this.failOn?.(this.appends.length + 1)) throw new Error('disk full');
    this.appends.push({ at: this.timers.now(), text });
    this.text += text;
  }
  truncations: number[] = [];
  async truncate(offset: number): Promise<void> {
    this.truncations.push(offset);
    this.text = this.text.slice(0, offset);
  }
}

/** A promise the test resolves by hand. */
export class Gate<T = void> {
  resolve!: (v: T) => void;
  reject!: (e: unknown) => void;
  readonly promise: Promise<T>;
  constructor() {
    this.promise = new Promise<T>((res, rej) => {
      this.resolve = res;
      this.reject = rej;
    });
  }
}
