/**
 * "Plan workstream" in a vault of several planning sets: the plugin asks for the set first (never
 * picks one silently), offers the one used last at the top, and writes the plan beside its set.
 */
import * as path from 'node:path';
import { Modal, makeEl } from '../../__mocks__/obsidian';
import type { FuzzyMatch } from '../../__mocks__/obsidian-double/ui';
import type { WorkstreamListing } from '../../../src/core/planner/list-workstreams';
import { PlanningSetSuggestModal, WorkstreamSuggestModal, type PlanningSetChoice } from '../../../src/obsidian/planning/modals';
import { PLUGIN_ID, click, loadPlugin, modalTitled, notices, runCommand, waitFor } from './harness';

const MIXED = path.join(__dirname, '..', '..', 'fixtures', 'vaults', 'upstream-mixed');
type Picker<T> = { query(q: string): Promise<FuzzyMatch<T>[]>; selectSuggestion(v: FuzzyMatch<T>, e: MouseEvent): void };

async function pickSet(folder: string): Promise<PlanningSetChoice[]> {
  const picker = await waitFor(() => Modal.openModals.find((m) => (m as unknown) instanceof PlanningSetSuggestModal) as unknown as Picker<PlanningSetChoice> | undefined, 'the planning set picker');
  const matches = await picker.query('');
  picker.selectSuggestion(matches.find((m) => m.item.folder === folder)!, {} as MouseEvent);
  return matches.map((m) => m.item);
}

async function pickWorkstream(id: string): Promise<WorkstreamListing[]> {
  const picker = await waitFor(() => Modal.openModals.find((m) => (m as unknown) instanceof WorkstreamSuggestModal) as unknown as Picker<WorkstreamListing> | undefined, 'the workstream picker');
  const matches = await picker.query('');
  picker.selectSuggestion(matches.find((m) => m.item.id === id)!, {} as MouseEvent);
  return matches.map((m) => m.item);
}

describe('"Plan workstream" with several planning sets', () => {
  it('asks for the set first, plans into its folder, and offers it first next time', async () => {
    const l = await loadPlugin({ key: false, folder: MIXED });
    expect(runCommand(l, 'plan-workstream')).toBe(true);
    const sets = await pickSet('01-Projects/Birch/Planning/v2');
    expect(sets.map((s) => [s.folder, s.project, s.workstreams, s.last])).toEqual([
      ['01-Projects/Alder/Planning', 'Alder', 3, false],
      ['01-Projects/Birch/Planning/v1', 'Birch', 4, false],
      ['01-Projects/Birch/Planning/v2', 'Birch', 5, false],
      ['01-Projects/Cedar/Planning', 'Cedar', 3, false],
    ]);
    const items = await pickWorkstream('W3');
    expect(items.map((i) => `${i.id} (${i.label}) ${i.name}`)).toContain('W3 (E3) Calendar UI');
    await click(await modalTitled('No API key'), 'Write offline draft');
    const note = '01-Projects/Birch/Planning/v2/W3-micro-level-plan.md';
    await waitFor(() => l.double.vault.peek(note), 'the draft beside its planning set');
    await l.plugin.runner.settled();
    expect(notices().some((n) => n.includes(note))).toBe(true);
    expect((l.double.pluginData.get(PLUGIN_ID) as { lastPlanningSet?: string }).lastPlanningSet).toBe('01-Projects/Birch/Planning/v2');

    expect(runCommand(l, 'plan-workstream')).toBe(true);
    const again = await pickSet('01-Projects/Alder/Planning');
    expect(again[0]).toMatchObject({ folder: '01-Projects/Birch/Planning/v2', last: true });
    const el = makeEl();
    new PlanningSetSuggestModal(l.app as never, again, () => undefined).renderSuggestion({ item: again[0]! }, el);
    expect(el.textContent).toContain('used last time');
    await pickWorkstream('W1');
    await click(await modalTitled('No API key'), 'Write offline draft');
    await waitFor(() => l.double.vault.peek('01-Projects/Alder/Planning/W1-micro-level-plan.md'), 'the Alder draft');
    await l.plugin.runner.settled();
    l.plugin.unload();
  });

  it('does nothing when the set picker is dismissed', async () => {
    const l = await loadPlugin({ key: false, folder: MIXED });
    expect(runCommand(l, 'plan-workstream')).toBe(true);
    const picker = await waitFor(() => Modal.openModals.find((m) => (m as unknown) instanceof PlanningSetSuggestModal), 'the planning set picker');
    picker.close();
    // The suggester reports "no choice" on the next turn, as the app's does.
    await new Promise((r) => setTimeout(r, 0));
    await l.plugin.runner.settled();
    expect(Modal.openModals.filter((m) => (m as unknown) instanceof WorkstreamSuggestModal)).toEqual([]);
    expect(notices()).toEqual([]);
    l.plugin.unload();
  });

  it('"Plan all workstreams" asks for the set first too; dismissing the picker sends nothing', async () => {
    const l = await loadPlugin({ folder: MIXED, data: { baseURL: 'http://127.0.0.1:9' } });
    expect(runCommand(l, 'plan-all-workstreams')).toBe(true);
    const picker = await waitFor(() => Modal.openModals.find((m) => (m as unknown) instanceof PlanningSetSuggestModal), 'the planning set picker');
    picker.close();
    await l.plugin.runner.allSettled();
    expect(l.plugin.runner.planningAll).toBe(false);
    expect(Modal.openModals).toHaveLength(0);
    expect(notices()).toEqual([]);
    l.plugin.unload();
  });
});
