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
  /** Fired once, after this many plan events: a Ctrl-C in the middle of a run. */
  interruptAfterMs?: number;
  retryDelaysMs?: readonly number[];
}

/** Runs the CLI in-process with captured streams, a fixed clock and an explicit environment. */
export async function cli(argv: string[], opts: CliOptions = {}): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, {
    out: (s) => out.push(s),
    err: (s) => err.push(s),
    errRaw: (s) => err.push(s),
    env: opts.env ?? {},
    now: () => opts.now ?? new Date(2026, 10, 25, 9, 30, 0),
    timers: { now: () => performance.now(), setTimer: (fn, ms) => setTimeout(fn, ms), clearTimer: (h) => clearTimeout(h as NodeJS.Timeout) },
    stdinIsTTY: opts.answer !== undefined,
    stderrIsTTY: false,
    ...(opts.answer !== undefined ? { ask: async () => opts.answer! } : {}),
    onInterrupt: (cb) => {
      if (opts.interruptAfterMs === undefined) return () => undefined;
      const t = setTimeout(cb, opts.interruptAfterMs);
      return () => clearTimeout(t);
    },
    ...(opts.retryDelaysMs ? { retryDelaysMs: opts.retryDelaysMs } : {}),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}
