/**
 * A plan killed outright (SIGKILL: no handler runs, nothing marks the note) resumes to a whole plan.
 * The CLI is the real one, bundled by esbuild.config.mjs and run as a child process against the local
 * Anthropic server; `test/support/kill-switch.cjs` kills it at a chosen write to the plan note, so the
 * note is left as the last write that reached the disk made it. `plan --resume` then has to finish it
 * into the same plan an uninterrupted run writes, with the meso plan linked back.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import matter from 'gray-matter';
import { copyExampleVault } from '../support/example-vault';
import { cli } from '../support/run-cli';
import { startAnthropicServer, type AnthropicServer } from '../support/anthropic-server';
import { plannerResponder } from '../support/anthropic-server/planner-responder';
import type { MockRequest, ResponseScript } from '../support/anthropic-server/types';
import { FsVault } from '../../src/cli/fs-vault';
import { DEFAULT_SETTINGS } from '../../src/core/contracts/settings';
import { preparePlan } from '../../src/core/planner/prepare-plan';
import { deriveOutline } from '../../src/core/plan/derive-outline';
import type { Outline } from '../../src/core/contracts/outline';

const repo = path.resolve(__dirname, '..', '..');
const KILL_SWITCH = path.join(repo, 'test', 'support', 'kill-switch.cjs');
const KEY = 'sk-ant-test-KEY-kill-resume';
const PLAN = 'Planning/W2-micro-level-plan.md';
const MESO = 'research/project-planning/meso-level-plan.md';

let build: string;
let cliJs: string;
let server: AnthropicServer;
let outline: Outline;
let reference: { plan: string; meso: string; sectionCalls: number };

interface Killed {
  dir: string;
  note: string;
  signal: NodeJS.Signals | null;
  code: number | null;
  err: string;
}

/** Runs the bundled CLI in a child process, SIGKILLed by the switch at `kill` (or not at all). */
async function runChild(dir: string, args: string[], kill: object | null): Promise<Killed> {
  const note = path.join(dir, PLAN);
  const env: Record<string, string> = { PATH: process.env['PATH'] ?? '', ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: server.url };
  if (kill) env['WP_KILL'] = JSON.stringify({ note, ...kill });
  const child = spawn(process.execPath, ['--require', KILL_SWITCH, cliJs, 'plan', '--vault', dir, '--workstream', 'W2', '--yes', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (b: Buffer) => (err += b.toString()));
  child.stdout.resume();
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('close', (c, s) => resolve([c, s])));
  return { dir, note, signal, code, err };
}

/**
 * Every section answer as the diligent model gives it; sections matching `slow` streamed slowly enough
 * to be caught in the middle, those matching `late` sending their first text only after a pause.
 */
function responder(paced: { slow?: RegExp; late?: RegExp } = {}) {
  const normal = plannerResponder({ outline, mesoTarget: 'meso-level-plan', script: { chunkChars: 40 } });
  return (req: MockRequest): ResponseScript => {
    const script = normal(req) as ResponseScript;
    const body = JSON.stringify(req.body);
    return {
      ...script,
      ...(paced.slow?.test(body) ? { chunkChars: 16, tokensPerSecond: 800 } : {}),
      ...(paced.late?.test(body) ? { firstDeltaDelayMs: 400 } : {}),
    };
  };
}

/** The section call that writes `heading`. */
const sectionCall = (heading: string): RegExp => new RegExp(`under the heading \`${heading.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);

const bodyOf = (text: string): string => text.slice(text.indexOf('## Executive Summary'));

beforeAll(async () => {
  build = mkdtempSync(path.join(tmpdir(), 'wp-cli-bundle-'));
  cliJs = path.join(build, 'cli.js');
  const script = `
    import esbuild from 'esbuild';
    import { cli } from ${JSON.stringify(path.join(repo, 'esbuild.config.mjs'))};
    await esbuild.build({ ...cli, outfile: ${JSON.stringify(cliJs)}, logLevel: 'error' });`;
  execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: repo, stdio: 'pipe' });
  server = await startAnthropicServer();
  const v = copyExampleVault();
  try {
    const p = await preparePlan(new FsVault(v.dir), DEFAULT_SETTINGS, { workstream: 'W2' });
    if (!p.ok || p.value.kind !== 'ready') throw new Error('the example vault does not plan W2');
    outline = deriveOutline(p.value.scope, p.value.ctx.wbs);
    // The plan an uninterrupted run of the same CLI writes.
    server.setScript(responder());
    const run = await runChild(v.dir, ['--concurrency', '1'], null);
    if (run.code !== 0) throw new Error(`the reference run failed: ${run.err}`);
    reference = { plan: readFileSync(path.join(v.dir, PLAN), 'utf8'), meso: readFileSync(path.join(v.dir, MESO), 'utf8'), sectionCalls: server.messageRequests().length - 1 };
  } finally {
    v.cleanup();
  }
}, 120_000);

afterAll(async () => {
  await server.close();
  rmSync(build, { recursive: true, force: true });
});

const killPoints: { name: string; args: string[]; paced?: { slow?: RegExp; late?: RegExp }; kill: object; left: (note: string) => void; sectionCalls: (n: number) => void }[] = [
  {
    name: 'right after the outline: the note holds its frontmatter and title only',
    args: ['--concurrency', '1'],
    kill: { at: 'created' },
    left: (note) => {
      expect(matter(note).data['status']).toBe('in_progress');
      expect(note).not.toContain('## Executive Summary');
    },
    sectionCalls: (n) => expect(n).toBe(reference.sectionCalls),
  },
  {
    name: 'in the middle of a section (3.2 written, 3.6 not)',
    args: ['--concurrency', '1'],
    paced: { slow: sectionCall('## 3. API Contracts') },
    kill: { at: 'after-append', when: '^### 3\\.2 ' },
    left: (note) => {
      expect(note).toMatch(/^### 3\.2 /m);
      expect(note).not.toMatch(/^### 3\.6 /m);
    },
    sectionCalls: (n) => expect(n).toBeLessThan(reference.sectionCalls),
  },
  {
    name: 'between sections (4 whole, the heading of 5 written, none of its text)',
    args: ['--concurrency', '1'],
    paced: { late: sectionCall('## 5. Configuration and Secrets') },
    kill: { at: 'after-append', when: '^## 5\\. Configuration and Secrets\\n*(?![\\s\\S])' },
    left: (note) => {
      expect(note).toMatch(/^### 4\.3 /m);
      expect(note).toMatch(/^---\n\n## 5\. Configuration and Secrets\n*$/m);
    },
    sectionCalls: (n) => expect(n).toBeLessThan(reference.sectionCalls),
  },
  {
    name: 'before a section reaches the note (the write holding the heading of 5 never lands)',
    args: ['--concurrency', '1'],
    paced: { slow: sectionCall('## 4. Data Models and Persistence') },
    kill: { at: 'before-append', when: '^## 5\\. ' },
    left: (note) => {
      expect(note).toMatch(/^## 4\. /m);
      expect(note).not.toMatch(/^## 5\. /m);
    },
    sectionCalls: (n) => expect(n).toBeLessThan(reference.sectionCalls),
  },
  {
    name: 'in the middle of a module while other modules stream at once (concurrency 4)',
    args: ['--concurrency', '4'],
    paced: { slow: /under the heading `### 2\.2 / },
    kill: { at: 'after-append', when: '^### 2\\.2 ' },
    left: (note) => {
      expect(note).toMatch(/^### 2\.2 /m);
      expect(note).not.toMatch(/^## 3\. /m);
    },
    sectionCalls: (n) => expect(n).toBeLessThan(reference.sectionCalls),
  },
  {
    name: 'after the last section, before the final rewrite',
    args: ['--concurrency', '1'],
    kill: { at: 'after-append', when: '^\\*\\*Next Step:\\*\\*' },
    left: (note) => {
      expect(matter(note).data['status']).toBe('in_progress');
      expect(note).toMatch(/^## Appendices$/m);
    },
    sectionCalls: (n) => expect(n).toBe(0),
  },
  {
    name: 'during the final rewrite (written to its temporary file, not yet moved over the note)',
    args: ['--concurrency', '1'],
    kill: { at: 'before-rename', when: '^status: "ready_for_decomposition"' },
    left: (note) => expect(matter(note).data['status']).toBe('in_progress'),
    sectionCalls: (n) => expect(n).toBe(0),
  },
  {
    name: 'right after the final rewrite, before the meso plan is linked back',
    args: ['--concurrency', '1'],
    kill: { at: 'after-rename', when: '^status: "ready_for_decomposition"' },
    left: (note) => expect(matter(note).data['status']).toBe('ready_for_decomposition'),
    sectionCalls: (n) => expect(n).toBe(0),
  },
];

describe('a plan killed outright resumes to a whole plan', () => {
  it.each(killPoints)('killed $name', async ({ args, paced, kill, left, sectionCalls }) => {
    const v = copyExampleVault();
    try {
      server.reset();
      server.setScript(responder(paced));
      const killed = await runChild(v.dir, args, kill);
      expect(killed.signal).toBe('SIGKILL');
      const note = readFileSync(killed.note, 'utf8');
      left(note);

      server.reset();
      server.setScript(responder());
      const r = await cli(['plan', '--vault', v.dir, '--workstream', 'W2', '--yes', '--resume'], { env: { ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: server.url } });
      expect(r.err).not.toContain(KEY);
      expect({ code: r.code, err: r.code === 0 ? '' : r.err }).toEqual({ code: 0, err: '' });
      const done = readFileSync(killed.note, 'utf8');
      expect(matter(done).data['status']).toBe('ready_for_decomposition');
      // The same plan as an uninterrupted run: every section once, in order, nothing doubled or lost.
      expect(bodyOf(done)).toBe(bodyOf(reference.plan));
      expect(readFileSync(path.join(v.dir, MESO), 'utf8')).toBe(reference.meso);
      sectionCalls(server.messageRequests().length);
    } finally {
      v.cleanup();
    }
  });
});
