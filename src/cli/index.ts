import { runCli } from './main';
import { askOnTerminal } from './plan-claude';

/**
 * Ctrl-C: a Claude run is stopped cleanly (complete sections kept, the note marked interrupted);
 * a second Ctrl-C leaves at once. With nothing listening, leave at once.
 */
const handlers = new Set<() => void>();

// `workstream-planner list | head` closes our stdout early: that is the reader's choice, not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});
process.on('SIGINT', () => {
  if (handlers.size === 0) process.exit(130);
  for (const h of handlers) h();
  handlers.clear();
});

runCli(process.argv.slice(2), {
  out: (s) => process.stdout.write(s + '\n'),
  err: (s) => process.stderr.write(s + '\n'),
  errRaw: (s) => process.stderr.write(s),
  env: process.env,
  now: () => new Date(),
  timers: { now: () => performance.now(), setTimer: (fn, ms) => setTimeout(fn, ms), clearTimer: (h) => clearTimeout(h as NodeJS.Timeout) },
  stdinIsTTY: process.stdin.isTTY === true,
  stderrIsTTY: process.stderr.isTTY === true,
  ask: askOnTerminal,
  onInterrupt: (cb) => {
    handlers.add(cb);
    return () => handlers.delete(cb);
  },
}).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`Unexpected error: ${(e as Error).message}\n`);
    process.exitCode = 3;
  },
);
