import type { Timers } from '../core/generation/timers';

/**
 * What the CLI needs from the process: its streams, environment, clock, terminal and Ctrl-C.
 * `index.ts` passes the real ones; tests pass their own, so the whole CLI runs in-process.
 */
export interface CliIo {
  out: (s: string) => void;
  /** A line to stderr. */
  err: (s: string) => void;
  /** Raw text to stderr (progress redraws). */
  errRaw: (s: string) => void;
  env: Record<string, string | undefined>;
  now: () => Date;
  timers: Timers;
  stdinIsTTY?: boolean;
  stderrIsTTY?: boolean;
  ask?: (question: string) => Promise<string>;
  /** Registers a Ctrl-C handler; returns its removal. */
  onInterrupt?: (cb: () => void) => () => void;
  /** Tests only: the fetch the SDK uses. */
  fetch?: typeof fetch;
  /** Tests only: shorter pipeline retry delays. */
  retryDelaysMs?: readonly number[];
  /** Tests only: the wait between two polls of a Message Batch, ms (default 5 s, growing to 60 s). */
  batchPollMs?: number;
}
