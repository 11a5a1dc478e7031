#!/usr/bin/env node
/**
 * npm run install-plugin -- <vault> [--config-dir <name>]
 *
 * Copies the built plugin (main.js, manifest.json, styles.css) into
 * <vault>/<config dir>/plugins/workstream-planner/, building first when main.js is missing or older
 * than anything under src/. The config dir defaults to `.obsidian` (a vault may use another name:
 * Obsidian's "Override config folder" setting).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const FILES = ['main.js', 'manifest.json', 'styles.css'];

function fail(message) {
  console.error(`install-plugin: ${message}`);
  process.exit(1);
}

function newestMtime(dir) {
  let newest = 0;
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    const st = statSync(full);
    newest = Math.max(newest, st.isDirectory() ? newestMtime(full) : st.mtimeMs);
  }
  return newest;
}

const args = process.argv.slice(2);
let configDir = '.obsidian';
const positional = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--config-dir') configDir = args[++i] ?? fail('--config-dir needs a folder name.');
  else if (args[i] === '--help' || args[i] === '-h') {
    console.log('Usage: npm run install-plugin -- <vault folder> [--config-dir .obsidian]');
    process.exit(0);
  } else positional.push(args[i]);
}
if (positional.length !== 1) fail('give the vault folder, e.g. npm run install-plugin -- ~/Notes');
const vault = resolve(positional[0]);
if (!existsSync(vault)) fail(`the vault folder ${vault} does not exist.`);
if (!statSync(vault).isDirectory()) fail(`${vault} is a file, not a vault folder.`);
if (!existsSync(join(vault, configDir))) {
  fail(`${vault} has no ${configDir} folder, so it has not been opened as a vault in Obsidian yet (or uses another config folder: pass --config-dir).`);
}

const mainJs = join(root, 'main.js');
if (!existsSync(mainJs) || statSync(mainJs).mtimeMs < newestMtime(join(root, 'src'))) {
  console.log('install-plugin: building main.js…');
  try {
    execFileSync(process.execPath, [join(root, 'esbuild.config.mjs'), 'production'], { cwd: root, stdio: 'inherit' });
  } catch {
    fail('the build failed; see the messages above.');
  }
}

const id = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8')).id;
const target = join(vault, configDir, 'plugins', id);
mkdirSync(target, { recursive: true });
for (const f of FILES) {
  const from = join(root, f);
  if (!existsSync(from)) fail(`${f} is missing from ${root}.`);
  copyFileSync(from, join(target, f));
}
console.log(`install-plugin: installed ${FILES.join(', ')} into ${target}. Reload Obsidian (or toggle the plugin) to use it.`);
