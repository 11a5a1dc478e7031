/**
 * The lint that guards main.js against lookbehind (iOS before 16.4 refuses the whole file):
 * eslint-plugin-obsidianmd's regex-lookbehind rule misses `(?<!x`, so eslint.config.mjs adds
 * es-x/no-regexp-lookbehind-assertions, which parses each pattern.
 */
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const repo = resolve(__dirname, '..', '..');

const probes: Array<[string, boolean]> = [
  ['const a = /(?<![A-Za-z0-9_])[A-Z]+/g;', true],
  ['const a = /(?<=^|\\/)x/;', true],
  ['const a = /(?<!)/;', true],
  ["const a = new RegExp('(?<!x)y');", true],
  ['const a = /(^|[^A-Za-z0-9_])([A-Z]+)/g;', false],
  ['const a = /\\(\\?<!x/;', false],
  ['const a = /(?<name>x)\\k<name>/;', false],
];

it('eslint.config.mjs reports every lookbehind in the plugin source, (?<!x included, and nothing else', () => {
  const out = execFileSync(process.execPath, [join(repo, 'test/lint/lookbehind-probe.mjs'), JSON.stringify(probes.map((p) => p[0]))], { cwd: repo, encoding: 'utf8' });
  const { severity, flagged } = JSON.parse(out) as { severity: number; flagged: boolean[] };
  expect(severity).toBe(2);
  expect(flagged).toEqual(probes.map((p) => p[1]));
}, 60_000);
