import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import matter from 'gray-matter';
import { copyExampleVault } from '../support/example-vault';
import { cli } from '../support/run-cli';
import { startAnthropicServer, type AnthropicServer } from '../support/anthropic-server';
import { plannerResponder } from '../support/anthropic-server/planner-responder';
import { FsVault } from '../../src/cli/fs-vault';
import { DEFAULT_SETTINGS } from '../../src/core/contracts/settings';
import { preparePlan } from '../../src/core/planner/prepare-plan';
import { deriveOutline } from '../../src/core/plan/derive-outline';
import type { Outline } from '../../src/core/contracts/outline';

const KEY = 'sk-ant-test-KEY-4242-never-print-me';
const PLAN = 'Planning/W2-micro-level-plan.md';
const TOP_LEVEL = ['## Executive Summary', ...Array.from({ length: 11 }, (_, i) => `## ${i + 1}. `), '## Appendices'];

async function outlineFor(dir: string, id: string): Promise<Outline> {
  const p = await preparePlan(new FsVault(dir), DEFAULT_SETTINGS, { workstream: id });
  if (!p.ok || p.value.kind !== 'ready') throw new Error('example vault does not plan');
  return deriveOutline(p.value.scope, p.value.ctx.wbs);
}

describe('plan --provider anthropic against the local Anthropic server', () => {
  let server: AnthropicServer;
  let v: { dir: string; cleanup(): void };
  let outline: Outline;
  const read = (rel: string): string => readFileSync(path.join(v.dir, rel), 'utf8');
  const env = (): Record<string, string> => ({ ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: server.url });

  beforeAll(async () => {
    server = await startAnthropicServer();
  });
  afterAll(async () => server.close());
  beforeEach(async () => {
    server.reset();
    v = copyExampleVault();
    outline = await outlineFor(v.dir, 'W2');
    server.setScript(plannerResponder({ outline, mesoTarget: 'meso-level-plan', script: { chunkChars: 40 } }));
  });
  afterEach(() => v.cleanup());

  it('writes a complete plan, every top-level section once and in order, and says what it cost', async () => {
    const r = await cli(['plan', '--vault', v.dir, '--workstream', 'W2', '--yes'], { env: env() });
    expect(r.err).not.toContain(KEY);
    expect(r.code).toBe(0);
    expect(r.out.trim()).toBe(path.join(v.dir, PLAN));
    const text = read(PLAN);
    const positions = TOP_LEVEL.map((h) => {
      const hits = text.split('\n').filter((l) => l.startsWith(h));
      expect(hits).toHaveLength(1);
      return text.indexOf(`\n${hits[0]}`);
    });
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    const fm = matter(text, {}).data as Record<string, unknown>;
    expect(fm['status']).toBe('ready_for_decomposition');
    const planner = fm['planner'] as { outline: Outline; usage: { calls: number; costUsd: number } };
    expect(planner.outline).toEqual(outline);
    expect(planner.usage.calls).toBeGreaterThan(12);
    expect(r.err).toMatch(/Usage: \d+ calls, .* \$\d+\.\d+/);
    expect(text).not.toContain('[!todo]');
    expect(text).not.toContain(KEY);

    const check = await cli(['check', '--vault', v.dir, '--note', PLAN]);
    expect(check.code).toBe(0);
  });

  it('sends the planning notes and nothing else, without temperature, with cache breakpoints', async () => {
    writeFileSync(path.join(v.dir, 'Private diary.md'), 'SECRET-DIARY-CONTENT: do not send');
    await cli(['plan', '--vault', v.dir, '--workstream', 'W2', '--yes'], { env: env() });
    const bodies = server.messageRequests().map((q) => JSON.stringify(q.body));
    expect(bodies.length).toBeGreaterThan(12);
    for (const b of bodies) {
      expect(b).not.toContain('SECRET-DIARY-CONTENT');
      expect(b).not.toContain(KEY);
      expect(b).not.toMatch(/"temperature"|"top_p"|"top_k"/);
    }
    expect(bodies[0]).toContain('research/project-planning/PRD.md');
    expect(bodies[0]).toContain('04-Agent-Reference-Files/Code-Standards.md');
    // Every section call after the outline reads the notes from the cache.
    const sectionReqs = server.messageRequests().slice(1);
    expect(sectionReqs.every((q) => JSON.stringify((q.body as { system: unknown }).system).includes('cache_control'))).toBe(true);
  });

  it('dry run prints the requests and the estimate, and sends and writes nothing', async () => {
    const r = await cli(['plan', '--vault', v.dir, '--workstream', 'W2', '--dry-run'], { env: env() });
    expect(r.code).toBe(0);
    expect(server.messageRequests()).toHaveLength(0);
    expect(existsSync(path.join(v.dir, PLAN))).toBe(false);
    const requests = JSON.parse(r.out) as { call: string; params: { model: string } }[];
    expect(requests[0]!.call).toBe('outline');
    expect(requests.length).toBeGreaterThan(12);
    expect(r.out).not.toContain(KEY);
    expect(r.err).toMatch(/Estimate: \d+ calls/);
  });

  it('asks on a terminal and sends nothing when the answer is no', async () => {
    const r = await cli(['plan', '--vault', v.dir, '--workstream', 'W2'], { env: env(), answer: 'n' });
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/will be sent these notes/);
    expect(r.err).toMatch(/Nothing was sent/);
    expect(server.messageRequests()).toHaveLength(0);
    expect(existsSync(path.join(v.dir, 'Planning'))).toBe(false);
  });

  it('refuses before sending when the estimate is above --max-cost', async () => {
    const r = await cli(['plan', '--vault', v.dir, '--workstream', 'W2', '--yes', '--max-cost', '0.0001'], { env: env() });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/above the cap/);
    expect(server.messageRequests()).toHaveLength(0);
  });

  it('survives a section that fails mid-stream once: retried from its start, no duplicate text', async () => {
    let failed = false;
    server.setScript(
      plannerResponder({
        outline,
        mesoTarget: 'meso-level-plan',
        override: (req, kind) => {
          if (kind === 'section' && !failed && JSON.stringify(req.body).includes('### 4.1 Database Schemas')) {
            failed = true;
            return { text: '### 4.1 Database Schemas\n\nPARTIAL-TEXT-THAT-MUST-GO and more', fault: { kind: 'reset-mid-stream', afterDeltas: 2 }, chunkChars: 12 };
          }
          return null;
        },
      }),
    );
    const r = await cli(['plan', '--vault', v.dir, '--workstream', 'W2', '--yes', '--concurrency', '1'], { env: env(), retryDelaysMs: [1] });
    expect(r.code).toBe(0);
    const text = read(PLAN);
    expect(text).not.toContain('PARTIAL-TEXT');
    expect(text.match(/^### 4\.1 Database Schemas$/gm)).toHaveLength(1);
  });

  it('stops cleanly when the API keeps failing, keeps complete sections, and --resume finishes byte for byte', async () => {
    let broken = true;
    server.setScript(
      plannerResponder({
        outline,
        mesoTarget: 'meso-level-plan',
        override: (req, kind) => (kind === 'section' && broken && JSON.stringify(req.body).includes('## 5. Configuration') ? { text: 'x y z', fault: { kind: 'error-event', afterDeltas: 1 } } : null),
      }),
    );
    const r = await cli(['plan', '--vault', v.dir, '--workstream', 'W2', '--yes', '--concurrency', '1'], { env: env(), retryDelaysMs: [1] });
    expect(r.code).toBe(3);
    expect(r.err).toMatch(/--resume/);
    expect(r.err).not.toContain(KEY);
    const interrupted = read(PLAN);
    expect(matter(interrupted, {}).data['status']).toBe('interrupted');
    expect(interrupted).toContain('Planning was interrupted');
    expect(interrupted).toContain('## 4. Data Models and Persistence');
    expect(interrupted).not.toContain('## 5. Configuration');

    // A dry run of the resume sends nothing and leaves the note as it is.
    const dry = await cli(['plan', '--vault', v.dir, '--workstream', 'W2', '--resume', '--dry-run'], { env: env() });
    expect(dry.code).toBe(0);
    expect(read(PLAN)).toBe(interrupted);

    broken = false;
    server.reset();
    server.setScript(plannerResponder({ outline, mesoTarget: 'meso-level-plan' }));
    const again = await cli(['plan', '--vault', v.dir, '--workstream', 'W2', '--yes', '--resume'], { env: env() });
    expect(again.code).toBe(0);
    const done = read(PLAN);
    // The sections written before the stop are unchanged, byte for byte.
    const kept = interrupted.slice(interrupted.indexOf('## Executive Summary'), interrupted.indexOf('## 4. Data Models'));
    expect(done).toContain(kept);
    expect(matter(done, {}).data['status']).toBe('ready_for_decomposition');
    expect(done).not.toContain('Planning was interrupted');
    // Only the missing sections were asked for.
    const asked = server.messageRequests().map((q) => JSON.stringify(q.body));
    expect(asked.some((b) => b.includes('Write the section that goes under the heading `## 1. Context'))).toBe(false);
    expect(asked.some((b) => b.includes('## 5. Configuration'))).toBe(true);
  });

  it('a section holding its own `---` rules resumes without doubling what follows it', async () => {
    // The model writes horizontal rules too: only the planner's rule before a section counts as one of its units.
    const normal = plannerResponder({ outline, mesoTarget: 'meso-level-plan' });
    let broken = true;
    server.setScript((req) => {
      const body = JSON.stringify(req.body);
      if (broken && body.includes('under the heading `## 5. Configuration')) return { text: 'x y z', fault: { kind: 'error-event', afterDeltas: 1 } };
      const script = normal(req) as { text: string };
      return body.includes('under the heading `## Executive Summary') ? { ...script, text: `${script.text}\n---\n\nA closing remark after a rule.\n` } : script;
    });
    const r = await cli(['plan', '--vault', v.dir, '--workstream', 'W2', '--yes', '--concurrency', '1'], { env: env(), retryDelaysMs: [1] });
    expect(r.code).toBe(3);
    broken = false;
    const again = await cli(['plan', '--vault', v.dir, '--workstream', 'W2', '--yes', '--resume'], { env: env() });
    expect(again.code).toBe(0);
    const done = read(PLAN);
    for (const h of TOP_LEVEL) expect(done.split('\n').filter((l) => l.startsWith(h))).toHaveLength(1);
    expect(done.match(/A closing remark after a rule\./g)).toHaveLength(1);
  });

  it('Ctrl-C stops every call, leaves an interrupted note and exits 130', async () => {
    server.setScript(plannerResponder({ outline, mesoTarget: 'meso-level-plan', script: { tokensPerSecond: 200, chunkChars: 8 } }));
    // Ctrl-C the moment the first section is done: the other calls are still streaming then.
    const r = await cli(['plan', '--vault', v.dir, '--workstream', 'W2', '--yes'], { env: env(), interruptOn: / · done: / });
    expect(r.code).toBe(130);
    expect(matter(read(PLAN), {}).data['status']).toBe('interrupted');
    expect(r.err).toMatch(/ · done: /);
  });

  it('writes an escalation note when Claude escalates, and no plan', async () => {
    const escalating: Outline = { ...outline, escalation: { blocker: 'The storage decision is missing.', mesoSection: 'W2: Inspection API', evidence: ['No storage named.'], questions: ['Which store?'], recommendation: 'Decide the store.' } };
    server.setScript(plannerResponder({ outline: escalating, mesoTarget: 'meso-level-plan' }));
    const r = await cli(['plan', '--vault', v.dir, '--workstream', 'W2', '--yes'], { env: env() });
    expect(r.code).toBe(1);
    expect(existsSync(path.join(v.dir, PLAN))).toBe(false);
    expect(read('Planning/W2-escalation.md')).toContain('The storage decision is missing.');
  });

  it('needs a key for the anthropic provider', async () => {
    const r = await cli(['plan', '--vault', v.dir, '--workstream', 'W2', '--provider', 'anthropic'], { env: {} });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/ANTHROPIC_API_KEY/);
  });
});
