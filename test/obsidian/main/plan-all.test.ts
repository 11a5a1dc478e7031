/**
 * "Plan all workstreams" in the plugin, against the local Anthropic server: the command and its
 * confirmation, the progress by workstream the panel reads, Obsidian closed while a batch is in
 * flight and "Resume planning" in the next session, and Cancel.
 */
import type { PluginManifest } from 'obsidian';
import { ObsidianVault } from '../../../src/obsidian/ObsidianVault';
import { plannerOutlines } from '../../support/planner-outlines';
import WorkstreamPlannerPlugin from '../../../src/main';
import { startAnthropicServer, type AnthropicServer } from '../../support/anthropic-server';
import { projectResponder } from '../../support/anthropic-server/planner-responder';
import { KEY, PLUGIN_ID, click, loadPlugin, modalTitled, notices, runCommand, statusOf, waitFor, type Loaded } from './harness';

const IDS = ['W1', 'W2', 'W3'];
const planOf = (id: string): string => `Planning/${id}-micro-level-plan.md`;

describe('"Plan all workstreams" in the plugin', () => {
  let server: AnthropicServer;
  beforeAll(async () => {
    server = await startAnthropicServer();
  });
  afterAll(async () => server.close());
  beforeEach(() => server.reset());

  const created = (): number => server.requests.filter((r) => r.method === 'POST' && r.route === '/v1/messages/batches').length;

  async function start(data: Record<string, unknown> = {}): Promise<Loaded> {
    const l = await loadPlugin({ data: { baseURL: server.url, ...data } });
    server.setScript(projectResponder({ outlines: await plannerOutlines(new ObsidianVault(l.app), IDS), mesoTarget: 'meso-level-plan' }));
    l.plugin.runner.batchPollMs = 5;
    return l;
  }

  /** The plugin loaded again in the same app and vault (Obsidian opened again after it was closed). */
  async function nextSession(l: Loaded): Promise<Loaded> {
    const again = new WorkstreamPlannerPlugin(l.app, { id: PLUGIN_ID, name: 'Workstream Planner', version: '0.0.0', minAppVersion: '1.11.4', author: 'test', description: 'Test.' } as PluginManifest);
    await l.double.enablePlugin(again as never);
    again.runner.batchPollMs = 5;
    await l.double.metadataCache.settle();
    return { ...l, plugin: again as Loaded['plugin'] };
  }

  it('confirms the workstreams at batch prices, plans them in dependency order through batches, and reports progress by workstream', async () => {
    const l = await start();
    const seen = new Map<string, string[]>();
    l.plugin.runner.allProgress.onChange(() => {
      for (const [id, p] of l.plugin.runner.allProgress.get().rows) {
        const list = seen.get(id) ?? [];
        if (list[list.length - 1] !== p.status) list.push(p.status);
        seen.set(id, list);
      }
    });
    expect(runCommand(l, 'plan-all-workstreams')).toBe(true);
    const confirm = await modalTitled('Plan all workstreams?');
    const body = confirm.contentEl.textContent ?? '';
    expect(body).toMatch(/will plan 3 workstreams in dependency order, through the Message Batches API, at half price/);
    for (const id of IDS) expect(body).toContain(`${id}: `);
    expect(body).toMatch(/Estimate: \d+ calls, about \$\d+\.\d\d/);
    await click(confirm, 'Send');
    await waitFor(() => l.plugin.runner.planningAll, 'the run');
    await l.plugin.runner.allSettled();

    for (const id of IDS) {
      expect(statusOf(l.double.vault.peek(planOf(id)))).toBe('ready_for_decomposition');
      expect(seen.get(id)).toEqual(['queued', 'in-batch', 'writing', 'done']);
    }
    expect(server.messageRequests()).toHaveLength(0);
    expect(server.batchRequests().length).toBeGreaterThan(30);
    const done = notices().find((n) => n.startsWith('Planned all workstreams'));
    expect(done).toMatch(/^Planned all workstreams: W1 done, W2 done, W3 done\. It cost \$\d+\.\d\d \((\d+) of \1 requests at batch prices\)\.$/);
    expect(notices().join('\n')).not.toContain(KEY);
    expect(l.plugin.runner.allProgress.get().running).toBe(false);
    l.plugin.unload();
    expect(l.plugin.leftovers()).toEqual([]);
  });

  it('Obsidian closed while a batch is in flight: "Resume planning" next time collects it and sends no batch twice', async () => {
    const l = await start({ confirmBeforeSending: false });
    server.paceBatches({ holdFrom: 3 });
    expect(runCommand(l, 'resume-planning')).toBe(false);
    expect(runCommand(l, 'plan-all-workstreams')).toBe(true);
    await waitFor(() => l.plugin.runner.allProgress.get().rows.get('W1')?.detail === 'msgbatch_mock_0003', 'W1 in its third batch');
    // Closing Obsidian unloads the plugin: the wait stops, the batch keeps running.
    l.plugin.unload();
    await l.plugin.runner.allSettled();
    expect(created()).toBe(3);
    expect(statusOf(l.double.vault.peek(planOf('W1')))).toBe('in_progress');
    expect(l.double.vault.peek(planOf('W1'))).toContain('msgbatch_mock_0003');
    const sentBefore = server.batchRequests().map((b) => `${b.batchId}/${b.customId}`);

    // The next session.
    server.paceBatches({ holdFrom: undefined });
    const next = await nextSession(l);
    const again = next.plugin;
    expect(runCommand(next, 'resume-planning')).toBe(true);
    await waitFor(() => again.runner.planningAll, 'the resumed run');
    await again.runner.allSettled();
    for (const id of IDS) expect(statusOf(l.double.vault.peek(planOf(id)))).toBe('ready_for_decomposition');
    // Exactly the nine batches of one uninterrupted run; what was sent before, sent once.
    expect(created()).toBe(9);
    expect(server.batchRequests().map((b) => `${b.batchId}/${b.customId}`).slice(0, sentBefore.length)).toEqual(sentBefore);
    expect(new Set(server.batchRequests().map((b) => b.customId)).size).toBe(server.batchRequests().length);
    await l.double.metadataCache.settle();
    expect(runCommand(next, 'resume-planning')).toBe(false);
    again.unload();
  });

  it('Cancel cancels the batch in flight and marks the note interrupted; "Resume planning" sends the rest', async () => {
    const l = await start({ confirmBeforeSending: false });
    server.paceBatches({ holdFrom: 3 });
    expect(runCommand(l, 'plan-all-workstreams')).toBe(true);
    await waitFor(() => l.plugin.runner.allProgress.get().rows.get('W1')?.detail === 'msgbatch_mock_0003', 'W1 in its third batch');
    expect(runCommand(l, 'cancel-planning')).toBe(true);
    await waitFor(() => notices().find((n) => n.startsWith('Cancelled')), 'the cancel');
    expect(notices().find((n) => n.startsWith('Cancelled'))).toBe('Cancelled 1 batch; Planning/W1-micro-level-plan.md marked interrupted. "Resume planning" collects what the batches finished and sends the rest again.');
    expect(l.plugin.runner.planningAll).toBe(false);
    expect(statusOf(l.double.vault.peek(planOf('W1')))).toBe('interrupted');
    const probe = await fetch(`${server.url}/v1/messages/batches/msgbatch_mock_0003`, { headers: { 'x-api-key': KEY, 'anthropic-version': '2026-10-21' } });
    expect(((await probe.json()) as { processing_status: string }).processing_status).not.toBe('in_progress');

    server.paceBatches({ holdFrom: undefined });
    await l.double.metadataCache.settle();
    expect(runCommand(l, 'resume-planning')).toBe(true);
    await waitFor(() => l.plugin.runner.planningAll, 'the resumed run');
    await l.plugin.runner.allSettled();
    for (const id of IDS) expect(statusOf(l.double.vault.peek(planOf(id)))).toBe('ready_for_decomposition');
    l.plugin.unload();
  });

  it('a batch the API no longer knows: "Resume planning" says to cancel first; "Cancel planning" forgets it; "Resume planning" then plans every workstream', async () => {
    const l = await start({ confirmBeforeSending: false });
    server.paceBatches({ holdFrom: 1 });
    expect(runCommand(l, 'plan-all-workstreams')).toBe(true);
    await waitFor(() => l.plugin.runner.allProgress.get().rows.get('W1')?.detail === 'msgbatch_mock_0001', 'W1 in its outline batch');
    // Obsidian closed while the batch runs; then the API forgets it (as with another workspace's key).
    l.plugin.unload();
    await l.plugin.runner.allSettled();
    server.reset();
    server.setScript(projectResponder({ outlines: await plannerOutlines(new ObsidianVault(l.app), IDS), mesoTarget: 'meso-level-plan' }));

    const next = await nextSession(l);
    const again = next.plugin;
    expect(runCommand(next, 'resume-planning')).toBe(true);
    await waitFor(() => notices().find((n) => n.startsWith('The API does not know the batch msgbatch_mock_0001')), 'the failed resume');
    expect(notices().find((n) => n.startsWith('The API does not know the batch msgbatch_mock_0001'))).toMatch(/Use "Cancel planning" first \(it forgets that batch\), then "Resume planning" sends its requests again\.$/);
    await again.runner.allSettled();
    expect(server.batchRequests()).toEqual([]);

    expect(runCommand(next, 'cancel-planning')).toBe(true);
    await waitFor(() => notices().find((n) => n.startsWith('Cancelled 0 batches')), 'the cancel');
    expect(notices().find((n) => n.startsWith('Cancelled 0 batches'))).toBe(
      'Cancelled 0 batches; Planning/W1-micro-level-plan.md marked interrupted. "Resume planning" collects what the batches finished and sends the rest again. The API does not know the batch msgbatch_mock_0001 (sent with another workspace\'s API key, or deleted), so it was forgotten: "Resume planning" sends its requests again.',
    );
    await l.double.metadataCache.settle();
    expect(runCommand(next, 'resume-planning')).toBe(true);
    await waitFor(() => again.runner.planningAll, 'the resumed run');
    await again.runner.allSettled();
    for (const id of IDS) expect(statusOf(l.double.vault.peek(planOf(id)))).toBe('ready_for_decomposition');
    expect(server.batchRequests().filter((b) => b.customId === 'W1-o')).toHaveLength(1);
    again.unload();
  });

  it('one workstream cannot be planned on its own while "Plan all workstreams" plans it, nor all while one is planned', async () => {
    const l = await start({ confirmBeforeSending: false });
    server.paceBatches({ holdFrom: 1 });
    expect(runCommand(l, 'plan-all-workstreams')).toBe(true);
    await waitFor(() => l.plugin.runner.allProgress.get().rows.get('W1')?.status === 'in-batch', 'W1 in its batch');
    await l.plugin.runner.planById('W2');
    expect(notices()).toContain('W2 is being planned by "Plan all workstreams".');
    expect(l.plugin.runner.active).toHaveLength(0);
    expect(server.messageRequests()).toHaveLength(0);
    l.plugin.runner.cancel();
    await l.plugin.runner.allSettled();
    l.plugin.unload();
  });

  it('pressed twice in a row, it plans once', async () => {
    const l = await start({ confirmBeforeSending: false });
    expect(runCommand(l, 'plan-all-workstreams')).toBe(true);
    expect(runCommand(l, 'plan-all-workstreams')).toBe(true);
    await waitFor(() => l.plugin.runner.planningAll, 'the run');
    await l.plugin.runner.allSettled();
    expect(notices()).toContain('All workstreams are already being planned: see the readiness panel.');
    // One run's batches (as the resume test counts them), not two runs writing the same notes.
    expect(created()).toBe(9);
    for (const id of IDS) expect(statusOf(l.double.vault.peek(planOf(id)))).toBe('ready_for_decomposition');
    l.plugin.unload();
  });

  it('without an API key it says where to set one and sends nothing', async () => {
    const l = await loadPlugin({ key: false, data: { baseURL: server.url } });
    expect(runCommand(l, 'plan-all-workstreams')).toBe(true);
    await waitFor(() => notices().find((n) => n.startsWith('No API key')), 'the notice');
    expect(server.requests).toHaveLength(0);
    l.plugin.unload();
  });
});
