/**
 * The built plugin (`main.js`, the production options of esbuild.config.mjs, built into a temporary
 * folder) as Obsidian's review and every platform need it:
 * - no lookbehind regular-expression literal: iOS WebKit before 16.4 refuses to parse the whole file;
 * - no run-time code generation (`eval`, `new Function`): reviewers object to it (zod's JIT did it);
 * - at most 800 KB;
 * - nothing required but what the app provides (no Node built-ins: it runs on mobile).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { codeGeneration, lookbehindLiterals, requiredModules } from './scan-bundle';

const repo = resolve(__dirname, '..', '..');
const MAX_BYTES = 800 * 1024;
let dir: string;
let file: string;
let code: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'wp-main-js-'));
  file = join(dir, 'main.js');
  const script = `
    import esbuild from 'esbuild';
    import { plugin } from ${JSON.stringify(join(repo, 'esbuild.config.mjs'))};
    await esbuild.build({ ...plugin, outfile: ${JSON.stringify(file)}, minify: true, sourcemap: false, logLevel: 'error' });`;
  execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: repo, stdio: 'pipe' });
  code = readFileSync(file, 'utf8');
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the scanners find what they look for', () => {
  it('a lookbehind literal, but not an escaped (?< or one inside a character class', () => {
    expect(lookbehindLiterals('var a = /(?<!x)y/g, b = /(?<=^|\\/)z/;').map((f) => f.text)).toEqual(['/(?<!x)y/g', '/(?<=^|\\/)z/']);
    expect(lookbehindLiterals('var a = /\\(?<!x/, b = /[(?<!]/, c = /(?<name>x)/, d = new RegExp("(?<!x)")')).toEqual([]);
  });
  it('eval and Function used as code generators, but not Function.prototype', () => {
    expect(codeGeneration('new Function("a", "return a"); const F = Function; eval("1"); g["Function"]').map((f) => f.text)).toEqual(['Function', 'Function', 'eval', 'g["Function"]']);
    expect(codeGeneration('Function.prototype.call.bind(Object.prototype.hasOwnProperty); o.eval = 1; o.Function')).toEqual([]);
  });
});

describe('main.js', () => {
  it('holds no lookbehind regular-expression literal', () => {
    expect(lookbehindLiterals(code)).toEqual([]);
  });

  it('generates no code at run time (no eval, no Function constructor)', () => {
    expect(codeGeneration(code)).toEqual([]);
  });

  it(`is at most ${MAX_BYTES / 1024} KB`, () => {
    expect(statSync(file).size).toBeLessThanOrEqual(MAX_BYTES);
  });

  it('requires only what Obsidian provides: obsidian and CodeMirror, no Node built-ins', () => {
    expect(requiredModules(code)).toEqual(['@codemirror/state', '@codemirror/view', 'obsidian']);
  });
});
