// `npm run demo`: copy the example vault to a git-ignored folder and plan W1 there.
// Offline unless ANTHROPIC_API_KEY is set. Prints the path of the note it wrote.
import { cp, rm, stat } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const vault = join(root, '.demo', 'vault');
const cli = join(root, 'dist', 'cli.js');

const build = spawnSync(process.execPath, [join(root, 'esbuild.config.mjs'), 'production'], { cwd: root, encoding: 'utf8' });
if (build.status !== 0) {
  process.stderr.write(build.stderr);
  process.exit(build.status ?? 1);
}
await stat(cli);

await rm(vault, { recursive: true, force: true });
await cp(join(root, 'examples', 'vault'), vault, { recursive: true });
process.stderr.write(`Copied the example vault to ${vault}\n`);

const run = spawnSync(process.execPath, [cli, 'plan', '--vault', vault, '--workstream', 'W1', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
process.exit(run.status ?? 1);
