import { runCli } from '../../src/cli/main';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** Runs the CLI in-process with captured streams, a fixed clock and an explicit environment. */
export async function cli(
  argv: string[],
  opts: { env?: Record<string, string | undefined>; now?: Date } = {},
): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, {
    out: (s) => out.push(s),
    err: (s) => err.push(s),
    env: opts.env ?? {},
    now: () => opts.now ?? new Date(2026, 10, 25, 9, 30, 0),
  });
  return { code, out: out.join('\n'), err: err.join('\n') };
}
