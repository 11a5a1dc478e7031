/**
 * The e2e runner (bundled for Node and started by scripts/e2e.mjs): serves the harness page on
 * 127.0.0.1, launches Debian's Chromium through playwright-core with a fresh profile, runs each
 * test in its own page, prints one line per test and "N passed, N failed", and exits non-zero on
 * any failure. `--screenshots DIR` writes the PNGs there (default: a temporary folder).
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { startPageServer } from './lib/page-server';
import type { Ctx } from './lib/driver';
import { planTests } from './specs/plan.e2e';
import { corsTests } from './specs/cors.e2e';
import { planAllTests } from './specs/plan-all.e2e';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const TEST_TIMEOUT_MS = 150_000;

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const repo = resolve(args[0] ?? '.');
  const bundleDir = resolve(args[1] ?? '.');
  const shotsArg = args.indexOf('--screenshots');
  const shots = shotsArg >= 0 ? resolve(args[shotsArg + 1]!) : mkdtempSync(join(tmpdir(), 'wp-e2e-shots-'));
  const grepArg = args.indexOf('--grep');
  const grep = grepArg >= 0 ? new RegExp(args[grepArg + 1]!, 'i') : null;
  mkdirSync(shots, { recursive: true });
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run scripts/install-chromium.sh`);
  if (!existsSync(join(repo, 'main.js'))) throw new Error('main.js is missing: run npm run build');

  const started = Date.now();
  const pages = await startPageServer({ repo, harnessDir: join(repo, 'test', 'e2e', 'harness'), bundleDir });
  const profile = mkdtempSync(join(tmpdir(), 'wp-e2e-chromium-'));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic'],
  });
  const ctx: Ctx = { browser, pageUrl: `${pages.url}/`, repo, shots };
  console.log(`Chromium ${browser.browser()?.version() ?? '(version unknown)'} · page ${ctx.pageUrl} · screenshots in ${shots}`);
  const tests = [...planTests, ...planAllTests, ...corsTests].filter((t) => !grep || grep.test(t.name));
  let passed = 0;
  let failed = 0;
  try {
    for (const t of tests) {
      const t0 = Date.now();
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          t.run(ctx),
          new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out after ${TEST_TIMEOUT_MS} ms`)), TEST_TIMEOUT_MS))),
        ]);
        passed++;
        console.log(`  ✓ ${t.name} (${Date.now() - t0} ms)`);
      } catch (e) {
        failed++;
        console.log(`  ✗ ${t.name} (${Date.now() - t0} ms)\n    ${(e instanceof Error ? (e.stack ?? e.message) : String(e)).split('\n').join('\n    ')}`);
        for (const p of browser.pages()) await p.screenshot({ path: join(shots, `FAILED-${passed + failed}.png`) }).catch(() => undefined);
      } finally {
        clearTimeout(timer);
        for (const p of browser.pages()) await p.close().catch(() => undefined);
      }
    }
  } finally {
    await browser.close();
    await pages.close();
    rmSync(profile, { recursive: true, force: true });
  }
  console.log(`\n${passed} passed, ${failed} failed (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return failed === 0 && passed > 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
