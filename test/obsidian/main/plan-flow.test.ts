import { MarkdownView, Modal, makeEl } from '../../__mocks__/obsidian';
import type { FuzzyMatch } from '../../__mocks__/obsidian-double/ui';
import { startAnthropicServer, type AnthropicServer } from '../../support/anthropic-server';
import { plannerResponder } from '../../support/anthropic-server/planner-responder';
import type { WorkstreamListing } from '../../../src/core/planner/list-workstreams';
import { WorkstreamSuggestModal, formatBytes } from '../../../src/obsidian/planning/modals';
import { KEY, MESO, PLAN, PLUGIN_ID, click, loadPlugin, modalTitled, notices, outlineFor, runCommand, statusOf, waitFor, type Loaded } from './harness';

async function pickW2(l: Loaded): Promise<WorkstreamListing[]> {
  expect(runCommand(l, 'plan-workstream')).toBe(true);
  type Picker = WorkstreamSuggestModal & { query(q: string): Promise<FuzzyMatch<WorkstreamListing>[]>; selectSuggestion(v: FuzzyMatch<WorkstreamListing>, e: MouseEvent): void };
  const picker = await waitFor(() => Modal.openModals.find((m) => (m as unknown) instanceof WorkstreamSuggestModal) as unknown as Picker | undefined, 'the workstream picker');
  const matches = await picker.query('');
  const items = matches.map((m) => m.item);
  const w2 = matches.find((m) => m.item.id === 'W2')!;
  picker.selectSuggestion(w2, {} as MouseEvent);
  return items;
}

describe('"Plan workstream" in the plugin, against the local Anthropic server', () => {
  let server: AnthropicServer;
  beforeAll(async () => {
    server = await startAnthropicServer();
  });
  afterAll(async () => server.close());
  beforeEach(() => server.reset());

  it('lists the workstreams with their status, confirms the exact notes, streams a ready plan and links it back', async () => {
    const l = await loadPlugin({ data: { baseURL: server.url } });
    server.setScript(plannerResponder({ outline: await outlineFor(l), mesoTarget: 'meso-level-plan', script: { chunkChars: 40 } }));
    const statusLines: string[] = [];
    const statusEl = l.plugin.added.statusBarItems[0]!;
    l.plugin.progress.onChange(() => statusLines.push(statusEl.textContent ?? ''));

    const items = await pickW2(l);
    expect(items.map((i) => i.id)).toEqual(expect.arrayContaining(['W1', 'W2']));
    expect(items.every((i) => i.status === 'not_planned')).toBe(true);
    const el = makeEl();
    const picker = new WorkstreamSuggestModal(l.app as never, items, () => undefined);
    picker.renderSuggestion({ item: items.find((i) => i.id === 'W2')! }, el);
    expect(el.textContent).toContain('not planned');
    expect(el.textContent).toMatch(/depends on W1|no dependencies/);

    const confirm = await modalTitled('Send to Claude?');
    const body = confirm.contentEl.textContent ?? '';
    const sentPaths = ['research/project-planning/PRD.md', 'research/project-planning/macro-level-plan.md', MESO, 'research/project-planning/micro-level-plan.md', '04-Agent-Reference-Files/Code-Standards.md', '04-Agent-Reference-Files/Common-Pitfalls-to-Avoid.md'];
    for (const p of sentPaths) {
      expect(body).toContain(p);
      expect(body).toContain(formatBytes(l.double.vault.getFileByPath(p)!.stat.size));
    }
    expect(body).not.toContain('01-Projects/Tidewater.md');
    expect(body).toMatch(/Estimate: \d+ calls/);
    await click(confirm, 'Send');
    await l.plugin.runner.settled();

    const text = l.double.vault.peek(PLAN);
    expect(statusOf(text)).toBe('ready_for_decomposition');
    expect(text).toContain('## Executive Summary');
    // The note was opened in a tab.
    expect(l.double.workspace.leaves.some((leaf) => leaf.view instanceof MarkdownView && leaf.view.file?.path === PLAN)).toBe(true);
    // The readiness panel's progress source saw the whole run.
    const state = l.plugin.progress.get(PLAN)!;
    expect(state.phase).toBe('done');
    expect(state.status).toBe('complete');
    expect(l.plugin.progress.eventCounts.get(PLAN)).toBeGreaterThan(20);
    expect(statusLines.some((s) => /^W2 · section \d+\/\d+ · [\d.]+k? tok · \$\d+\.\d\d$/.test(s))).toBe(true);
    expect(statusEl.textContent).toBe('');
    // The meso plan links back to the new plan.
    expect(l.double.vault.peek(MESO)).toContain('[[Planning/W2-micro-level-plan]]');
    expect(notices().some((n) => /^W2 is planned and ready for decomposition: Planning\/W2-micro-level-plan\.md\. It cost \$\d+\.\d\d\.$/.test(n))).toBe(true);
    // The key never leaves secret storage.
    expect(notices().join('\n')).not.toContain(KEY);
    expect(JSON.stringify(l.double.pluginData.get(PLUGIN_ID) ?? null)).not.toContain(KEY);
    const tab = l.plugin.added.settingTabs[0] as { host: { saveSettings(): Promise<void> } };
    await tab.host.saveSettings();
    expect(JSON.stringify(l.double.pluginData.get(PLUGIN_ID))).not.toContain(KEY);
    expect(JSON.stringify(l.double.pluginData.get(PLUGIN_ID))).toContain(server.url);
    for (const q of server.messageRequests()) expect(JSON.stringify(q.body)).not.toContain(KEY);
    l.plugin.unload();
    expect(l.plugin.leftovers()).toEqual([]);
  });

  it('asks before re-planning an existing plan, and confirmBeforeSending off skips the send dialog', async () => {
    const l = await loadPlugin({ data: { baseURL: server.url, confirmBeforeSending: false } });
    server.setScript(plannerResponder({ outline: await outlineFor(l), mesoTarget: 'meso-level-plan' }));
    await pickW2(l);
    await l.plugin.runner.settled();
    expect(statusOf(l.double.vault.peek(PLAN))).toBe('ready_for_decomposition');

    const items = await pickW2(l);
    expect(items.find((i) => i.id === 'W2')!.status).toBe('ready_for_decomposition');
    const existing = await modalTitled('W2 already has a plan');
    expect(existing.contentEl.textContent).toContain('backup folder');
    await click(existing, 'Re-plan');
    await l.plugin.runner.settled();
    expect(statusOf(l.double.vault.peek(PLAN))).toBe('ready_for_decomposition');
    const backups = [...l.double.vault.hidden.keys()].filter((p) => p.startsWith('Planning/.backup/'));
    expect(backups).toHaveLength(1);
    expect(backups[0]).toMatch(/^Planning\/\.backup\/W2-micro-level-plan\..+\.md$/);
    expect(statusOf(l.double.vault.peek(backups[0]!))).toBe('ready_for_decomposition');
    l.plugin.unload();
  });

  it('writes a clearly labelled offline draft when no key is set', async () => {
    const l = await loadPlugin({ key: false, data: { baseURL: server.url } });
    await pickW2(l);
    const offer = await modalTitled('No API key');
    expect(offer.contentEl.textContent).toMatch(/offline draft of W2: a skeleton .* no text from Claude/);
    await click(offer, 'Write offline draft');
    await waitFor(() => l.double.vault.peek(PLAN), 'the draft');
    await l.plugin.runner.settled();
    expect(statusOf(l.double.vault.peek(PLAN))).toBe('draft');
    expect(server.messageRequests()).toHaveLength(0);
    expect(notices().some((n) => n.startsWith('Offline draft of W2 written to Planning/W2-micro-level-plan.md'))).toBe(true);
    l.plugin.unload();
  });

  it('one run per workstream: planning or resuming W2 while it streams says so and starts nothing', async () => {
    const l = await loadPlugin({ data: { baseURL: server.url, confirmBeforeSending: false, concurrency: 1 } });
    server.setScript(plannerResponder({ outline: await outlineFor(l), mesoTarget: 'meso-level-plan', script: { chunkChars: 20, tokensPerSecond: 400 } }));
    await pickW2(l);
    await waitFor(() => (l.plugin.progress.get(PLAN)?.bytesWritten ?? 0) > 0, 'text in the note');
    const modals = Modal.openModals.length;
    // The panel's "Plan" button (the listing path) and "Resume workstream plan" (straight to the run).
    await l.plugin.runner.planById('W2');
    await l.plugin.runner.resume('W2');
    expect(notices().filter((n) => n === 'W2 is already being planned.')).toHaveLength(2);
    expect(Modal.openModals.length).toBe(modals);
    expect(l.plugin.runner.active.map((r) => r.id)).toEqual(['W2']);
    runCommand(l, 'cancel-planning');
    await l.plugin.runner.settled();
    expect(statusOf(l.double.vault.peek(PLAN))).toBe('interrupted');
    l.plugin.unload();
  });

  it('no key: a second "Plan" of W2 while the offline offer is open opens no second offer and writes one draft', async () => {
    const l = await loadPlugin({ key: false, data: { baseURL: server.url } });
    const first = l.plugin.runner.planById('W2');
    const offer = await modalTitled('No API key');
    await l.plugin.runner.planById('W2');
    expect(Modal.openModals.filter((m) => m.titleEl.textContent === 'No API key')).toEqual([offer]);
    expect(notices()).toContain('W2 is already being planned.');
    await click(offer, 'Write offline draft');
    await first;
    await l.plugin.runner.settled();
    expect(statusOf(l.double.vault.peek(PLAN))).toBe('draft');
    expect(notices().filter((n) => n.startsWith('Offline draft of W2 written'))).toHaveLength(1);
    expect([...l.double.vault.hidden.keys()].filter((p) => p.startsWith('Planning/.backup/'))).toEqual([]);
    l.plugin.unload();
  });

  it('"Cancel planning" mid-stream leaves the note interrupted, and "Resume workstream plan" finishes it', async () => {
    const l = await loadPlugin({ data: { baseURL: server.url, confirmBeforeSending: false, concurrency: 1 } });
    const outline = await outlineFor(l);
    server.setScript(plannerResponder({ outline, mesoTarget: 'meso-level-plan', script: { chunkChars: 20, tokensPerSecond: 400 } }));
    expect(runCommand(l, 'cancel-planning')).toBe(false);
    await pickW2(l);
    await waitFor(() => (l.plugin.progress.get(PLAN)?.bytesWritten ?? 0) > 0, 'text in the note');
    expect(runCommand(l, 'cancel-planning')).toBe(true);
    await l.plugin.runner.settled();
    expect(statusOf(l.double.vault.peek(PLAN))).toBe('interrupted');
    expect(l.plugin.progress.get(PLAN)?.status).toBe('interrupted');
    expect(notices().some((n) => /^Planning W2 stopped at .+\. Use "Resume workstream plan" on Planning\/W2-micro-level-plan\.md to finish it\./.test(n))).toBe(true);

    server.setScript(plannerResponder({ outline, mesoTarget: 'meso-level-plan' }));
    await l.double.metadataCache.settle();
    await l.double.workspace.getLeaf().openFile(l.double.vault.getFileByPath(PLAN)!);
    expect(runCommand(l, 'resume-workstream-plan')).toBe(true);
    await waitFor(() => l.plugin.runner.active.length > 0 || statusOf(l.double.vault.peek(PLAN)) !== 'interrupted', 'the resume');
    await l.plugin.runner.settled();
    expect(statusOf(l.double.vault.peek(PLAN))).toBe('ready_for_decomposition');
    l.plugin.unload();
  });

  it('unloading mid-stream aborts the run cleanly: the note ends interrupted and nothing stays attached', async () => {
    const l = await loadPlugin({ data: { baseURL: server.url, confirmBeforeSending: false, concurrency: 1 } });
    server.setScript(plannerResponder({ outline: await outlineFor(l), mesoTarget: 'meso-level-plan', script: { chunkChars: 20, tokensPerSecond: 400 } }));
    await pickW2(l);
    await waitFor(() => (l.plugin.progress.get(PLAN)?.bytesWritten ?? 0) > 0, 'text in the note');
    l.plugin.unload();
    expect(l.plugin.leftovers()).toEqual([]);
    await l.plugin.runner.settled();
    expect(statusOf(l.double.vault.peek(PLAN))).toBe('interrupted');
  });

  it('deleting the plan note while it is written stops its run', async () => {
    const l = await loadPlugin({ data: { baseURL: server.url, confirmBeforeSending: false, concurrency: 1 } });
    server.setScript(plannerResponder({ outline: await outlineFor(l), mesoTarget: 'meso-level-plan', script: { chunkChars: 20, tokensPerSecond: 400 } }));
    await pickW2(l);
    await waitFor(() => (l.plugin.progress.get(PLAN)?.bytesWritten ?? 0) > 0, 'text in the note');
    await l.double.vault.delete(l.double.vault.getFileByPath(PLAN)!);
    await l.plugin.runner.settled();
    expect(notices()).toContain(`${PLAN} was deleted, so planning W2 stopped.`);
    expect(l.plugin.progress.get(PLAN)?.status).toBe('interrupted');
    l.plugin.unload();
  });

  it('an organisation that blocks browser calls gets a Notice that says what to do, and no key in it', async () => {
    const blocked = await startAnthropicServer({ corsMode: 'block-browser' });
    try {
      const l = await loadPlugin({ data: { baseURL: blocked.url, confirmBeforeSending: false } });
      blocked.setScript(plannerResponder({ outline: await outlineFor(l), mesoTarget: 'meso-level-plan' }));
      await pickW2(l);
      await waitFor(() => l.plugin.runner.active.length > 0 || notices().length > 0, 'the run');
      await l.plugin.runner.settled();
      const shown = notices();
      expect(shown.some((n) => n.includes('Use Obsidian network') && n.includes('command line'))).toBe(true);
      expect(shown.join('\n')).not.toContain(KEY);
      l.plugin.unload();
    } finally {
      await blocked.close();
    }
  });

  it('an escalation opens its note and, with the setting on, shows the blocker in the meso plan under the section at fault', async () => {
    const l = await loadPlugin({ data: { baseURL: server.url, confirmBeforeSending: false, calloutsInMesoPlan: true } });
    const meso = l.app.vault.getFileByPath(MESO)!;
    await l.app.vault.process(meso, (t) => t.replace(/(## W2: Inspection API\n)/, '$1\nPhoto retention is TBD.\n'));
    await l.double.metadataCache.settle();
    await pickW2(l);
    await waitFor(() => l.double.vault.peek('Planning/W2-escalation.md'), 'the escalation note');
    await l.plugin.runner.settled();
    expect(server.messageRequests()).toHaveLength(0);
    const mesoText = l.double.vault.peek(MESO)!;
    const section = mesoText.slice(mesoText.indexOf('## W2: Inspection API'));
    expect(section.indexOf('> [!escalation]')).toBeGreaterThan(0);
    expect(section.indexOf('> [!escalation]')).toBeLessThan(section.indexOf('Photo retention is TBD.'));
    expect(notices().some((n) => n.startsWith('W2 cannot be planned yet'))).toBe(true);
    l.plugin.unload();
  });
});
