/** @jest-environment jsdom */
import '../../support/jsdom-globals';
import '../../support/obsidian-dom';
import { checkPlanNote } from '../../../src/core/planner/check-plan-note';
import { planWorkstream } from '../../../src/core/planner/plan-workstream';
import { DEFAULT_SETTINGS } from '../../../src/core/contracts/settings';
import { READINESS_ITEM_IDS } from '../../../src/core/contracts/readiness';
import { ObsidianVault } from '../../../src/obsidian/ObsidianVault';
import { READINESS_VIEW_TYPE } from '../../../src/obsidian/readiness';
import { buildApp } from '../../support/obsidian-app';
import { exampleTree, MESO, MICRO, UNRELATED, W1_PLAN, w2PlanTexts, W2_PLAN } from './fixture-vault';
import { eventually, makePanel, texts } from './panel-harness';
import type { PlanAllSnapshot } from '../../../src/obsidian/readiness';
import { midRun } from './progress-fixture';

/** Every checker item, whatever the contract currently lists. */
const ALL = READINESS_ITEM_IDS.length;
const W1_INTERRUPTED = '---\ntags: [workstream-plan, micro-level, W1]\nstatus: interrupted\n---\n# Workstream W1 Micro-Level Plan\n';

let plans: { draft: string; complete: string };
beforeAll(async () => {
  plans = await w2PlanTexts();
});

describe('ReadinessView', () => {
  it('has its type, display text and icon, and a constructor that reads nothing', async () => {
    const p = makePanel(exampleTree());
    const read = jest.spyOn(p.app.vault, 'read');
    const view = await p.activate();
    expect(view.getViewType()).toBe('wp-readiness-view');
    expect(view.getDisplayText()).toBe('Workstream readiness');
    expect(view.getIcon()).toBe('list-checks');
    expect(view.contentEl.classList.contains('wp-readiness')).toBe(true);
    expect(read).not.toHaveBeenCalled(); // no note open: nothing to read, even in onOpen
  });

  it('shows a passing plan as ready, every item passing', async () => {
    const p = makePanel(exampleTree({ [W2_PLAN]: plans.complete }));
    await p.open(W2_PLAN);
    const root = (await p.activate()).contentEl;
    expect(texts(root, '.wp-readiness__header')).toEqual(['Ready for decomposition']);
    expect(root.querySelectorAll('.wp-readiness__item')).toHaveLength(ALL);
    expect(root.querySelectorAll('.wp-readiness__item--passing')).toHaveLength(ALL);
    expect(root.querySelectorAll('.wp-readiness__reason')).toHaveLength(0);
  });

  it('shows a failing plan with its count, failing items and their reasons', async () => {
    const p = makePanel(exampleTree({ [W2_PLAN]: plans.draft }));
    await p.open(W2_PLAN);
    const root = (await p.activate()).contentEl;
    const failing = [...root.querySelectorAll('.wp-readiness__item--failing')].map((e) => e.getAttribute('data-wp-item'));
    expect(failing).toEqual(expect.arrayContaining(['interfaces', 'data-models', 'api-contracts', 'error-handling', 'tests', 'env-vars']));
    expect(failing).not.toContain('frontmatter');
    expect(texts(root, '.wp-readiness__header')).toEqual([`${failing.length} items to complete`]);
    const interfaces = root.querySelector('[data-wp-item="interfaces"]')!;
    expect(interfaces.querySelector('.wp-readiness__reason')!.textContent).toMatch(/Section 2\.1\.2 \(Public Interfaces\) has no fenced code block/);
    expect(root.querySelectorAll('.wp-readiness__item--passing')).toHaveLength(ALL - failing.length);
  });

  it('opens the note at the item line when an item is clicked', async () => {
    const p = makePanel(exampleTree({ [W2_PLAN]: plans.draft }));
    await p.open(W2_PLAN);
    const root = (await p.activate()).contentEl;
    (root.querySelector('[data-wp-item="api-contracts"]') as HTMLElement).click();
    const checked = await checkPlanNote(new ObsidianVault(buildApp(exampleTree({ [W2_PLAN]: plans.draft })).app), DEFAULT_SETTINGS, W2_PLAN, {});
    const line = checked.ok ? checked.value.report.items.find((i) => i.id === 'api-contracts')!.line : null;
    expect(p.opened).toEqual([{ path: W2_PLAN, line }]);
    expect(plans.draft.split('\n')[line! - 1]).toMatch(/^##+ 3\.\d* /); // a heading in section 3
    const enter = new KeyboardEvent('keydown', { key: 'Enter' });
    root.querySelector('[data-wp-item="tests"]')!.dispatchEvent(enter);
    expect(p.opened).toHaveLength(2);
    expect(p.opened[1]!.path).toBe(W2_PLAN);
  });

  it('re-checks the plan live from the editor, debounced, before the note is saved', async () => {
    const p = makePanel(exampleTree({ [W2_PLAN]: plans.complete }));
    await p.open(W2_PLAN);
    const view = await p.activate();
    const refresh = jest.spyOn(view, 'refresh');
    const envTable = ['| Variable | Required | Default | Description |', '|---|---|---|---|', '| `BILLING_API_KEY` | Yes | - | Gateway key |'].join('\n');
    expect(plans.complete).toContain(envTable);
    const editor = { getValue: () => plans.complete.replace(envTable, 'The gateway key comes from the environment.') };
    const info = { file: p.double.vault.getFileByPath(W2_PLAN) };
    for (let i = 0; i < 3; i++) p.double.workspace.trigger('editor-change', editor, info);
    expect(refresh).not.toHaveBeenCalled(); // still inside the debounce window
    await eventually(() => expect(texts(view.contentEl, '.wp-readiness__header')).toEqual(['1 item to complete']));
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(view.contentEl.querySelector('[data-wp-item="env-vars"]')!.classList.contains('wp-readiness__item--failing')).toBe(true);
    expect(p.double.vault.peek(W2_PLAN)).toBe(plans.complete); // the file itself was not touched
  });

  it('re-checks when the saved note is re-indexed', async () => {
    const p = makePanel(exampleTree({ [W2_PLAN]: plans.draft }));
    await p.open(W2_PLAN);
    const view = await p.activate();
    expect(texts(view.contentEl, '.wp-readiness__header')[0]).toMatch(/^\d+ items to complete$/);
    await p.double.vault.modify(p.double.vault.getFileByPath(W2_PLAN)!, plans.complete);
    await eventually(() => expect(texts(view.contentEl, '.wp-readiness__header')).toEqual(['Ready for decomposition']));
  });

  it('ignores edits in other notes', async () => {
    const p = makePanel(exampleTree({ [W2_PLAN]: plans.draft }));
    await p.open(W2_PLAN);
    const view = await p.activate();
    const refresh = jest.spyOn(view, 'refresh');
    p.double.workspace.trigger('editor-change', { getValue: () => '' }, { file: p.double.vault.getFileByPath(UNRELATED) });
    await p.double.vault.modify(p.double.vault.getFileByPath(UNRELATED)!, '# Changed\n');
    await p.double.metadataCache.settle();
    // The handlers decide as the events arrive: whatever they scheduled runs now, not after the debounce.
    (view as unknown as { scheduleRefresh: { run(): void } }).scheduleRefresh.run();
    expect(refresh).not.toHaveBeenCalled();
  });

  it('shows generation progress per section, with tokens and cost, and follows its changes', async () => {
    const p = makePanel(exampleTree({ [W2_PLAN]: plans.draft }));
    await p.open(W2_PLAN);
    const root = (await p.activate()).contentEl;
    expect(root.querySelector('.wp-readiness__progress')).toBeNull();
    p.progress.set(W2_PLAN, midRun());
    const box = root.querySelector('.wp-readiness__progress')!;
    expect(box.querySelector('.wp-readiness__progress-summary')!.textContent).toBe('Generating: 0/3 sections · 48,210 tokens · $0.41');
    expect(box.querySelector('.wp-readiness__progress-current')!.textContent).toBe('Now: Section 1 Overview');
    const states = [...box.querySelectorAll('.wp-readiness__unit')].map((e) => [e.getAttribute('data-wp-unit'), e.querySelector('.wp-readiness__unit-state')!.textContent]);
    expect(states).toEqual([
      ['1', 'Writing'],
      ['2.1', 'Writing'],
      ['3', 'Pending'],
    ]);
    expect(box.querySelector('[data-wp-unit="3"]')!.classList.contains('wp-readiness__unit--pending')).toBe(true);
    // A progress update redraws only the progress: the items stay the same elements.
    const item = root.querySelector('[data-wp-item="tests"]');
    p.progress.set(W2_PLAN, midRun());
    expect(root.querySelectorAll('.wp-readiness__progress')).toHaveLength(1);
    expect(root.querySelector('[data-wp-item="tests"]')).toBe(item);
  });

  it('offers "Cancel planning" while the plan is written (phones have no status bar to click), and it stops that note\'s run', async () => {
    const p = makePanel(exampleTree({ [W2_PLAN]: plans.draft }));
    await p.open(W2_PLAN);
    const root = (await p.activate()).contentEl;
    p.progress.set(W2_PLAN, midRun());
    const button = root.querySelector<HTMLButtonElement>('.wp-readiness__progress button.wp-readiness__cancel')!;
    expect(button.textContent).toBe('Cancel planning');
    button.click();
    expect(p.cancelled).toEqual([W2_PLAN]);
    expect(button.disabled).toBe(true);
  });

  it('shows the workstream table for the meso plan, with a Plan button per row', async () => {
    const p = makePanel(exampleTree({ [W2_PLAN]: plans.draft, [W1_PLAN]: W1_INTERRUPTED }));
    await p.open(MESO);
    const root = (await p.activate()).contentEl;
    const table = root.querySelector('table.wp-readiness__table')!;
    expect(texts(table as HTMLElement, 'th')).toEqual(['ID', 'Name', 'Tasks', 'Depends on', 'Status', '']);
    const rows = [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent));
    expect(rows.map((r) => r[0])).toEqual(['W1', 'W2', 'W3']);
    expect(rows[1]).toEqual(['W2', expect.stringMatching(/Inspection API/), '7', 'W1', 'Draft', 'Re-plan']);
    expect(rows[0]!.slice(4)).toEqual(['Interrupted', 'Resume']);
    expect(rows[2]!.slice(2)).toEqual(['6', 'W2', 'Not planned', 'Plan']);
    (table.querySelector('tr[data-wp-workstream="W2"] button') as HTMLButtonElement).click();
    expect(p.planned).toEqual(['W2']);
  });

  it('marks a stale plan, says what changed and offers Re-plan; in the plan and in the table', async () => {
    // W2 planned on the example vault, then the meso section it depends on edited.
    const { app, double } = buildApp(exampleTree());
    const planned = await planWorkstream({ workstream: 'W2' }, { vault: new ObsidianVault(app, 10), settings: DEFAULT_SETTINGS, clock: { now: () => new Date(2026, 0, 5) } });
    expect(planned.ok).toBe(true);
    const planText = await double.vault.read(double.vault.getFileByPath(W2_PLAN)!);
    const meso = exampleTree()[MESO]!;
    const edited = meso.replace('`sync_state`: one row per inspection', '`sync_state`: exactly one row per inspection');
    expect(edited).not.toBe(meso);

    const fresh = makePanel(exampleTree({ [W2_PLAN]: planText }));
    await fresh.open(W2_PLAN);
    expect((await fresh.activate()).contentEl.querySelector('.wp-readiness__stale')).toBeNull();

    const p = makePanel(exampleTree({ [W2_PLAN]: planText, [MESO]: edited }));
    await p.open(W2_PLAN);
    const root = (await p.activate()).contentEl;
    const box = root.querySelector('.wp-readiness__stale') as HTMLElement;
    expect(box).not.toBeNull();
    expect(texts(box, '.wp-readiness__stale-title')).toEqual(['Stale: one input has changed since this plan was written']);
    expect(texts(box, '.wp-readiness__stale-reasons li')).toEqual(['Meso section "W2 Data model" changed']);
    // The readiness items are there as before: staleness is information, not an item.
    expect(root.querySelectorAll('.wp-readiness__item')).toHaveLength(ALL);
    (box.querySelector('button') as HTMLButtonElement).click();
    expect(p.planned).toEqual(['W2']);

    await p.open(MESO);
    await eventually(() => expect(root.querySelector('table.wp-readiness__table')).not.toBeNull());
    const w2 = root.querySelector('tr[data-wp-workstream="W2"]')!;
    expect(w2.querySelector('.wp-readiness__stale-badge')!.textContent).toBe('Stale');
    expect(texts(root, 'tr[data-wp-stale="W2"] li')).toEqual(['Meso section "W2 Data model" changed']);
    expect(root.querySelector('tr[data-wp-stale="W1"]')).toBeNull();
  });

  it('offers "Plan all workstreams" above the table; a run in progress shows each workstream\'s part and Cancel', async () => {
    const p = makePanel(exampleTree());
    await p.open(MESO);
    const root = (await p.activate()).contentEl;
    const bar = root.querySelector('.wp-readiness__plan-all') as HTMLElement;
    expect(texts(bar, 'button')).toEqual(['Plan all workstreams']);
    (bar.querySelector('button') as HTMLButtonElement).click();
    expect(p.planned).toEqual(['all']);

    // A run going on: each row says its part under its status, the bar says what the run waits for.
    const listeners = new Set<() => void>();
    let snapshot: PlanAllSnapshot = { running: true, rows: new Map([['W1', { status: 'in-batch', detail: 'msgbatch_mock_0002' }], ['W2', { status: 'queued' }], ['W3', { status: 'queued' }]]), line: 'Batch msgbatch_mock_0002: 3 of 7 requests processed.' };
    const live = makePanel(exampleTree(), { allProgress: { get: () => snapshot, onChange: (cb) => (listeners.add(cb), () => listeners.delete(cb)) } });
    await live.open(MESO);
    const el = (await live.activate()).contentEl;
    expect(texts(el, 'table.wp-readiness__table th')).toEqual(['ID', 'Name', 'Tasks', 'Depends on', 'Status', '']);
    expect(texts(el, 'tr[data-wp-workstream] td .wp-readiness__run')).toEqual(['In a batch', 'Queued', 'Queued']);
    expect(texts(el, 'tr[data-wp-workstream="W1"] td')[4]).toBe('Not plannedIn a batch');
    expect(texts(el, '.wp-readiness__plan-all-message')).toEqual(['Batch msgbatch_mock_0002: 3 of 7 requests processed.']);
    expect(texts(el, '.wp-readiness__plan-all button')).toEqual(['Cancel']);
    snapshot = { ...snapshot, rows: new Map([['W1', { status: 'done' }], ['W2', { status: 'writing' }], ['W3', { status: 'queued' }]]) };
    listeners.forEach((cb) => cb());
    expect(texts(el, 'tr[data-wp-workstream] td .wp-readiness__run')).toEqual(['Done', 'Writing', 'Queued']);
    (el.querySelector('.wp-readiness__plan-all button') as HTMLButtonElement).click();
    expect(live.cancelled).toEqual(['all']);
  });

  it('offers "Resume planning" and Cancel when a note holds the batches of a run that stopped', async () => {
    const inFlight = '---\ntags: [workstream-plan, micro-level, W1]\nstatus: in_progress\nplanner: {"version":1,"provider":"anthropic","model":"claude-sonnet-5-5","batch":{"batches":[{"id":"msgbatch_0001","kind":"outline"}]}}\n---\n# Workstream W1 Micro-Level Plan\n';
    const p = makePanel(exampleTree({ [W1_PLAN]: inFlight }));
    await p.open(MESO);
    const root = (await p.activate()).contentEl;
    expect(texts(root, '.wp-readiness__plan-all-message')).toEqual(['W1 is still being planned in batches by a run that stopped. Resume collects what the batches finished; nothing is sent twice.']);
    const buttons = [...root.querySelectorAll('.wp-readiness__plan-all button')] as HTMLButtonElement[];
    expect(buttons.map((b) => b.textContent)).toEqual(['Resume planning', 'Cancel']);
    buttons[0]!.click();
    buttons[1]!.click();
    expect(p.planned).toEqual(['resume-all']);
    expect(p.cancelled).toEqual(['all']);
  });

  it('shows the same table for the overall micro plan', async () => {
    const p = makePanel(exampleTree());
    await p.open(MICRO);
    const root = (await p.activate()).contentEl;
    expect(root.querySelectorAll('table.wp-readiness__table tbody tr')).toHaveLength(3);
  });

  it('refreshes the table when a plan note in the output folder changes', async () => {
    const p = makePanel(exampleTree({ [W2_PLAN]: plans.draft }));
    await p.open(MESO);
    const root = (await p.activate()).contentEl;
    const w2Status = () => root.querySelector('tr[data-wp-workstream="W2"] td:nth-child(5)')!.textContent;
    expect(w2Status()).toBe('Draft');
    await p.double.vault.modify(p.double.vault.getFileByPath(W2_PLAN)!, plans.complete);
    await eventually(() => expect(w2Status()).toBe('Ready'));
  });

  it('shows what to do next for an unrelated note, and for no note', async () => {
    const p = makePanel(exampleTree());
    await p.open(UNRELATED);
    const view = await p.activate();
    const empty = view.contentEl.querySelector('.wp-readiness__empty')!;
    expect(empty.querySelector('.wp-readiness__empty-title')!.textContent).toBe('This note is not a workstream plan.');
    expect(empty.textContent).toMatch(/Open a plan note \(such as Planning\/W2-micro-level-plan\.md\)/);
    expect(empty.textContent).toMatch(/meso-level plan/);
    expect(empty.textContent).toMatch(/"Plan workstream" from the command palette/);

    const q = makePanel(exampleTree());
    const root = (await q.activate()).contentEl;
    expect(root.querySelector('.wp-readiness__empty-title')!.textContent).toBe('No note is open.');
  });

  it('follows the active note and ignores focus moving to the panel itself', async () => {
    const p = makePanel(exampleTree({ [W2_PLAN]: plans.draft }));
    await p.open(UNRELATED);
    const view = await p.activate();
    await p.open(W2_PLAN);
    await eventually(() => expect(view.contentEl.querySelectorAll('.wp-readiness__item')).toHaveLength(ALL));
    // The panel decides on the event itself: had it followed the focus, its note would have changed already.
    p.double.workspace.setActiveLeaf(view.leaf as never);
    expect(view.current.path).toBe(W2_PLAN);
    expect(view.contentEl.querySelectorAll('.wp-readiness__item')).toHaveLength(ALL);
    await p.open(MESO);
    await eventually(() => expect(view.contentEl.querySelector('.wp-readiness__table')).not.toBeNull());
  });

  it('empties when the note is deleted and follows a rename', async () => {
    const p = makePanel(exampleTree({ [W2_PLAN]: plans.draft }));
    await p.open(W2_PLAN);
    const view = await p.activate();
    await p.double.vault.rename(p.double.vault.getFileByPath(W2_PLAN)!, 'Planning/W2-renamed.md');
    await eventually(() => expect(view.current.path).toBe('Planning/W2-renamed.md'));
    await p.double.vault.delete(p.double.vault.getFileByPath('Planning/W2-renamed.md')!);
    await eventually(() => expect(view.contentEl.querySelector('.wp-readiness__empty-title')!.textContent).toBe('No note is open.'));
  });

  it('keeps its note when another note is renamed or deleted', async () => {
    const p = makePanel(exampleTree({ [W2_PLAN]: plans.draft }));
    await p.open(W2_PLAN);
    const view = await p.activate();
    await eventually(() => expect(view.contentEl.querySelectorAll('.wp-readiness__item')).toHaveLength(ALL));
    await p.double.vault.rename(p.double.vault.getFileByPath(UNRELATED)!, 'Inbox/renamed.md');
    expect(view.current.path).toBe(W2_PLAN);
    await p.double.vault.delete(p.double.vault.getFileByPath('Inbox/renamed.md')!);
    expect(view.current.path).toBe(W2_PLAN);
    await view.refresh();
    expect(view.contentEl.querySelectorAll('.wp-readiness__item')).toHaveLength(ALL);
  });

  it('shows a core error as the fact and how to fix it in the plugin', async () => {
    const tree = exampleTree();
    delete tree[MICRO];
    const p = makePanel(tree);
    await p.open(MESO);
    const root = (await p.activate()).contentEl;
    const error = root.querySelector('.wp-readiness__error')!;
    expect(error.textContent).toBe(
      'No overall micro-level plan was found beside the planning notes in research/project-planning (a planning set needs a meso-level-plan and a micro-level-plan note in one folder). Add it there, or set "Overall micro-level plan" in the Workstream Planner settings.',
    );
    expect(root.querySelector('table')).toBeNull();
  });

  it('shows an unexpected failure as one sentence, never a stack trace', async () => {
    const logged = jest.spyOn(console, 'error').mockImplementation(() => {});
    const p = makePanel(exampleTree({ [W2_PLAN]: plans.draft }), {
      vault: (v) => ({ ...bind(v), meta: async () => Promise.reject(new Error('Index exploded\n    at Object.<anonymous> (x.ts:1:1)')) }),
    });
    await p.open(W2_PLAN);
    const root = (await p.activate()).contentEl;
    expect(root.querySelector('.wp-readiness__error')!.textContent).toBe('The readiness panel could not be updated: Index exploded.');
    expect(root.textContent).not.toMatch(/ at /);
    expect(logged).toHaveBeenCalled();
    logged.mockRestore();
  });

  it('keeps a constant set of listeners across re-renders and leaves none after closing', async () => {
    const p = makePanel(exampleTree({ [W2_PLAN]: plans.draft }));
    await p.open(MESO);
    const before = {
      workspace: p.double.workspace.listenerCount(),
      cache: p.double.metadataCache.listenerCount(),
      vault: p.double.vault.listenerCount(),
    };
    const view = await p.activate();
    const registered = (view as unknown as { registered: { events: Set<unknown>; domEvents: number } }).registered;
    const live = registered.events.size;
    expect(live).toBe(6);
    expect(p.progress.subscribers.size).toBe(1);
    for (let i = 0; i < 3; i++) await view.refresh();
    await p.open(W2_PLAN);
    await eventually(() => expect(view.contentEl.querySelectorAll('.wp-readiness__item')).toHaveLength(ALL));
    expect(registered.events.size).toBe(live);
    expect(p.double.workspace.listenerCount()).toBe(before.workspace + 3);
    expect(view.contentEl.querySelectorAll('button')).toHaveLength(0); // the table's buttons went with the table

    p.double.workspace.getLeavesOfType(READINESS_VIEW_TYPE)[0]!.detach();
    await new Promise((r) => setTimeout(r, 0));
    expect(registered.events.size).toBe(0);
    expect(registered.domEvents).toBe(0);
    expect(p.progress.subscribers.size).toBe(0);
    expect(p.double.workspace.listenerCount()).toBe(before.workspace);
    expect(p.double.metadataCache.listenerCount()).toBe(before.cache);
    expect(p.double.vault.listenerCount()).toBe(before.vault);
    expect(view.contentEl.childElementCount).toBe(0);
  });
});

/** A plain object with the port's methods bound, so a test can replace one. */
function bind(v: import('../../../src/core/vault/vault-port').VaultPort): import('../../../src/core/vault/vault-port').VaultPort {
  return {
    listMarkdown: () => v.listMarkdown(),
    stat: (x) => v.stat(x),
    exists: (x) => v.exists(x),
    read: (x) => v.read(x),
    meta: (x) => v.meta(x),
    resolveLink: (a, b) => v.resolveLink(a, b),
    createFolder: (x) => v.createFolder(x),
    create: (a, b) => v.create(a, b),
    append: (a, b) => v.append(a, b),
    replace: (a, b) => v.replace(a, b),
    processFrontmatter: (a, b) => v.processFrontmatter(a, b),
  };
}
