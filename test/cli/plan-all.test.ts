import { existsSync, readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import matter from 'gray-matter';
import { copyExampleVault } from '../support/example-vault';
import { tempVault } from '../support/temp-vault';
import { cli } from '../support/run-cli';
import { startAnthropicServer, type AnthropicServer } from '../support/anthropic-server';
import { projectResponder, workstreamOfRequest } from '../support/anthropic-server/planner-responder';
import { lastUserText } from '../support/anthropic-server/scripts';
import { FsVault } from '../../src/cli/fs-vault';
import { plannerOutlines } from '../support/planner-outlines';
import { DEFAULT_SETTINGS } from '../../src/core/contracts/settings';
import { preparePlan } from '../../src/core/planner/prepare-plan';
import { deriveOutline } from '../../src/core/plan/derive-outline';
import type { Outline } from '../../src/core/contracts/outline';

const KEY = 'sk-ant-test-plan-all';
const IDS = ['W1', 'W2', 'W3'];
const plan = (id: string): string => `Planning/${id}-micro-level-plan.md`;

describe('plan --all on the example vault', () => {
  let server: AnthropicServer;
  let v: { dir: string; cleanup(): void };
  const read = (rel: string): string => readFileSync(path.join(v.dir, rel), 'utf8');
  const env = (): Record<string, string> => ({ ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: server.url });

  beforeAll(async () => {
    server = await startAnthropicServer();
  });
  afterAll(async () => server.close());
  beforeEach(async () => {
    server.reset();
    v = copyExampleVault();
    server.setScript(projectResponder({ outlines: await plannerOutlines(new FsVault(v.dir), IDS), mesoTarget: 'meso-level-plan' }));
  });
  afterEach(() => v.cleanup());

  it('plans every workstream in dependency order through batches, each downstream request carrying its upstream plan', async () => {
    const r = await cli(['plan', '--vault', v.dir, '--all', '--yes'], { env: env() });
    expect(r.err).not.toContain(KEY);
    expect(r.code).toBe(0);
    for (const id of IDS) {
      const fm = matter(read(plan(id)), {}).data as Record<string, unknown>;
      expect(fm['status']).toBe('ready_for_decomposition');
      const planner = fm['planner'] as { batch: { batches: Array<{ id: string; kind: string }> }; usage: { calls: number; costUsd: number } };
      // The outlines, the primer (one section, which writes the shared prefix), the other sections.
      expect(planner.batch.batches.map((b) => b.kind)).toEqual(['outline', 'sections', 'sections']);
      expect(planner.usage.calls).toBeGreaterThan(10);
      const [, primer, rest] = planner.batch.batches.map((b) => server.batchRequests().filter((x) => x.batchId === b.id && x.customId.startsWith(`${id}-`)));
      expect(primer!.map((x) => x.customId)).toEqual([`${id}-s0`]);
      const usage = (x: { usage?: Record<string, unknown> }): { w: number; r: number } => ({ w: Number(x.usage!['cache_creation_input_tokens']), r: Number(x.usage!['cache_read_input_tokens']) });
      expect(usage(primer![0]!).w).toBeGreaterThan(0);
      // The other sections, processed together, read the prefix the primer wrote and write none.
      expect(rest!.length).toBeGreaterThan(3);
      for (const x of rest!) expect(usage(x)).toEqual({ w: 0, r: usage(primer![0]!).w + usage(primer![0]!).r });
    }
    // Every generation request went in a batch: none streamed.
    expect(server.messageRequests()).toHaveLength(0);
    const batched = server.batchRequests();
    expect(batched.length).toBeGreaterThan(30);
    // Dependency order: W1's requests were all processed before W2's, W2's before W3's.
    const last = (id: string): number => Math.max(...batched.filter((b) => b.customId.startsWith(`${id}-`)).map((b) => b.processedAt!));
    const first = (id: string): number => Math.min(...batched.filter((b) => b.customId.startsWith(`${id}-`)).map((b) => b.processedAt!));
    expect(last('W1')).toBeLessThan(first('W2'));
    expect(last('W2')).toBeLessThan(first('W3'));
    // W2's and W3's requests carry the plan of their upstream workstream, as it was written.
    const w1Plan = read(plan('W1'));
    const w1Title = w1Plan.split('\n').find((l) => l.startsWith('# Workstream W1'))!;
    for (const b of batched.filter((x) => x.customId.startsWith('W2-'))) expect(JSON.stringify(b.params)).toContain(JSON.stringify(w1Title).slice(1, -1));
    for (const b of batched.filter((x) => x.customId.startsWith('W1-'))) expect(JSON.stringify(b.params)).not.toContain('# Workstream W1');
    expect(r.err).toMatch(/of \d+ requests in batches/);
    expect(r.out.trim().split('\n')).toEqual(IDS.map((id) => path.join(v.dir, plan(id))));
  });

  it('writes the same notes as a streamed run, but for the planner record', async () => {
    const batched = await cli(['plan', '--vault', v.dir, '--all', '--yes'], { env: env() });
    expect(batched.code).toBe(0);
    const fromBatch = IDS.map((id) => read(plan(id)));
    const w = copyExampleVault();
    try {
      const streamed = await cli(['plan', '--vault', w.dir, '--all', '--no-batch', '--yes'], { env: env() });
      expect(streamed.code).toBe(0);
      expect(server.messageRequests().length).toBeGreaterThan(30);
      const body = (t: string): string => matter(t, {}).content;
      const strip = (t: string): Record<string, unknown> => {
        const { planner: _planner, ...rest } = matter(t, {}).data as Record<string, unknown>;
        return rest;
      };
      IDS.forEach((id, i) => {
        const other = readFileSync(path.join(w.dir, plan(id)), 'utf8');
        expect(body(fromBatch[i]!)).toBe(body(other));
        expect(strip(fromBatch[i]!)).toEqual(strip(other));
      });
    } finally {
      w.cleanup();
    }
  });

  it('with nothing left to plan it says so and sends nothing', async () => {
    expect((await cli(['plan', '--vault', v.dir, '--all', '--yes'], { env: env() })).code).toBe(0);
    const n = server.batchRequests().length;
    const again = await cli(['plan', '--vault', v.dir, '--all', '--yes'], { env: env() });
    expect(again.code).toBe(0);
    expect(again.err).toMatch(/nothing to plan/);
    expect(server.batchRequests()).toHaveLength(n);
    expect(readdirSync(path.join(v.dir, 'Planning')).filter((f) => f.endsWith('.md')).sort()).toEqual(IDS.map((id) => `${id}-micro-level-plan.md`));
  });

  it('estimates at batch prices before sending, and reports the cost per workstream and in total', async () => {
    const dry = await cli(['plan', '--vault', v.dir, '--all', '--dry-run', '--json'], { env: env() });
    expect(dry.code).toBe(0);
    const est = (JSON.parse(dry.out) as { estimate: { batch: boolean; workstreams: Array<{ id: string; estimate: { costUsdTypical: number } }>; costUsdTypical: number } }).estimate;
    expect(est.batch).toBe(true);
    expect(est.workstreams.map((w) => w.id)).toEqual(IDS);
    const streamedDry = await cli(['plan', '--vault', v.dir, '--all', '--no-batch', '--dry-run', '--json'], { env: env() });
    const streamedEst = (JSON.parse(streamedDry.out) as { estimate: { costUsdTypical: number } }).estimate;
    // Half price, give or take the 1-hour cache writes a batch uses.
    expect(est.costUsdTypical / streamedEst.costUsdTypical).toBeGreaterThan(0.4);
    expect(est.costUsdTypical / streamedEst.costUsdTypical).toBeLessThan(0.65);
    expect(server.batchRequests()).toHaveLength(0);
    expect(server.messageRequests()).toHaveLength(0);

    const run = await cli(['plan', '--vault', v.dir, '--all', '--yes', '--json'], { env: env() });
    const o = JSON.parse(run.out) as { workstreams: Array<{ id: string; usage: { costUsd: number } }>; total: { costUsd: number }; requests: { batched: number; streamed: number }; estimate: { workstreams: Array<{ estimate: { tokenSource: string } }> } };
    // With a key, every workstream's tokens were counted with the API, not guessed from characters.
    expect(o.estimate.workstreams.map((w) => w.estimate.tokenSource)).toEqual(['count_tokens', 'count_tokens', 'count_tokens']);
    const sum = o.workstreams.reduce((n, w) => n + w.usage.costUsd, 0);
    expect(o.total.costUsd).toBeCloseTo(sum, 10);
    expect(o.requests.streamed).toBe(0);
    expect(o.requests.batched).toBe(server.batchRequests().length);
  });

  it('--replan-stale re-plans the stale plans and what depends on them, keeping the old ones in the backups', async () => {
    expect((await cli(['plan', '--vault', v.dir, '--all', '--yes'], { env: env() })).code).toBe(0);
    const meso = 'research/project-planning/meso-level-plan.md';
    require('node:fs').writeFileSync(path.join(v.dir, meso), read(meso).replace('`sync_state`: one row per inspection', '`sync_state`: exactly one row per inspection'));
    const listed = JSON.parse((await cli(['list', '--vault', v.dir, '--json'])).out) as { workstreams: Array<{ id: string; stale: boolean }> };
    expect(listed.workstreams.map((w) => w.stale)).toEqual([false, true, false]);
    const plain = await cli(['plan', '--vault', v.dir, '--all', '--yes'], { env: env() });
    expect(plain.err).toMatch(/nothing to plan/);

    const r = await cli(['plan', '--vault', v.dir, '--all', '--replan-stale', '--yes', '--json'], { env: env() });
    expect(r.code).toBe(0);
    const o = JSON.parse(r.out) as { workstreams: Array<{ id: string; status: string; backup?: string }> };
    expect(o.workstreams.map((w) => [w.id, w.status])).toEqual([
      ['W1', 'kept'],
      ['W2', 'done'],
      ['W3', 'done'],
    ]);
    expect(readdirSync(path.join(v.dir, 'Planning/.backup')).sort()).toEqual(['W2-micro-level-plan.20261125-093000.md', 'W3-micro-level-plan.20261125-093000.md']);
    const after = JSON.parse((await cli(['list', '--vault', v.dir, '--json'])).out) as { workstreams: Array<{ stale: boolean }> };
    expect(after.workstreams.map((w) => w.stale)).toEqual([false, false, false]);
  });

  it('skips an escalated workstream and everything downstream, with its escalation note', async () => {
    const meso = 'research/project-planning/meso-level-plan.md';
    const text = read(meso).replace('Connection pool size 10 per API pod.', 'Connection pool size: TBD.');
    require('node:fs').writeFileSync(path.join(v.dir, meso), text);
    const r = await cli(['plan', '--vault', v.dir, '--all', '--yes', '--json'], { env: env() });
    expect(r.code).toBe(1);
    const o = JSON.parse(r.out) as { workstreams: Array<{ id: string; status: string; note: string | null; reason?: string }> };
    expect(o.workstreams.map((w) => [w.id, w.status])).toEqual([
      ['W1', 'escalated'],
      ['W2', 'skipped'],
      ['W3', 'skipped'],
    ]);
    expect(o.workstreams[0]!.note).toBe('Planning/W1-escalation.md');
    expect(o.workstreams[1]!.reason).toMatch(/W1 escalated/);
    expect(server.batchRequests()).toHaveLength(0);
  });

  it('on an upstream vault of several planning sets, writes the plans beside the chosen set, each fresh', async () => {
    const u = tempVault('upstream-lettered-epics');
    try {
      const project = '01-Projects/Seedbank/Planning/plan-b';
      const byId: Record<string, Outline> = {};
      for (const id of ['W1', 'W2']) {
        const p = await preparePlan(new FsVault(u.dir), DEFAULT_SETTINGS, { workstream: id, project });
        if (!p.ok || p.value.kind !== 'ready') throw new Error(`plan-b does not plan ${id}`);
        byId[id] = deriveOutline(p.value.scope, p.value.ctx.wbs);
      }
      server.setScript(projectResponder({ outlines: byId, mesoTarget: 'meso-level-plan' }));
      const r = await cli(['plan', '--vault', u.dir, '--project', project, '--all', '--yes', '--json'], { env: env() });
      expect(r.code).toBe(0);
      const o = JSON.parse(r.out) as { workstreams: Array<{ id: string; status: string; note: string }> };
      expect(o.workstreams.map((w) => [w.id, w.status, w.note])).toEqual([
        ['W1', 'done', `${project}/W1-micro-level-plan.md`],
        ['W2', 'done', `${project}/W2-micro-level-plan.md`],
      ]);
      expect(existsSync(path.join(u.dir, 'Planning'))).toBe(false);
      expect(server.batchRequests().length).toBeGreaterThan(10);
      const listed = JSON.parse((await cli(['list', '--vault', u.dir, '--project', project, '--json'])).out) as { workstreams: Array<{ id: string; stale: boolean; status: string }> };
      expect(listed.workstreams.map((w) => [w.id, w.stale, w.status === 'not_planned'])).toEqual([
        ['W1', false, false],
        ['W2', false, false],
      ]);
    } finally {
      u.cleanup();
    }
  });

  it('plans from the request alone: the responder finds the workstream in each request', () => {
    // Guard for the helper the tests rely on.
    const req = { body: { model: 'm', max_tokens: 1, messages: [{ role: 'user', content: 'Plan workstream **W3: Sync Worker**.' }] }, headers: {}, scenario: undefined, attempt: 0, index: 0 };
    expect(workstreamOfRequest(req)).toBe('W3');
    expect(lastUserText(req)).toContain('W3');
  });
});
