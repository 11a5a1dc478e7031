/**
 * A `plan --all` run stopped while a batch is in flight (Ctrl-C at several points, and a killed
 * process) is taken up by `--resume` without sending any batch again; `--cancel` cancels the batch.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import esbuild from 'esbuild';
import matter from 'gray-matter';
import { copyExampleVault } from '../support/example-vault';
import { cli } from '../support/run-cli';
import { startAnthropicServer, type AnthropicServer } from '../support/anthropic-server';
import { projectResponder } from '../support/anthropic-server/planner-responder';
import { FsVault } from '../../src/cli/fs-vault';
import { plannerOutlines } from '../support/planner-outlines';

const KEY = 'sk-ant-test-resume';
const IDS = ['W1', 'W2', 'W3'];
const plan = (id: string): string => `Planning/${id}-micro-level-plan.md`;
/** Batches of an uninterrupted run of the example vault: outlines, the primer (first sections), the other sections, for each of the three levels. */
const FULL_RUN_BATCHES = 9;

describe('plan --all, stopped and resumed', () => {
  let server: AnthropicServer;
  let v: { dir: string; cleanup(): void };
  const read = (rel: string): string => readFileSync(path.join(v.dir, rel), 'utf8');
  const env = (): Record<string, string> => ({ ANTHROPIC_API_KEY: KEY, ANTHROPIC_BASE_URL: server.url });
  const created = (): string[] => server.requests.filter((r) => r.method === 'POST' && r.route === '/v1/messages/batches').map((r) => String(r.index));
  const sentCustomIds = (): string[] => server.batchRequests().map((b) => `${b.batchId}/${b.customId}`);

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

  // Ctrl-C right after a batch of the run is sent: each kind of batch, on each level.
  it.each([
    [1, /Sent batch .*outlines of W1/, 'W1'],
    [2, /Sent batch .*first sections of W1/, 'W1'],
    [3, /Sent batch [^:]*: sections of W1/, 'W1'],
    [4, /Sent batch .*outlines of W2/, 'W2'],
    [6, /Sent batch [^:]*: sections of W2/, 'W2'],
    [8, /Sent batch .*first sections of W3/, 'W3'],
    [9, /Sent batch [^:]*: sections of W3/, 'W3'],
  ])('Ctrl-C while batch %i is in flight: resume waits for it, sends no batch twice, and finishes every plan', async (batch, when, inFlight) => {
    server.paceBatches({ holdFrom: batch });
    const first = await cli(['plan', '--vault', v.dir, '--all', '--yes'], { env: env(), interruptOn: when });
    expect(first.code).toBe(130);
    expect(first.err).toMatch(/plan --all --resume/);
    expect(created()).toHaveLength(batch);
    // The note of the workstream in flight holds the batch id, and says what is going on.
    const fm = matter(read(plan(inFlight)), {}).data as { status: string; planner: { batch: { batches: Array<{ id: string }> } } };
    expect(fm.status).toBe('in_progress');
    expect(fm.planner.batch.batches.map((b) => b.id)).toContain(`msgbatch_mock_${String(batch).padStart(4, '0')}`);
    expect(read(plan(inFlight))).toContain('Being planned in a batch');

    // Without --resume nothing is sent: the run in flight is named.
    const refused = await cli(['plan', '--vault', v.dir, '--all', '--yes'], { env: env() });
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(new RegExp(`${inFlight} is still being planned in (a batch|batches) \\([^)]*msgbatch_mock_${String(batch).padStart(4, '0')}\\).*--resume.*--cancel`));
    expect(created()).toHaveLength(batch);

    const before = sentCustomIds();
    server.paceBatches({ holdFrom: undefined });
    const resumed = await cli(['plan', '--vault', v.dir, '--all', '--resume', '--yes'], { env: env() });
    expect(resumed.code).toBe(0);
    expect(resumed.err).toMatch(new RegExp(`Waiting again for batch msgbatch_mock_${String(batch).padStart(4, '0')}`));
    // Exactly the batches of one uninterrupted run, and every request sent once.
    expect(created()).toHaveLength(FULL_RUN_BATCHES);
    const all = sentCustomIds();
    expect(all.slice(0, before.length)).toEqual(before);
    expect(new Set(server.batchRequests().map((b) => b.customId)).size).toBe(server.batchRequests().length);
    for (const id of IDS) {
      const note = matter(read(plan(id)), {}).data as { status: string; planner: { batch: { batches: Array<{ kind: string }> } } };
      expect(note.status).toBe('ready_for_decomposition');
      expect(note.planner.batch.batches.map((b) => b.kind)).toEqual(['outline', 'sections', 'sections']);
      expect(read(plan(id))).not.toContain('Being planned in a batch');
    }
  });

  it('a killed process (SIGKILL, no clean-up at all) is taken up the same way', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'wp-cli-build-'));
    try {
      const bundle = path.join(out, 'cli.cjs');
      await esbuild.build({ entryPoints: [path.join(__dirname, '../../src/cli/index.ts')], bundle: true, outfile: bundle, format: 'cjs', platform: 'node', target: 'node20', loader: { '.md': 'text' }, logLevel: 'warning' });
      server.paceBatches({ holdFrom: 2 });
      const child = spawn(process.execPath, [bundle, 'plan', '--vault', v.dir, '--all', '--yes'], { env: { ...process.env, ...env() }, stdio: ['ignore', 'pipe', 'pipe'] });
      let err = '';
      const killed = new Promise<void>((resolve) => {
        child.stderr.on('data', (d: Buffer) => {
          err += d.toString();
          if (/Sent batch .*sections of W1/.test(err)) child.kill('SIGKILL');
        });
        child.on('exit', () => resolve());
      });
      await killed;
      expect(err).toMatch(/Sent batch .*sections of W1/);
      expect(created()).toHaveLength(2);
      server.paceBatches({ holdFrom: undefined });
      const resumed = await cli(['plan', '--vault', v.dir, '--all', '--resume', '--yes'], { env: env() });
      expect(resumed.code).toBe(0);
      expect(created()).toHaveLength(FULL_RUN_BATCHES);
      for (const id of IDS) expect((matter(read(plan(id)), {}).data as { status: string }).status).toBe('ready_for_decomposition');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 60_000);

  it('a process killed right after its batches ended, as the plan replaces the stand-in note, is taken up without sending anything again', async () => {
    const out = mkdtempSync(path.join(tmpdir(), 'wp-cli-build-'));
    try {
      const bundle = path.join(out, 'cli.cjs');
      await esbuild.build({ entryPoints: [path.join(__dirname, '../../src/cli/index.ts')], bundle: true, outfile: bundle, format: 'cjs', platform: 'node', target: 'node20', loader: { '.md': 'text' }, logLevel: 'warning' });
      // The kill switch SIGKILLs the process right after the first whole-note rewrite of W1's plan
      // that is no longer the stand-in: the moment the batch results start to be written.
      const note = path.join(v.dir, plan('W1'));
      const kill = JSON.stringify({ note, at: 'after-rename', when: '(?<![\\s\\S])(?![\\s\\S]*Being planned in a batch)' });
      const child = spawn(process.execPath, ['--require', path.join(__dirname, '../support/kill-switch.cjs'), bundle, 'plan', '--vault', v.dir, '--all', '--yes'], {
        env: { ...process.env, ...env(), WP_KILL: kill },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, sig) => resolve(sig)));
      expect(signal).toBe('SIGKILL');
      const sent = created().length;
      expect(read(plan('W1'))).not.toContain('Being planned in a batch');
      const resumed = await cli(['plan', '--vault', v.dir, '--all', '--resume', '--yes'], { env: env() });
      expect(resumed.code).toBe(0);
      // W1's batches were all sent before the kill; none is sent again, and the rest of the run adds only its own.
      expect(created()).toHaveLength(FULL_RUN_BATCHES);
      expect(sent).toBeLessThan(FULL_RUN_BATCHES);
      for (const id of IDS) expect((matter(read(plan(id)), {}).data as { status: string }).status).toBe('ready_for_decomposition');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 60_000);

  it('--cancel cancels the batch in flight and marks the note; --resume keeps what the batch finished and sends only the rest', async () => {
    // W1's sections batch (after the primer): held.
    server.paceBatches({ holdFrom: 3 });
    const first = await cli(['plan', '--vault', v.dir, '--all', '--yes'], { env: env(), interruptOn: /Sent batch [^:]*: sections of W1/ });
    expect(first.code).toBe(130);
    const sections = server.batchRequests().filter((b) => b.batchId === 'msgbatch_mock_0003');
    // The look --cancel takes at the batch before cancelling it processes three of W1's sections.
    server.paceBatches({ holdFrom: undefined, requestsPerPoll: 3 });
    const cancelled = await cli(['plan', '--vault', v.dir, '--all', '--cancel'], { env: env() });
    expect(cancelled.code).toBe(0);
    expect(cancelled.err).toMatch(/Cancelled 1 batch \(msgbatch_mock_0003\); Planning\/W1-micro-level-plan\.md marked interrupted/);
    expect((matter(read(plan('W1')), {}).data as { status: string }).status).toBe('interrupted');
    // The batch ends at its next look: the three processed keep their results, the rest are canceled.
    const probe = await fetch(`${server.url}/v1/messages/batches/msgbatch_mock_0003`, { headers: { 'x-api-key': KEY, 'anthropic-version': '2026-10-21' } });
    expect(((await probe.json()) as { processing_status: string }).processing_status).toBe('ended');
    const after = server.batchRequests().filter((b) => b.batchId === 'msgbatch_mock_0003');
    expect(after.filter((b) => b.result === 'succeeded')).toHaveLength(3);
    expect(after.filter((b) => b.result === 'canceled')).toHaveLength(sections.length - 3);

    server.paceBatches({ requestsPerPoll: undefined });
    const resumed = await cli(['plan', '--vault', v.dir, '--all', '--resume', '--yes'], { env: env() });
    expect(resumed.code).toBe(0);
    // The follow-up batch carries only the cancelled requests.
    const followUp = server.batchRequests().filter((b) => b.batchId === 'msgbatch_mock_0004');
    expect(followUp.map((b) => b.customId).sort()).toEqual(after.filter((b) => b.result === 'canceled').map((b) => b.customId).sort());
    for (const id of IDS) expect((matter(read(plan(id)), {}).data as { status: string }).status).toBe('ready_for_decomposition');
  });

  describe('a batch the API no longer knows', () => {
    /** A run stopped while W1's outline batch runs, then the API forgets every batch (as with another workspace's key). */
    async function stuck(): Promise<void> {
      server.paceBatches({ holdFrom: 1 });
      const first = await cli(['plan', '--vault', v.dir, '--all', '--yes'], { env: env(), interruptOn: /Sent batch .*outlines of W1/ });
      expect(first.code).toBe(130);
      server.reset();
      server.setScript(projectResponder({ outlines: await plannerOutlines(new FsVault(v.dir), IDS), mesoTarget: 'meso-level-plan' }));
    }

    it('--resume fails and says to cancel first; --cancel forgets the batch and says so; --resume then plans every workstream', async () => {
      await stuck();
      const refused = await cli(['plan', '--vault', v.dir, '--all', '--resume', '--yes'], { env: env() });
      expect(refused.code).toBe(3);
      expect(refused.err).toContain('The API does not know the batch msgbatch_mock_0001');
      expect(refused.err).toContain('Run plan --all --cancel first (it forgets that batch), then plan --all --resume sends its requests again.');
      expect(server.batchRequests()).toEqual([]);

      const cancelled = await cli(['plan', '--vault', v.dir, '--all', '--cancel'], { env: env() });
      expect(cancelled.code).toBe(0);
      expect(cancelled.err.trim().split('\n').pop()).toBe(
        "Cancelled 0 batches (none was running); Planning/W1-micro-level-plan.md marked interrupted. plan --all --resume collects what they finished and sends the rest again. The API does not know the batch msgbatch_mock_0001 (sent with another workspace's API key, or deleted), so it was forgotten: plan --all --resume sends its requests again.",
      );
      expect((matter(read(plan('W1')), {}).data as { planner: { batch: { batches: unknown[] } } }).planner.batch.batches).toEqual([]);

      const resumed = await cli(['plan', '--vault', v.dir, '--all', '--resume', '--yes'], { env: env() });
      expect(resumed.code).toBe(0);
      expect(server.batchRequests().filter((b) => b.customId === 'W1-o')).toHaveLength(1);
      for (const id of IDS) expect((matter(read(plan(id)), {}).data as { status: string }).status).toBe('ready_for_decomposition');
    }, 60_000);

    it('--cancel --json lists the forgotten batch', async () => {
      await stuck();
      const cancelled = await cli(['plan', '--vault', v.dir, '--all', '--cancel', '--json'], { env: env() });
      expect(cancelled.code).toBe(0);
      expect(JSON.parse(cancelled.out)).toEqual({ canceled: [], forgotten: ['msgbatch_mock_0001'], notes: [plan('W1')] });
    });
  });
});
