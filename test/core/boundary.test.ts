import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

// The core must run unchanged inside Obsidian (desktop and mobile) and in Node: it may not
// reach for the app, Node built-ins, Node-only packages, the clock or the environment.
const coreDir = join(__dirname, '..', '..', 'src', 'core');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

const NODE_BUILTINS = ['fs', 'path', 'os', 'child_process', 'crypto', 'util', 'stream', 'http', 'https', 'url', 'buffer', 'events', 'process'];

describe('src/core boundary', () => {
  const all = files(coreDir);

  it('has files to check', () => {
    expect(all.length).toBeGreaterThan(10);
  });

  it.each(all.map((f) => [relative(coreDir, f), f]))('%s imports nothing from obsidian, Node or gray-matter', (_name, file) => {
    const text = readFileSync(file, 'utf8');
    const imports = [...text.matchAll(/(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"]([^'"]+)['"]/g)].map((m) => m[1]!);
    const bad = imports.filter(
      (s) => s === 'obsidian' || s.startsWith('node:') || NODE_BUILTINS.includes(s.split('/')[0]!) || s === 'gray-matter' || s.startsWith('../../cli') || s.includes('/obsidian/'),
    );
    expect(bad).toEqual([]);
  });

  it.each(all.map((f) => [relative(coreDir, f), f]))('%s takes time and environment as arguments', (_name, file) => {
    const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    expect(code).not.toMatch(/\bDate\.now\(|new Date\(\s*\)|Math\.random\(|process\.env|\bsetTimeout\(|\bBuffer\./);
  });

  it('only the anthropic provider imports the SDK', () => {
    const users = all.filter((f) => /from\s+['"]@anthropic-ai\/sdk/.test(readFileSync(f, 'utf8')));
    expect(users.every((f) => relative(coreDir, f).startsWith(join('providers', 'anthropic')))).toBe(true);
  });
});
