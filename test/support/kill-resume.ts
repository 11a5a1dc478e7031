/**
 * Kills the real CLI outright at a chosen moment and resumes the plan it left (test/cli/kill-resume.*).
 * The CLI is bundled by esbuild.config.mjs and run as a child process against the local Anthropic
 * server; `kill-switch.cjs` SIGKILLs it at a chosen write to the plan note, so the note is left as the
 * last write that reached the disk made it. The resume runs in-process (`runCli`, the same code).
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import matter from 'gray-matter';
import { copyExampleVault } from './example-vault';
import { cli } from './run-cli';
import { startAnthropicServer, type AnthropicServer } from './anthropic-server';
import { plannerResponder } from './anthropic-server/planner-responder';
import type { MockRequest, ResponseScript } from './anthropic-server/types';
import { FsVault } from '../../src/cli/fs-vault';
import { DEFAULT_SETTINGS } from '../../src/core/contracts/settings';
import { preparePlan } from '../../src/core/planner/prepare-plan';
import { deriveOutline } from '../../src/core/plan/derive-outline';
import type { Outline } from '../../src/core/contracts/outline';

const repo = path.resolve(__dirname, '..', '..');
const KILL_SWITCH = path.join(__dirname, 'kill-switch.cjs');
const KEY = 'sk-ant-test-KEY-kill-resume';
const PLAN = 'Planning/W2-micro-level-plan.md';
const MESO = 'research/project-planning/meso-level-plan.md';

export interface Paced {
  /** Section calls streamed slowly enough to be caught in the middle. */
  slow?: RegExp;
  /** Section calls that send their first text only after a pause. */
  late?: RegExp;
  /** Kill the CLI when its outline call arrives (nothing written yet). */
  killOnOutline?: boolean;
}

export interface KilledAndResumed {
  /** How the child ended. */
  signal: NodeJS.Signals | null;
  /** The note as the kill left it ('' when there was none). */
  left: string;
  /** The resume's exit code and, when it failed, its messages. */
  resumed: { code: number; err: string };
  /** The note and the meso plan after the resume. */
  done: string;
  meso: string;
  /** Model calls the resume made. */
  calls: number;
}

export interface Reference {
  plan: string;
  meso: string;
  /** Section calls of an uninterrupted run. */
  sectionCalls: number;
}

/** The plan body from the Executive Summary on (the title block holds the date the run started). */
export const bodyOf = (text: string): string => text.slice(text.indexOf('## Executive Summary'));
export const statusOf = (text: string): unknown => matter(text).data['status'];

/** The section call that writes `heading`. */
export const sectionCall = (heading: string): RegExp => new RegExp(`under the heading \`${heading.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);

/** Sets up the bundle, the server and an uninterrupted reference run (in beforeAll), and tears them down. */
export function killResumeHarness(): { reference: () => Reference; killAndResume: (args: string[], paced: Paced, kill: object | null) => Promise<KilledAndResumed> } {
  let build = '';
  let cliJs = '';
  let server: AnthropicServer;
  let outline: Outline;
  let running: ReturnType<typeof spawn> | null = null;
  let reference: Reference;

  const runChild = async (dir: string, args: string[], kill: object | null): Promise<{ code: number | null; signal: NodeJS.Signals | null; err: string }> => {
    const env: Record<string, string> = { PATH: process.env['PATH'] ?? '', ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: server.url };
    if (kill) env['WP_KILL'] = JSON.stringify({ note: path.join(dir, PLAN), ...kill });
    const child = spawn(process.execPath, ['--require', KILL_SWITCH, cliJs, 'plan', '--vault', dir, '--workstream', 'W2', '--yes', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    running = child;
    let err = '';
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.stdout.resume();
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('close', (c, s) => resolve([c, s])));
    return { code, signal, err };
  };

  const responder = (paced: Paced = {}) => {
    const normal = plannerResponder({ outline, mesoTarget: 'meso-level-plan', script: { chunkChars: 40 } });
    return (req: MockRequest): ResponseScript => {
      const script = normal(req) as ResponseScript;
      const body = JSON.stringify(req.body);
      if (paced.killOnOutline && !body.includes('Write the section')) {
        running?.kill('SIGKILL');
        return { ...script, firstDeltaDelayMs: 5000 };
      }
      return {
        ...script,
        ...(paced.slow?.test(body) ? { chunkChars: 16, tokensPerSecond: 400 } : {}),
        ...(paced.late?.test(body) ? { firstDeltaDelayMs: 400 } : {}),
      };
    };
  };

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
      server.setScript(responder());
      const run = await runChild(v.dir, ['--concurrency', '1'], null);
      if (run.code !== 0) throw new Error(`the reference run failed: ${run.err}`);
      reference = { plan: readFileSync(path.join(v.dir, PLAN), 'utf8'), meso: readFileSync(path.join(v.dir, MESO), 'utf8'), sectionCalls: server.messageRequests().length - 1 };
    } finally {
      v.cleanup();
    }
  }, 120_000);

  afterAll(async () => {
    await server?.close();
    rmSync(build, { recursive: true, force: true });
  });

  return {
    reference: () => reference,
    async killAndResume(args, paced, kill) {
      const v = copyExampleVault();
      try {
        server.reset();
        server.setScript(responder(paced));
        const killed = await runChild(v.dir, args, kill);
        const note = path.join(v.dir, PLAN);
        const left = existsSync(note) ? readFileSync(note, 'utf8') : '';
        server.reset();
        server.setScript(responder());
        const r = await cli(['plan', '--vault', v.dir, '--workstream', 'W2', '--yes', '--resume'], { env: { ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: server.url } });
        if (r.err.includes(KEY)) throw new Error('the resume printed the API key');
        return {
          signal: killed.signal,
          left,
          resumed: { code: r.code, err: r.code === 0 ? '' : r.err },
          done: readFileSync(note, 'utf8'),
          meso: readFileSync(path.join(v.dir, MESO), 'utf8'),
          calls: server.messageRequests().length,
        };
      } finally {
        v.cleanup();
      }
    },
  };
}
