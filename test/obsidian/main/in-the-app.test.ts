/**
 * The plugin where the app differs from a simple editor: a background tab that is still deferred, a
 * note open in Reading view, a phone without a status bar, and the escalation re-check as a command.
 */
import type { Transaction } from '@codemirror/state';
import { MarkdownView, Notice, Platform, type LiteElement, type WorkspaceLeaf } from '../../__mocks__/obsidian';
import { startAnthropicServer, type AnthropicServer } from '../../support/anthropic-server';
import { plannerResponder } from '../../support/anthropic-server/planner-responder';
import { STREAM_USER_EVENT } from '../../../src/obsidian/planning/editor-sink';
import { MESO, PLAN, click, loadPlugin, modalTitled, notices, outlineFor, runCommand, statusOf, waitFor, type Loaded } from './harness';

/** Plans W2 once and closes every tab, so a test starts from an existing plan and no open note. */
async function planned(server: AnthropicServer, script = {}): Promise<Loaded> {
  const l = await loadPlugin({ data: { baseURL: server.url, confirmBeforeSending: false, concurrency: 1 } });
  server.setScript(plannerResponder({ outline: await outlineFor(l), mesoTarget: 'meso-level-plan' }));
  await l.plugin.runner.planById('W2');
  await l.plugin.runner.settled();
  expect(statusOf(l.double.vault.peek(PLAN))).toBe('ready_for_decomposition');
  for (const leaf of [...l.double.workspace.leaves]) leaf.detach();
  server.setScript(plannerResponder({ outline: await outlineFor(l), mesoTarget: 'meso-level-plan', script }));
  await l.double.metadataCache.settle();
  return l;
}

async function replan(l: Loaded): Promise<void> {
  const started = l.plugin.runner.planById('W2');
  await click(await modalTitled('W2 already has a plan'), 'Re-plan');
  await started;
  await l.plugin.runner.settled();
}

function planLeaves(l: Loaded): WorkspaceLeaf[] {
  return l.double.workspace.getLeavesOfType('markdown').filter((leaf) => leaf.getViewState().state?.['file'] === PLAN);
}

describe('the plugin in the app', () => {
  let server: AnthropicServer;
  beforeAll(async () => {
    server = await startAnthropicServer();
  });
  afterAll(async () => server.close());
  beforeEach(() => server.reset());

  it('re-planning a note whose tab is a deferred background tab opens no second tab, and the tab shows the new plan once shown', async () => {
    const l = await planned(server);
    const leaf = l.double.workspace.getLeaf('tab');
    await leaf.defer(l.double.vault.getFileByPath(PLAN)!);
    await replan(l);
    expect(planLeaves(l)).toEqual([leaf]);
    expect(leaf.isDeferred).toBe(true);
    await l.double.workspace.revealLeaf(leaf);
    expect((leaf.view as MarkdownView).editor.getValue()).toBe(l.double.vault.peek(PLAN));
    expect(statusOf(l.double.vault.peek(PLAN))).toBe('ready_for_decomposition');
    l.plugin.unload();
  });

  it('does not stream into the hidden editor of a note open in Reading view; the view follows the file', async () => {
    const l = await planned(server);
    const leaf = l.double.workspace.getLeaf('tab');
    await leaf.openFile(l.double.vault.getFileByPath(PLAN)!);
    const view = leaf.view as MarkdownView;
    await view.setMode('preview');
    const txs: Transaction[] = [];
    const cm = view.editor.cm as unknown as { dispatch: (...a: unknown[]) => void; state: { update: (...a: unknown[]) => Transaction } };
    const dispatch = cm.dispatch.bind(cm);
    cm.dispatch = (...specs: unknown[]) => {
      const tr = specs.length === 1 && (specs[0] as Transaction).startState ? (specs[0] as Transaction) : cm.state.update(...specs);
      txs.push(tr);
      dispatch(tr);
    };
    await replan(l);
    expect(txs.filter((t) => t.isUserEvent(STREAM_USER_EVENT))).toEqual([]);
    expect(planLeaves(l)).toEqual([leaf]);
    expect(view.editor.getValue()).toBe(l.double.vault.peek(PLAN));
    expect(statusOf(view.editor.getValue())).toBe('ready_for_decomposition');
    l.plugin.unload();
  });

  describe('on a phone (no status bar)', () => {
    beforeEach(() => {
      Platform.isMobile = true;
      Platform.isDesktop = false;
    });
    afterEach(() => {
      Platform.isMobile = false;
      Platform.isDesktop = true;
    });

    it('shows a notice with "Cancel planning" while a plan is written; tapping it stops the run, and the notice goes', async () => {
      const l = await planned(server, { chunkChars: 20, tokensPerSecond: 400 });
      const started = l.plugin.runner.planById('W2');
      await click(await modalTitled('W2 already has a plan'), 'Re-plan');
      await waitFor(() => statusOf(l.double.vault.peek(PLAN)) === 'in_progress', 'the new plan being written');
      const mine = Notice.shown.filter((n) => n.message.startsWith('Planning W2…'));
      expect(mine.filter((n) => !n.hidden)).toHaveLength(1); // the first run's went when it ended
      const notice = mine[mine.length - 1];
      expect(notice).toBeDefined();
      expect(notice!.hidden).toBe(false);
      const button = (notice!.el as unknown as LiteElement).find('wp-cancel-notice__button');
      expect(button?.textContent).toBe('Cancel planning');
      button!.click();
      await started;
      await l.plugin.runner.settled();
      expect(statusOf(l.double.vault.peek(PLAN))).toBe('interrupted');
      expect(notice!.hidden).toBe(true);
      l.plugin.unload();
    });
  });

  it('"Re-check escalation" runs the re-check on the escalation note in the active tab and says what it found', async () => {
    const l = await loadPlugin({ data: { baseURL: server.url, confirmBeforeSending: false } });
    const meso = l.app.vault.getFileByPath(MESO)!;
    await l.app.vault.process(meso, (t) => t.replace(/(## W2: Inspection API\n)/, '$1\nPhoto retention is TBD.\n'));
    await l.double.metadataCache.settle();
    expect(runCommand(l, 'recheck-escalation')).toBe(false); // no escalation note open
    await l.plugin.runner.planById('W2');
    await l.plugin.runner.settled();
    await l.double.metadataCache.settle();
    expect(l.double.workspace.getActiveFile()?.path).toBe('Planning/W2-escalation.md');
    expect(runCommand(l, 'recheck-escalation')).toBe(true);
    await waitFor(() => notices().find((n) => n === 'W2 is still blocked by one request.'), 'the blocked notice');
    await l.app.vault.process(meso, (t) => t.replace('Photo retention is TBD.\n', ''));
    await l.double.metadataCache.settle();
    expect(runCommand(l, 'recheck-escalation')).toBe(true);
    await waitFor(() => notices().find((n) => n.startsWith('Nothing blocks W2 any more')), 'the clear notice');
    l.plugin.unload();
  });
});
