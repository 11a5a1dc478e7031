#!/usr/bin/env node
/**
 * End-to-end tests of the built plugin in Chromium (test/e2e). Bundles the harness page for the
 * browser and the runner for Node with esbuild, into a temporary folder, then runs the runner.
 * `main.js` must be built first (`npm run build`); it is served unmodified.
 *
 *   node scripts/e2e.mjs                          # all tests, screenshots to a temporary folder
 *   node scripts/e2e.mjs --screenshots docs/screenshots
 *   node scripts/e2e.mjs --grep escalation
 */
import esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(fileURLToPath(new URL('..', import.meta.url)));
const out = mkdtempSync(join(tmpdir(), 'wp-e2e-bundle-'));
try {
  await esbuild.build({
    entryPoints: [join(repo, 'test/e2e/harness/page.ts')],
    outfile: join(out, 'page.js'),
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  await esbuild.build({
    entryPoints: [join(repo, 'test/e2e/run.ts')],
    outfile: join(out, 'run.cjs'),
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    external: ['playwright-core'],
    loader: { '.md': 'text' },
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  const r = spawnSync(process.execPath, ['--enable-source-maps', join(out, 'run.cjs'), repo, out, ...process.argv.slice(2)], {
    stdio: 'inherit',
    cwd: repo,
    env: { ...process.env, NODE_PATH: join(repo, 'node_modules') },
  });
  process.exitCode = r.status ?? 1;
} finally {
  rmSync(out, { recursive: true, force: true });
}
