import { runCli } from './main';

// Ctrl-C: nothing is half-written by the offline planner (notes are written whole), so just leave.
process.on('SIGINT', () => process.exit(130));

runCli(process.argv.slice(2), {
  out: (s) => process.stdout.write(s + '\n'),
  err: (s) => process.stderr.write(s + '\n'),
  env: process.env,
  now: () => new Date(),
}).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`Unexpected error: ${(e as Error).message}\n`);
    process.exitCode = 3;
  },
);
