import { runCli } from '../../src/cli/main';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

export interface CliOptions {
  env?: Record<string, string | undefined>;
  now?: Date;
  /** Pretend a terminal is attached and answer the question with this. */
  answer?: string;
  /**
   * A Ctrl-C at a known point of the run: fired once, on the first stderr output that matches (for
   * example the first finished section), so the test does not depend on how fast the machine is.
   */
  interruptOn?: RegExp;
  retryDelaysMs?: readonly number[];
  /** Wait between two polls of a Message Batch, ms. @default 5 */
  batchPollMs?: number;
}

/** Runs the CLI in-process with captured streams, a fixed clock and an explicit environment. */
export async function cli(argv: string[], opts: CliOptions = {}): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  let handler: (() => void) | null = null;
  let due = false;
  const interrupt = (): void => {
    if (!handler) return;
    const h = handler;
    handler = null;
    // After the write that matched has returned, as a real signal arrives between two turns.
    queueMicrotask(h);
  };
  const watch = (s: string): void => {
    if (due || !opts.interruptOn || !opts.interruptOn.test(s)) return;
    due = true;
    interrupt();
  };
  const code = await runCli(argv, {
    out: (s) => out.push(s),
    err: (s) => {
      err.push(s);
      watch(s);
    },
    errRaw: (s) => {
      err.push(s);
      watch(s);
    },
    env: opts.env ?? {},
    now: () => opts.now ?? new Date(2026, 10, 25, 9, 30, 0),
    timers: { now: () => performance.now(), setTimer: (fn, ms) => setTimeout(fn, ms), clearTimer: (h) => clearTimeout(h as NodeJS.Timeout) },
    stdinIsTTY: opts.answer !== undefined,
    stderrIsTTY: false,
    ...(opts.answer !== undefined ? { ask: async () => opts.answer! } : {}),
    onInterrupt: (cb) => {
      if (!opts.interruptOn) return () => undefined;
      handler = cb;
      if (due) interrupt();
      return () => {
        if (handler === cb) handler = null;
      };
    },
    ...(opts.retryDelaysMs ? { retryDelaysMs: opts.retryDelaysMs } : {}),
    batchPollMs: opts.batchPollMs ?? 5,
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}
