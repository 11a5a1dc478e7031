/**
 * The module rules (.dependency-cruiser.cjs) are what `npm test` runs over src/ (`npm run deps`).
 * Here the same dependency-cruiser, with the same config, runs over small trees shaped like src/:
 * a tree that keeps the rules passes, and each kind of breach makes the check fail and names the
 * rule. If a rule stopped matching (a typo in a path pattern, a layer left out), a case fails here.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const ROOT = path.join(__dirname, '..');
const CONFIG = path.join(ROOT, '.dependency-cruiser.cjs');
const DEPCRUISE = path.join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');

/**
 * Each check is a dependency-cruiser process (about 2 s of CPU, most of it loading the tool), so a
 * busy machine can take longer than Jest's default.
 */
const CHECK_TIMEOUT_MS = 90_000;

type Tree = Record<string, string>;

interface Violation {
  rule: string;
  from: string;
  to: string;
}

interface Outcome {
  exitCode: number;
  violations: Violation[];
}

/**
 * A tree that keeps every rule: each core layer imports the one below (values and types), a folder
 * imports itself, the adapters use the core, Node (CLI) and `obsidian` (plugin), the anthropic
 * provider uses the SDK, and src/main.ts wires the plugin.
 */
const CLEAN: Tree = {
  'src/core/result.ts': `export type Result<T> = { ok: true; value: T } | { ok: false };\n`,
  'src/core/clock.ts': `export interface Clock { now(): Date }\n`,
  'src/core/contracts/note-meta.ts': `import type { Result } from '../result';\nexport interface NoteHeading { text: string }\nexport type R = Result<NoteHeading>;\n`,
  'src/core/markdown/headings.ts': `import type { NoteHeading } from '../contracts/note-meta';\nexport const parseHeadings = (t: string): NoteHeading[] => [{ text: t }];\n`,
  'src/core/vault/vault-port.ts': `import { parseHeadings } from '../markdown/headings';\nexport const read = parseHeadings;\n`,
  'src/core/wbs/workstream-id.ts': `export const id = (s: string): string => s;\n`,
  'src/core/wbs/parse-wbs.ts': `import { id } from './workstream-id';\nimport { read } from '../vault/vault-port';\nexport const parseWbs = (t: string) => read(id(t));\n`,
  'src/core/discovery/discover.ts': `import { read } from '../vault/vault-port';\nexport const discover = read;\n`,
  'src/core/scope/compute-scope.ts': `import { parseWbs } from '../wbs/parse-wbs';\nimport { discover } from '../discovery/discover';\nexport const scope = (t: string) => [parseWbs(t), discover(t)];\n`,
  'src/core/plan/skeleton.ts': `import type { NoteHeading } from '../contracts/note-meta';\nexport const LINES: NoteHeading[] = [];\n`,
  'src/core/escalation/detect.ts': `import { scope } from '../scope/compute-scope';\nexport const detect = scope;\n`,
  'src/core/generation/units.ts': `import { LINES } from '../plan/skeleton';\nexport const units = LINES;\n`,
  'src/core/writer/note-paths.ts': `import type { Clock } from '../clock';\nexport const notePath = (c: Clock) => String(c.now());\n`,
  'src/core/checker/check-plan.ts': `import { notePath } from '../writer/note-paths';\nimport { LINES } from '../plan/skeleton';\nexport const check = () => [notePath, LINES];\n`,
  'src/core/providers/anthropic/client.ts': `import Anthropic from '@anthropic-ai/sdk';\nimport { check } from '../../checker/check-plan';\nexport const client = () => [new Anthropic(), check];\n`,
  'src/core/providers/offline/draft.ts': `import { units } from '../../generation/units';\nexport const draft = units;\n`,
  'src/core/planner/plan-workstream.ts': `import { detect } from '../escalation/detect';\nimport { draft } from '../providers/offline/draft';\nimport { client } from '../providers/anthropic/client';\nexport const plan = () => [detect, draft, client];\n`,
  'src/prompts/index.ts': `export const PLANNER_INSTRUCTIONS = 'Plan.';\n`,
  'src/cli/io.ts': `export interface CliIo { out(s: string): void }\n`,
  'src/cli/main.ts': `import { readFile } from 'node:fs/promises';\nimport matter from 'gray-matter';\nimport type { CliIo } from './io';\nimport { plan } from '../core/planner/plan-workstream';\nimport { PLANNER_INSTRUCTIONS } from '../prompts';\nexport const runCli = (io: CliIo) => [readFile, matter, plan, PLANNER_INSTRUCTIONS, io];\n`,
  'src/obsidian/view.ts': `import { Plugin } from 'obsidian';\nimport { plan } from '../core/planner/plan-workstream';\nexport const view = [Plugin, plan];\n`,
  'src/main.ts': `import { view } from './obsidian/view';\nexport default view;\n`,
};

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/**
 * The violations in dependency-cruiser's `err` report: `error <rule>: <from> → <to>`, where a cycle
 * continues over several lines (`a → ↵ b → ↵ … a`); its first step is taken as from → to.
 */
function parseReport(text: string): Violation[] {
  // eslint-disable-next-line no-control-regex
  const plain = text.replace(/\u001b\[[0-9;]*m/g, '');
  return [...plain.matchAll(/^\s*error (\S+): (\S+) →\s*(\S+)/gm)].map((m) => ({ rule: m[1]!, from: m[2]!, to: m[3]! }));
}

/**
 * Runs the very check `npm test` runs (`depcruise src` with the project's config and its default
 * report, whose exit code fails the script) in a tree of its own.
 */
function check(tree: Tree): Promise<Outcome> {
  const dir = mkdtempSync(path.join(tmpdir(), 'wp-module-rules-'));
  dirs.push(dir);
  for (const [file, text] of Object.entries(tree)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [DEPCRUISE, 'src', '--config', CONFIG], { cwd: dir, maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      const exitCode = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      const report = stdout + stderr;
      if (!/dependency violations|no dependency violations found/.test(report)) reject(new Error(`dependency-cruiser gave no report (exit ${exitCode}): ${report}`));
      else resolve({ exitCode, violations: parseReport(report) });
    });
  });
}

const withFiles = (files: Tree): Tree => ({ ...CLEAN, ...files });
const rulesOf = (o: Outcome): string[] => [...new Set(o.violations.map((v) => v.rule))].sort();

const TREES = {
  clean: CLEAN,
  intoAdapter: withFiles({
    'src/cli/exit-codes.ts': `export const EXIT = { ok: 0 };\n`,
    // Three levels down: the shape the old hand-written check let through.
    'src/core/planner/claude/resume.ts': `import { EXIT } from '../../../cli/exit-codes';\nexport const code = EXIT.ok;\n`,
    'src/core/writer/status.ts': `import type { view } from '../../obsidian/view';\nexport type V = typeof view;\n`,
  }),
  cycle: withFiles({
    'src/cli/main.ts': `import type { Printer } from './output';\nexport interface CliIo { out(s: string): void }\nexport type P = Printer;\n`,
    'src/cli/output.ts': `import type { CliIo } from './main';\nexport type Printer = (io: CliIo) => void;\n`,
  }),
  upward: withFiles({
    // The WBS parser reaching up into scope, as contract-heading once did.
    'src/core/wbs/contract-heading.ts': `import { scope } from '../scope/compute-scope';\nexport const c = scope;\n`,
    // The plan model reaching up into its judge.
    'src/core/plan/render-plan.ts': `import { check } from '../checker/check-plan';\nexport const r = check;\n`,
    // wbs and discovery share a layer: neither may import the other.
    'src/core/discovery/find.ts': `import { parseWbs } from '../wbs/parse-wbs';\nexport const f = parseWbs;\n`,
    // contracts sit below markdown and the vault.
    'src/core/contracts/planning-set.ts': `import type { read } from '../vault/vault-port';\nexport type R = typeof read;\n`,
  }),
  others: withFiles({
    'src/core/writer/fs-write.ts': `import { writeFile } from 'node:fs/promises';\nimport path from 'path';\nexport const w = [writeFile, path];\n`,
    'src/core/vault/app.ts': `import { TFile } from 'obsidian';\nimport matter from 'gray-matter';\nexport const a = [TFile, matter];\n`,
    'src/core/planner/direct.ts': `import Anthropic from '@anthropic-ai/sdk';\nexport const d = Anthropic;\n`,
    'src/cli/uses-plugin.ts': `import { view } from '../obsidian/view';\nexport const u = view;\n`,
    'src/obsidian/uses-cli.ts': `import { runCli } from '../cli/main';\nexport const u = runCli;\n`,
    'src/core/misc/helper.ts': `export const h = 1;\n`,
    'src/core/planner/uses-misc.ts': `import { h } from '../misc/helper';\nexport const m = h;\n`,
  }),
};

describe('module rules (.dependency-cruiser.cjs)', () => {
  it('pass on a tree that imports only downward, with each adapter on the core', async () => {
    const o = await check(TREES.clean);
    expect(o.violations).toEqual([]);
    expect(o.exitCode).toBe(0);
  }, CHECK_TIMEOUT_MS);

  it('fail on an import from src/core into an adapter, however deep the importing file is', async () => {
    const o = await check(TREES.intoAdapter);
    expect(o.exitCode).not.toBe(0);
    expect(rulesOf(o)).toEqual(['core-not-adapters']);
    expect(o.violations).toEqual(
      expect.arrayContaining([
        { rule: 'core-not-adapters', from: 'src/core/planner/claude/resume.ts', to: 'src/cli/exit-codes.ts' },
        { rule: 'core-not-adapters', from: 'src/core/writer/status.ts', to: 'src/obsidian/view.ts' },
      ]),
    );
  }, CHECK_TIMEOUT_MS);

  it('fail on a cycle, even one made of type-only imports', async () => {
    const o = await check(TREES.cycle);
    expect(o.exitCode).not.toBe(0);
    expect(o.violations).toHaveLength(1);
    expect(o.violations[0]!.rule).toBe('no-circular');
    expect([o.violations[0]!.from, o.violations[0]!.to].sort()).toEqual(['src/cli/main.ts', 'src/cli/output.ts']);
  }, CHECK_TIMEOUT_MS);

  it('fail on an upward import in the core, and on one between two folders of the same layer', async () => {
    const o = await check(TREES.upward);
    expect(o.exitCode).not.toBe(0);
    expect(o.violations).toEqual(
      expect.arrayContaining([
        { rule: 'core-layers/wbs', from: 'src/core/wbs/contract-heading.ts', to: 'src/core/scope/compute-scope.ts' },
        { rule: 'core-layers/plan', from: 'src/core/plan/render-plan.ts', to: 'src/core/checker/check-plan.ts' },
        { rule: 'core-layers/discovery', from: 'src/core/discovery/find.ts', to: 'src/core/wbs/parse-wbs.ts' },
        { rule: 'core-layers/contracts', from: 'src/core/contracts/planning-set.ts', to: 'src/core/vault/vault-port.ts' },
      ]),
    );
    expect(rulesOf(o).every((r) => r.startsWith('core-layers/'))).toBe(true);
  }, CHECK_TIMEOUT_MS);

  it('fail on Node, the app or Node-only packages in the core, the SDK outside its provider, the adapters reaching into each other, and an unplaced core folder', async () => {
    const o = await check(TREES.others);
    expect(o.exitCode).not.toBe(0);
    expect(o.violations).toEqual(
      expect.arrayContaining([
        { rule: 'core-no-node-builtins', from: 'src/core/writer/fs-write.ts', to: 'fs/promises' },
        { rule: 'core-no-node-builtins', from: 'src/core/writer/fs-write.ts', to: 'path' },
        { rule: 'core-no-app-or-node-packages', from: 'src/core/vault/app.ts', to: 'obsidian' },
        { rule: 'core-no-app-or-node-packages', from: 'src/core/vault/app.ts', to: 'gray-matter' },
        { rule: 'core-sdk-only-in-anthropic-provider', from: 'src/core/planner/direct.ts', to: '@anthropic-ai/sdk' },
        { rule: 'adapters-apart/cli-to-obsidian', from: 'src/cli/uses-plugin.ts', to: 'src/obsidian/view.ts' },
        { rule: 'adapters-apart/obsidian-to-cli', from: 'src/obsidian/uses-cli.ts', to: 'src/cli/main.ts' },
        { rule: 'core-unplaced', from: 'src/core/planner/uses-misc.ts', to: 'src/core/misc/helper.ts' },
      ]),
    );
  }, CHECK_TIMEOUT_MS);
});
