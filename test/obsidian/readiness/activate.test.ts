/** @jest-environment jsdom */
import '../../support/jsdom-globals';
import '../../support/obsidian-dom';
import { activateReadinessView, openNoteAtLine, READINESS_VIEW_TYPE, ReadinessView } from '../../../src/obsidian/readiness';
import { renderItems } from '../../../src/obsidian/readiness/render-items';
import { itemsModel } from '../../../src/obsidian/readiness/readiness-model';
import { READINESS_ITEM_IDS } from '../../../src/core/contracts/readiness';
import { MarkdownView } from '../../__mocks__/obsidian';
import { exampleTree, UNRELATED } from './fixture-vault';
import { makePanel } from './panel-harness';

describe('activateReadinessView', () => {
  it('opens the panel in a right leaf, active and revealed', async () => {
    const p = makePanel(exampleTree());
    const leaf = await activateReadinessView(p.app);
    const d = p.double.workspace;
    expect(d.getLeavesOfType(READINESS_VIEW_TYPE)).toHaveLength(1);
    expect(d.getLeavesOfType(READINESS_VIEW_TYPE)[0]!.side).toBe('right');
    expect(leaf.view).toBeInstanceOf(ReadinessView);
    expect(d.activeLeaf).toBe(leaf);
    expect(d.revealed).toEqual([leaf]);
  });

  it('reuses the existing leaf instead of opening a second one', async () => {
    const p = makePanel(exampleTree());
    const first = await activateReadinessView(p.app);
    const second = await activateReadinessView(p.app);
    expect(second).toBe(first);
    expect(p.double.workspace.getLeavesOfType(READINESS_VIEW_TYPE)).toHaveLength(1);
    expect(p.double.workspace.revealed).toEqual([first, first]);
  });

  it('falls back to ensureSideLeaf when there is no right leaf to get', async () => {
    const p = makePanel(exampleTree());
    p.double.workspace.getRightLeaf = () => null;
    const ensure = jest.spyOn(p.double.workspace, 'ensureSideLeaf');
    const leaf = await activateReadinessView(p.app);
    expect(ensure).toHaveBeenCalledWith(READINESS_VIEW_TYPE, 'right', { active: true, reveal: true });
    expect(leaf.view).toBeInstanceOf(ReadinessView);
  });
});

describe('openNoteAtLine', () => {
  it('opens the note with the cursor on the 1-based line, reusing the tab that shows it', async () => {
    const p = makePanel(exampleTree());
    await p.open(UNRELATED);
    const tabs = p.double.workspace.leaves.length;
    await openNoteAtLine(p.app, UNRELATED, 3);
    expect(p.double.workspace.leaves).toHaveLength(tabs);
    const view = p.double.workspace.activeLeaf!.view;
    expect(view).toBeInstanceOf(MarkdownView);
    expect((view as MarkdownView).file!.path).toBe(UNRELATED);
    expect((view as MarkdownView).editor.getCursor()).toEqual({ line: 2, ch: 0 });
  });

  it('does nothing for a note that no longer exists', async () => {
    const p = makePanel(exampleTree());
    await openNoteAtLine(p.app, 'Gone.md', 1);
    expect(p.double.workspace.leaves).toHaveLength(0);
  });
});

describe('renderItems', () => {
  it('makes items with a line clickable and leaves items without one inert', () => {
    const model = itemsModel({
      ready: false,
      items: READINESS_ITEM_IDS.map((id) => ({ id, ok: id !== 'env-vars', reasons: id === 'env-vars' ? ['Section 5.1 is missing.'] : [], line: id === 'env-vars' ? null : 7 })),
    });
    const parent = document.createElement('div');
    const opened: number[] = [];
    renderItems(parent, model, (line) => opened.push(line));
    const inert = parent.querySelector('[data-wp-item="env-vars"]') as HTMLElement;
    inert.click();
    expect(opened).toEqual([]);
    expect(inert.getAttribute('role')).toBeNull();
    expect(inert.querySelector('.wp-readiness__reason')!.textContent).toBe('Section 5.1 is missing.');
    const live = parent.querySelector('[data-wp-item="tests"]') as HTMLElement;
    expect(live.getAttribute('role')).toBe('button');
    live.click();
    expect(opened).toEqual([7]);
    expect(parent.innerHTML).not.toMatch(/style=/);
  });
});
