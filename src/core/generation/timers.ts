/**
 * Timers come in from the adapters (the core may not call setTimeout or read the clock): the
 * plugin and the CLI pass the real ones, tests a fake clock they step by hand.
 */
export interface Timers {
  /** Milliseconds on a monotonic clock. */
  now(): number;
  /** Calls `fn` once after `ms` milliseconds; returns a handle for `clearTimer`. */
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

/** Where the note's text goes, append-only. The adapter appends to the note file. */
export interface NoteSink {
  append(text: string): Promise<void>;
  /**
   * Cuts the note back to `offset` characters. Used only when a streaming call fails after some of
   * its text reached the note and is retried from its start: the partial text must go.
   */
  truncate?(offset: number): Promise<void>;
}

/** UTF-8 size of a string (no Buffer or TextEncoder needed). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    // Past the end charCodeAt gives NaN, which is no low surrogate: a high one there counts 3, as Node's replacement does.
    else if (c >= 0xd800 && c <= 0xdbff && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}
