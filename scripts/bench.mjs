// `npm run bench`: bundle bench/run.ts with esbuild into a temp folder and run it against the local
// Anthropic server (127.0.0.1 only). Writes bench/results.json. Not part of `npm test`.
// Extra arguments are passed on, e.g. `npm run bench -- --runs 1 --out /tmp/r.json`.
import esbuild from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = mkdtempSync(join(tmpdir(), 'wp-bench-build-'));
const bundle = join(out, 'bench.cjs');
try {
  await esbuild.build({
    entryPoints: [join(root, 'bench', 'run.ts')],
    bundle: true,
    outfile: bundle,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    loader: { '.md': 'text' },
    // The plugin figure loads src/main.ts into the test double of Obsidian (the app cannot run here).
    alias: { obsidian: join(root, 'test', '__mocks__', 'obsidian.ts') },
    logLevel: 'warning',
  });
  const run = spawnSync(process.execPath, [bundle, '--root', root, '--date', new Date().toISOString(), ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
  process.exitCode = run.status ?? 1;
} finally {
  rmSync(out, { recursive: true, force: true });
}
